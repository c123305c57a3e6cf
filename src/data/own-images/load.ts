// The whole own-images load in one call, for the worker: picked Files (a folder, files, or a .zip) → classes
// from the folders → pixels at the chosen size. Files left out for their place (loose beside the class folders)
// and for their content (not an image, too large, broken) are listed together.
import { buildOwnImages, type OwnImages } from './build';
import { groupByClass } from './class-folders';
import { readPickedFiles } from './picked-files';
import type { ImageSize } from './types';

export async function loadOwnImages(picked: Iterable<File>, size: ImageSize, onProgress?: (done: number, total: number) => void): Promise<OwnImages> {
  const grouped = groupByClass(await readPickedFiles(picked));
  const built = await buildOwnImages(grouped.files, grouped.classNames, size, onProgress);
  return { ...built, failures: [...grouped.skipped, ...built.failures] };
}
