// Classes from folder names: "cats/a.png" or "root/cats/a.png" (a folder picked with webkitdirectory always
// gives its own name first; a zip may or may not wrap everything in one folder). The class is the folder that
// holds the file directly; files deeper down ("cats/indoor/a.png") belong to their top class folder.
import { ImageDataError, type ImageFailure, type ImageFile, type LabelledFile } from './types';
import { isSkippedZipEntry } from './read-zip';

const LAYOUT = 'Put each class in its own folder, e.g. "cats/1.png" and "dogs/1.png", and pick the folder above them (or zip it)';

export function groupByClass(files: ImageFile[]): { classNames: string[]; files: LabelledFile[]; skipped: ImageFailure[] } {
  const kept = files.filter((f) => !isSkippedZipEntry(normalise(f.path)));
  if (!kept.length) throw new ImageDataError(`No image files were found. ${LAYOUT}.`);
  const split = kept.map((f) => ({ file: f, parts: normalise(f.path).split('/') }));
  // Everything under one top folder with sub-folders in it: that folder is the picked root, not a class (with
  // one top folder it could only ever be one class). Loose files beside the class folders are listed as skipped.
  const tops = new Set(split.map((s) => s.parts[0]));
  const wrapped = tops.size === 1 && split.some((s) => s.parts.length >= 3);
  const labelled: LabelledFile[] = [];
  const skipped: ImageFailure[] = [];
  for (const { file, parts } of split) {
    const rest = wrapped ? parts.slice(1) : parts;
    if (rest.length < 2) {
      skipped.push({ file: file.path, reason: `is not inside a class folder: ${LAYOUT.toLowerCase()}` });
      continue;
    }
    labelled.push({ className: rest[0], name: file.path, bytes: file.bytes });
  }
  const classNames = [...new Set(labelled.map((f) => f.className))].sort((a, b) => a.localeCompare(b));
  if (!labelled.length) {
    throw new ImageDataError(`All ${kept.length} files are at the top level, with no class folders. ${LAYOUT}.`);
  }
  if (classNames.length < 2) {
    throw new ImageDataError(`Only one class was found ("${classNames[0]}"): a classifier needs at least two. ${LAYOUT}.`);
  }
  return { classNames, files: labelled, skipped };
}

/** Windows paths and a leading "./" or "/" read the same as plain ones. */
const normalise = (path: string) => path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
