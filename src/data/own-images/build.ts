// Labelled image files → one dataset of pixels and class indices, with progress. Files that cannot be used are
// listed with their reasons and left out; the load fails only when what is left cannot train a classifier.
import { decodeImage } from './decode';
import { PixelBudget } from './pixel-budget';
import { sniffImage } from './sniff';
import { ImageDataError, ImageFileError, type ImageFailure, type ImageSize, type LabelledFile } from './types';

export interface OwnImages {
  classNames: string[];
  size: ImageSize;
  /** Pixels 0..255, row-major [count, height, width, channels]. */
  x: Uint8Array;
  /** Class index of each image, into classNames. */
  y: Int32Array;
  count: number;
  failures: ImageFailure[];
}

/** createImageBitmap decodes off the calling thread, so a few at once keep the decoder busy. */
const DECODES_AT_ONCE = 4;
const pixelsOf = (bytes: Uint8Array) => {
  const sniffed = sniffImage(bytes);
  return sniffed.format ? sniffed.width * sniffed.height : 0;
};

export async function buildOwnImages(
  files: LabelledFile[], classNames: string[], size: ImageSize, onProgress?: (done: number, total: number) => void,
): Promise<OwnImages> {
  const classIndex = new Map(classNames.map((name, i) => [name, i]));
  const unknown = files.find((f) => !classIndex.has(f.className));
  if (unknown) throw new ImageDataError(`"${unknown.name}" is in class "${unknown.className}", which is not one of ${classNames.join(', ')}`);

  const decoded: (Uint8Array | null)[] = new Array(files.length).fill(null);
  const failures: ImageFailure[] = [];
  const budget = new PixelBudget();
  let next = 0;
  let done = 0;
  const decodeNext = async () => {
    while (next < files.length) {
      const i = next++;
      const release = await budget.take(pixelsOf(files[i].bytes));
      try {
        decoded[i] = await decodeImage(files[i].bytes, size);
      } catch (e) {
        if (!(e instanceof ImageFileError)) throw e;
        failures.push({ file: files[i].name, reason: e.message });
      } finally {
        release();
      }
      onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DECODES_AT_ONCE, files.length) }, decodeNext));
  failures.sort((a, b) => a.file.localeCompare(b.file));

  const perImage = size.height * size.width * size.channels;
  const count = decoded.filter(Boolean).length;
  const x = new Uint8Array(count * perImage);
  const y = new Int32Array(count);
  let at = 0;
  decoded.forEach((pixels, i) => {
    if (!pixels) return;
    x.set(pixels, at * perImage);
    y[at++] = classIndex.get(files[i].className)!;
  });
  checkUsable(files, classNames, y, failures);
  return { classNames, size, x, y, count, failures };
}

function checkUsable(files: LabelledFile[], classNames: string[], y: Int32Array, failures: ImageFailure[]) {
  if (!y.length) {
    const first = failures[0] ? ` The first, "${failures[0].file}": ${failures[0].reason}.` : '';
    throw new ImageDataError(`None of the ${files.length} files could be read as an image.${first} Use PNG, JPEG, WebP or GIF files.`);
  }
  const counts = classNames.map(() => 0);
  for (const label of y) counts[label]++;
  const empty = classNames.filter((_, i) => counts[i] === 0);
  if (empty.length) {
    throw new ImageDataError(`${quoteList(empty)} ${empty.length === 1 ? 'has' : 'have'} no image that decodes: add PNG, JPEG, WebP or GIF images, or remove the folder.`);
  }
  const single = classNames.filter((_, i) => counts[i] === 1);
  if (single.length) {
    throw new ImageDataError(
      `${quoteList(single)} ${single.length === 1 ? 'has' : 'have'} only 1 image: a class needs at least 2 (some to train on, some to test on); add more.`,
    );
  }
}

const quoteList = (names: string[]) => `Class${names.length > 1 ? 'es' : ''} ${names.map((n) => `"${n}"`).join(', ')}`;
