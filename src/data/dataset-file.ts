// The image dataset file (.tsds): one shard of labelled images, small enough to fetch whole.
//
// Layout of the decompressed bytes (all integers little-endian):
//   offset  size  field
//        0     4  magic "TSDS" (54 53 44 53)
//        4     1  format version, 1
//        5     1  pixel filter id: 0 none, 4 Paeth (the numbers PNG uses for its filter types)
//        6     1  channels per pixel
//        7     1  reserved, 0
//        8     4  count: number of examples
//       12     2  height
//       14     2  width
//       16 count  labels, one byte per example
//        …  count × height × width × channels pixel bytes, example after example, each row-major [h, w, c]
//
// With the Paeth filter each pixel byte is stored as (pixel − prediction) mod 256, the prediction being PNG's
// Paeth predictor over the left, up and up-left neighbours of the same channel in the same image; neighbours
// outside the image count as 0. Neighbouring pixels are alike, so the residuals cluster near 0: gzip packs
// Fashion-MNIST about 9% smaller so. MNIST's strokes are flat runs of 0 and 255 that deflate already matches
// well, and residuals break them up, so there 'none' packs smaller; each file says which filter it used.
//
// On disk the whole thing is gzip-compressed (the build script uses level 9). The extension is not .gz so that
// static hosts serve the bytes as they are instead of adding Content-Encoding; if some server or cache
// decompresses them anyway, the decoder accepts the raw layout too.

export const DATASET_FILE_VERSION = 1;
export const HEADER_BYTES = 16;
const MAGIC = [0x54, 0x53, 0x44, 0x53]; // "TSDS"
const GZIP_MAGIC = [0x1f, 0x8b];

export type PixelFilter = 'none' | 'paeth';
const FILTER_IDS: Record<PixelFilter, number> = { none: 0, paeth: 4 };

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

export interface DatasetFile {
  shape: ImageShape;
  count: number;
  filter: PixelFilter;
  /** One class index per example. */
  labels: Uint8Array;
  /** Pixels 0..255, row-major [count, height, width, channels], unfiltered. */
  images: Uint8Array;
}

const FIX = 're-download it or run `npm run datasets`';

/** True when the bytes start like a gzip stream (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** True when the bytes start with the uncompressed layout's magic "TSDS". */
export function isRawDatasetFile(bytes: Uint8Array): boolean {
  return startsWith(bytes, MAGIC);
}

