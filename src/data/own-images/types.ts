// Shapes shared by the own-images pipeline (zip → class folders → sniff → decode → dataset) and its limits.
// Plain data only: this folder runs in a dedicated Web Worker and under Node tests, so no DOM, no tfjs.

/** The pixel size every own image is resized to; the CNN's input shape follows it. */
export interface ImageSize { height: number; width: number; channels: 1 | 3 }

export type ImageSizeId = 'grey28' | 'colour32' | 'colour64';

/** The sizes offered: MNIST's, CIFAR's, and a larger one for photos where 32 px loses too much. */
export const IMAGE_SIZES: { id: ImageSizeId; label: string; size: ImageSize }[] = [
  { id: 'grey28', label: '28×28 grey', size: { height: 28, width: 28, channels: 1 } },
  { id: 'colour32', label: '32×32 colour', size: { height: 32, width: 32, channels: 3 } },
  { id: 'colour64', label: '64×64 colour', size: { height: 64, width: 64, channels: 3 } },
];

/** For a file input's `accept`: the four formats decoded here, and zips of them. */
export const IMAGE_FILE_ACCEPT = 'image/png,image/jpeg,image/webp,image/gif,.png,.jpg,.jpeg,.webp,.gif,.zip,application/zip';

/** A file as picked (a folder with webkitdirectory gives "root/cats/img1.png") or as read from a zip. */
export interface ImageFile { path: string; bytes: Uint8Array }

/** A file placed in a class; `name` is its path as the user gave it, for listing failures. */
export interface LabelledFile { className: string; name: string; bytes: Uint8Array }

/** One file that was left out, and why in words a person can act on. */
export interface ImageFailure { file: string; reason: string }

/** A problem that stops the whole load; the message says what is wrong and what to do. */
export class ImageDataError extends Error {
  override name = 'ImageDataError';
}

/** One file that cannot be used (not an image, too large, does not decode); the message is its reason. */
export class ImageFileError extends Error {
  override name = 'ImageFileError';
}

/**
 * Images wider or taller than this are refused before decoding: an RGBA bitmap of 8192×8192 is already 256 MB,
 * and a 20,000×20,000 one (1.6 GB) would fail or take the tab down.
 */
export const MAX_IMAGE_SIDE = 8192;

/** Zip limits: total declared uncompressed size, and the largest compression ratio a large entry may have. */
export const MAX_ZIP_TOTAL_BYTES = 1024 ** 3;
export const MAX_ZIP_RATIO = 100;
/** Entries smaller than this may have any ratio (a blank 1 MB PNG legitimately deflates a lot). */
export const RATIO_CHECK_MIN_BYTES = 1024 ** 2;
