// Real image files made byte by byte for the tests: PNG (zlib from fflate, CRC-32 here) and GIF (LZW written
// so that its codes stay 9 bits wide), plus header-only JPEG and WebP starts for the sniffing tests.
import { zlibSync } from 'fflate';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set([...type].map((ch) => ch.charCodeAt(0)), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};

function ihdr(width: number, height: number): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([8, 2, 0, 0, 0], 8); // 8 bits, colour type 2 (RGB), deflate, no filter method, no interlace
  return chunk('IHDR', data);
}

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An RGB PNG of `rgb(x, y)` → [r, g, b]. */
export function pngBytes(width: number, height: number, rgb: (x: number, y: number) => [number, number, number]): Uint8Array {
  const raw = new Uint8Array(height * (1 + 3 * width));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(rgb(x, y), y * (1 + 3 * width) + 1 + 3 * x); // filter byte 0 per row
  }
  return concat(PNG_SIGNATURE, ihdr(width, height), chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array()));
}

/** A PNG that is only its signature and header: what a 20,000×20,000 file starts with. */
export const pngHeaderOnly = (width: number, height: number) => concat(PNG_SIGNATURE, ihdr(width, height));

/**
 * A GIF of palette indices `index(x, y)` (0..255) over `palette` ([r, g, b] each). LZW with 8-bit minimum code
 * size: a clear code every 100 pixels keeps the table from growing past 9-bit codes, so no compression is done.
 */
export function gifBytes(width: number, height: number, palette: [number, number, number][], index: (x: number, y: number) => number): Uint8Array {
  const header = new Uint8Array(13);
  header.set([...'GIF89a'].map((c) => c.charCodeAt(0)));
  new DataView(header.buffer).setUint16(6, width, true);
  new DataView(header.buffer).setUint16(8, height, true);
  header.set([0xf7, 0, 0], 10); // global colour table of 2^(7+1) = 256 entries
  const table = new Uint8Array(256 * 3);
  palette.forEach((c, i) => table.set(c, 3 * i));
  const descriptor = new Uint8Array(10);
  descriptor[0] = 0x2c;
  new DataView(descriptor.buffer).setUint16(5, width, true);
  new DataView(descriptor.buffer).setUint16(7, height, true);
  const codes: number[] = [];
  for (let p = 0; p < width * height; p++) {
    if (p % 100 === 0) codes.push(256);
    codes.push(index(p % width, Math.floor(p / width)));
  }
  codes.push(257);
  const packed: number[] = [];
  let bits = 0, count = 0;
  for (const code of codes) {
    bits |= code << count;
    count += 9;
    while (count >= 8) { packed.push(bits & 0xff); bits >>>= 8; count -= 8; }
  }
  if (count) packed.push(bits & 0xff);
  const blocks: number[] = [8];
  for (let at = 0; at < packed.length; at += 255) {
    const block = packed.slice(at, at + 255);
    blocks.push(block.length, ...block);
  }
  blocks.push(0, 0x3b);
  return concat(header, table, descriptor, new Uint8Array(blocks));
}

/** The start of a baseline JPEG: SOI, a JFIF APP0 segment, then SOF0 with the size. */
export function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0]);
}

const riff = (chunkType: string, payload: number[]) => {
  const text = (s: string) => [...s].map((c) => c.charCodeAt(0));
  const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
  return new Uint8Array([...text('RIFF'), ...le32(payload.length + 12), ...text('WEBP'), ...text(chunkType), ...le32(payload.length), ...payload]);
};

/** WebP starts: lossy (VP8), lossless (VP8L) and extended (VP8X) headers with the given size. */
export const webpHeader = {
  lossy: (w: number, h: number) => riff('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, w & 0xff, w >> 8, h & 0xff, h >> 8]),
  lossless: (w: number, h: number) => {
    const bits = (w - 1) | ((h - 1) << 14);
    return riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]);
  },
  extended: (w: number, h: number) => riff('VP8X', [0x10, 0, 0, 0, (w - 1) & 0xff, ((w - 1) >> 8) & 0xff, (w - 1) >> 16, (h - 1) & 0xff, ((h - 1) >> 8) & 0xff, (h - 1) >> 16]),
};