/** The file's bytes before compression: header, labels, filtered pixels. The caller gzips them. */
export function encodeDatasetFile(
  images: Uint8Array,
  labels: Uint8Array,
  shape: ImageShape,
  filter: PixelFilter = 'paeth',
): Uint8Array {
  const { height, width, channels } = shape;
  const count = labels.length;
  const imageSize = height * width * channels;
  if (![height, width].every((n) => Number.isInteger(n) && n >= 1 && n <= 0xffff)) {
    throw new Error(`Image size ${height}×${width} does not fit the format: height and width must be 1..65535`);
  }
  if (!Number.isInteger(channels) || channels < 1 || channels > 255) {
    throw new Error(`${channels} channels do not fit the format: use 1..255`);
  }
  if (images.length !== count * imageSize) {
    throw new Error(`${count} labels need ${count * imageSize} pixel bytes (${height}×${width}×${channels} each), got ${images.length}`);
  }
  const out = new Uint8Array(HEADER_BYTES + count + images.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  out[4] = DATASET_FILE_VERSION;
  out[5] = FILTER_IDS[filter];
  out[6] = channels;
  view.setUint32(8, count, true);
  view.setUint16(12, height, true);
  view.setUint16(14, width, true);
  out.set(labels, HEADER_BYTES);
  out.set(filter === 'paeth' ? paethFilter(images, shape) : images, HEADER_BYTES + count);
  return out;
}

/**
 * Reads a .tsds file, gzip-compressed or not. `fileName` only names the file in error messages, which say
 * what is wrong and what to do about it.
 */
export async function decodeDatasetFile(bytes: Uint8Array, fileName: string): Promise<DatasetFile> {
  if (bytes.length === 0) throw new Error(`${fileName} is empty: ${FIX}`);
  const raw = isGzip(bytes) ? await gunzip(bytes, fileName) : bytes;
  if (!startsWith(raw, MAGIC)) {
    const what = isGzip(bytes) ? 'decompresses to something that is not a dataset file' : 'is not a dataset file';
    throw new Error(`${fileName} ${what} (expected it to start with "TSDS" or gzip bytes 1f 8b, found ${describeStart(raw)}): ${FIX}`);
  }
  if (raw.length < HEADER_BYTES) throw new Error(`${fileName} is truncated (only ${raw.length} bytes, not even a header): ${FIX}`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const version = raw[4];
  if (version !== DATASET_FILE_VERSION) {
    throw new Error(`${fileName} has format version ${version} but this app reads version ${DATASET_FILE_VERSION}: run \`npm run datasets\` with this version of the app`);
  }
  const filter = (Object.keys(FILTER_IDS) as PixelFilter[]).find((f) => FILTER_IDS[f] === raw[5]);
  if (!filter) throw new Error(`${fileName} uses unknown pixel filter ${raw[5]}: ${FIX}`);
  const shape = { channels: raw[6], height: view.getUint16(12, true), width: view.getUint16(14, true) };
  const count = view.getUint32(8, true);
  const expected = HEADER_BYTES + count * (1 + shape.height * shape.width * shape.channels);
  if (raw.length < expected) {
    throw new Error(`${fileName} is truncated (${raw.length} of ${expected} bytes after decompression): ${FIX}`);
  }
  if (raw.length > expected) {
    throw new Error(`${fileName} is corrupted (${raw.length - expected} unexpected bytes after the data): ${FIX}`);
  }
  const labels = raw.slice(HEADER_BYTES, HEADER_BYTES + count);
  const stored = raw.subarray(HEADER_BYTES + count);
  const images = filter === 'paeth' ? paethUnfilter(stored, shape) : stored.slice();
  return { shape, count, filter, labels, images };
}

/** PNG's Paeth predictor: whichever of left a, up b, up-left c is closest to a + b − c (ties: a, then b). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Residuals (pixel − Paeth prediction) mod 256 for every image in `pixels` ([count, h, w, c]). */
export function paethFilter(pixels: Uint8Array, shape: ImageShape): Uint8Array {
  const out = new Uint8Array(pixels.length);
  forEachPixel(pixels.length, shape, (i, a, b, c) => {
    out[i] = pixels[i] - paeth(a >= 0 ? pixels[a] : 0, b >= 0 ? pixels[b] : 0, c >= 0 ? pixels[c] : 0);
  });
  return out;
}

/** Inverse of paethFilter: rebuilds pixels in order, each prediction using already-rebuilt neighbours. */
export function paethUnfilter(residuals: Uint8Array, shape: ImageShape): Uint8Array {
  const out = new Uint8Array(residuals.length);
  forEachPixel(residuals.length, shape, (i, a, b, c) => {
    out[i] = residuals[i] + paeth(a >= 0 ? out[a] : 0, b >= 0 ? out[b] : 0, c >= 0 ? out[c] : 0);
  });
  return out;
}

/**
 * Visits every byte index i in scan order with the indices of its left (a), up (b) and up-left (c) neighbours
 * in the same channel and image, or −1 where the neighbour is outside the image. Uint8Array stores wrap mod 256.
 */
function forEachPixel(
  length: number,
  { height, width, channels }: ImageShape,
  visit: (i: number, a: number, b: number, c: number) => void,
): void {
  const row = width * channels;
  const imageSize = height * row;
  for (let base = 0; base < length; base += imageSize) {
    for (let y = 0; y < height; y++) {
      const rowStart = base + y * row;
      for (let x = 0; x < row; x++) {
        const i = rowStart + x;
        const hasLeft = x >= channels;
        visit(i, hasLeft ? i - channels : -1, y > 0 ? i - row : -1, hasLeft && y > 0 ? i - row - channels : -1);
      }
    }
  }
}

async function gunzip(bytes: Uint8Array, fileName: string): Promise<Uint8Array> {
  try {
    const source = new ReadableStream<BufferSource>({
      start(controller) {
        controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
        controller.close();
      },
    });
    return new Uint8Array(await new Response(source.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${fileName} is corrupted or truncated (gzip could not decompress it: ${reason}): ${FIX}`, { cause: error });
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The first bytes in hex, with a hint when they look like the HTML error page a server sends for a missing file. */
function describeStart(bytes: Uint8Array): string {
  const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ') || 'nothing';
  const text = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().toLowerCase();
  const html = text.startsWith('<!doctype') || text.startsWith('<html');
  return html ? `${hex}, an HTML page: the server probably answered with an error or index page instead of the file` : hex;
}
