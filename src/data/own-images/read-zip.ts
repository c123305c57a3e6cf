// Reads the image files out of a .zip with fflate, refusing zip bombs before and while inflating.
//
// Two passes over the bytes. The first reads only the central directory (fflate's unzipSync with a filter that
// keeps nothing, so nothing is inflated) and checks the sizes each entry declares: over 1 GB in all, or a large
// entry that claims to expand more than 100:1, is refused before any memory is spent. The declared sizes can
// lie, so the second pass inflates with fflate's streaming Unzip, fed 16 KB of zip at a time (deflate expands
// at most ~1032:1, so one chunk can add at most ~16 MB), counts the bytes each entry really produces, and stops
// the moment an entry passes what it declared.
import { Unzip, UnzipInflate, unzipSync, type UnzipFileInfo } from 'fflate';
import { ImageDataError, MAX_ZIP_RATIO, MAX_ZIP_TOTAL_BYTES, RATIO_CHECK_MIN_BYTES, type ImageFile } from './types';

const FEED_BYTES = 16 * 1024;
const MB = 1024 ** 2;

/** Folders, macOS resource forks (__MACOSX/, ._x) and hidden files (.DS_Store) are not images of a class. */
export function isSkippedZipEntry(path: string): boolean {
  if (path.endsWith('/')) return true;
  const parts = path.split('/');
  return parts.includes('__MACOSX') || parts.some((part) => part.startsWith('.'));
}

/** The image files in a zip as { path, bytes }, in the zip's order. Throws ImageDataError for a bomb or a broken zip. */
export async function readImageZip(bytes: Uint8Array, zipName: string): Promise<ImageFile[]> {
  const declared = readDirectory(bytes, zipName);
  checkDeclaredSizes(declared, zipName);
  return inflateEntries(bytes, declared, zipName);
}

function readDirectory(bytes: Uint8Array, zipName: string): Map<string, UnzipFileInfo> {
  const entries = new Map<string, UnzipFileInfo>();
  try {
    unzipSync(bytes, {
      filter: (info) => {
        if (!isSkippedZipEntry(info.name)) entries.set(info.name, info);
        return false;
      },
    });
  } catch (e) {
    throw new ImageDataError(`${zipName} is not a readable .zip file (${(e as Error).message}): make the zip again, or pick the folder instead`);
  }
  return entries;
}

function checkDeclaredSizes(entries: Map<string, UnzipFileInfo>, zipName: string) {
  let total = 0;
  for (const info of entries.values()) {
    total += info.originalSize;
    const ratio = info.originalSize / Math.max(info.size, 1);
    if (info.originalSize >= RATIO_CHECK_MIN_BYTES && ratio > MAX_ZIP_RATIO) {
      throw new ImageDataError(
        `${zipName} looks like a zip bomb: "${info.name}" would expand ${Math.round(ratio)}:1 (${mb(info.size)} to ${mb(info.originalSize)}), ` +
          `more than the ${MAX_ZIP_RATIO}:1 images ever need. Zip the image files themselves, or pick the folder instead`,
      );
    }
  }
  if (total > MAX_ZIP_TOTAL_BYTES) {
    throw new ImageDataError(
      `${zipName} would expand to ${mb(total)}, more than the ${mb(MAX_ZIP_TOTAL_BYTES)} this page reads: ` +
        'use fewer or smaller images (a few hundred per class is plenty at 64×64)',
    );
  }
}

function inflateEntries(bytes: Uint8Array, declared: Map<string, UnzipFileInfo>, zipName: string): ImageFile[] {
  const files: ImageFile[] = [];
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    const info = declared.get(file.name);
    if (!info) return; // skipped entry, or a local header the central directory does not list: never started
    declared.delete(file.name); // a second entry of the same name is not started either
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new ImageDataError(`${zipName}: "${file.name}" does not inflate (${err.message}): make the zip again`);
        return;
      }
      size += chunk.length;
      if (size > info.originalSize) {
        failure = new ImageDataError(
          `${zipName} looks like a zip bomb: "${file.name}" declares ${mb(info.originalSize)} but inflates to more. ` +
            'Make the zip again with an ordinary zip tool, or pick the folder instead',
        );
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) files.push({ path: file.name, bytes: concat(chunks, size) });
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !failure; at += FEED_BYTES) {
      unzip.push(bytes.subarray(at, at + FEED_BYTES), at + FEED_BYTES >= bytes.length);
    }
  } catch (e) {
    failure ??= new ImageDataError(`${zipName} is not a readable .zip file (${(e as Error).message}): make the zip again, or pick the folder instead`);
  }
  if (failure) throw failure;
  return files;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  // A stored (uncompressed) entry arrives as a view into the zip's bytes; copy it so the zip can be let go.
  if (chunks.length === 1 && chunks[0].byteLength === chunks[0].buffer.byteLength) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const mb = (bytes: number) => (bytes >= 10 * MB ? `${Math.round(bytes / MB)} MB` : `${(bytes / MB).toFixed(1)} MB`);
