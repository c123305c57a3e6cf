// One image file's bytes → pixels of the chosen size, in a Web Worker or a page: the header is checked first
// (sniff.ts), then createImageBitmap decodes and an OffscreenCanvas resizes.
//
// Resizing centre-crops to the target's aspect ratio and then scales (as Teachable Machine does), so a wide
// photo keeps its proportions instead of being squashed; what lies outside the central square is lost.
// Transparent pixels are laid on white, as the image shows on a page, instead of turning black.
import { sniffImage } from './sniff';
import { ImageFileError, MAX_IMAGE_SIDE, type ImageSize } from './types';

/** Why these bytes cannot be used as an image, or null when the header looks decodable. */
export function imageProblem(bytes: Uint8Array): string | null {
  const sniffed = sniffImage(bytes);
  if (!sniffed.format) {
    const seems = sniffed.looksLike ? ` (looks like ${sniffed.looksLike})` : '';
    return `not a PNG, JPEG, WebP or GIF image${seems}: convert it to one of those, or remove it`;
  }
  const { width, height } = sniffed;
  if (width < 1 || height < 1) return `${width}×${height} pixels: the ${sniffed.format.toUpperCase()} header is broken`;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    return `${width}×${height} pixels: larger than ${MAX_IMAGE_SIDE} px a side; resize it first`;
  }
  return null;
}

/** Row-major [height, width, channels] bytes 0..255; throws ImageFileError with the reason a file is unusable. */
export async function decodeImage(bytes: Uint8Array, size: ImageSize): Promise<Uint8Array> {
  const problem = imageProblem(bytes);
  if (problem) throw new ImageFileError(problem);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  } catch {
    throw new ImageFileError('does not decode: the file is cut short or corrupt; open it in an image viewer to check');
  }
  try {
    return fromRgba(drawCentreCrop(bitmap, size), size.channels);
  } finally {
    bitmap.close();
  }
}

/** The crop of a source that has the target's aspect ratio, centred: [x, y, width, height] in source pixels. */
export function centreCrop(sourceWidth: number, sourceHeight: number, size: Pick<ImageSize, 'width' | 'height'>): [number, number, number, number] {
  const aspect = size.width / size.height;
  const width = Math.min(sourceWidth, sourceHeight * aspect);
  const height = width / aspect;
  return [(sourceWidth - width) / 2, (sourceHeight - height) / 2, width, height];
}

function drawCentreCrop(bitmap: ImageBitmap, size: ImageSize): Uint8ClampedArray {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('this browser gives no 2D OffscreenCanvas, which decoding images needs');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, size.width, size.height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, ...centreCrop(bitmap.width, bitmap.height, size), 0, 0, size.width, size.height);
  return context.getImageData(0, 0, size.width, size.height).data;
}

/** RGBA → RGB, or → grey as ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B, the weights MNIST-style grey uses). */
export function fromRgba(rgba: Uint8ClampedArray | Uint8Array, channels: 1 | 3): Uint8Array {
  const pixels = rgba.length / 4;
  const out = new Uint8Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    const r = rgba[4 * p], g = rgba[4 * p + 1], b = rgba[4 * p + 2];
    if (channels === 1) out[p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    else out.set([r, g, b], 3 * p);
  }
  return out;
}
