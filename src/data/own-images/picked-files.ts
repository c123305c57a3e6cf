// What a file input or a drop hands over (File objects; a folder picked with webkitdirectory gives each file its
// path under the folder) → ImageFile[] with paths for groupByClass. A .zip among them is opened in its place.
// File and Blob exist in dedicated workers too, so the Files can be posted to the worker and read there.
import { readImageZip } from './read-zip';
import type { ImageFile } from './types';

/** The path a picked file has under the picked folder ("pets/cats/1.png"), or its bare name. */
export const pickedPath = (file: File) => (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;

export async function readPickedFiles(files: Iterable<File>): Promise<ImageFile[]> {
  const out: ImageFile[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (/\.zip$/i.test(file.name)) out.push(...(await readImageZip(bytes, file.name)));
    else out.push({ path: pickedPath(file), bytes });
  }
  return out;
}
