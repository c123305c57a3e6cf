// Format and pixel size from an image's first bytes, without decoding, so that a 20,000×20,000 image is refused
// before the browser allocates 1.6 GB for it. Hand-written: it is a few fixed header reads per format (PNG IHDR,
// GIF logical screen, WebP's VP8/VP8L/VP8X chunk, JPEG's SOFn segment), and the npm libraries for it
// (image-size, probe-image-size) are built on Node's fs and streams, which a Web Worker does not have.
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
export type Sniffed = { format: ImageFormat; width: number; height: number } | { format: null; looksLike?: string };

export function sniffImage(bytes: Uint8Array): Sniffed {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  if (has(24) && startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && ascii(bytes, 12, 4) === 'IHDR') {
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (has(10) && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
    return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (has(16) && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return sniffWebp(bytes, view);
  if (has(3) && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return sniffJpeg(bytes, view);
  return { format: null, looksLike: looksLike(bytes) };
}

function sniffWebp(bytes: Uint8Array, view: DataView): Sniffed {
  const chunk = ascii(bytes, 12, 4);
  // VP8 (lossy): frame tag (3 bytes) at 20, start code 9d 01 2a, then 14-bit width and height.
  if (chunk === 'VP8 ' && bytes.length >= 30 && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) {
    return { format: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  // VP8L (lossless): signature 0x2f, then width − 1 and height − 1 in 14 bits each, little-endian bit order.
  if (chunk === 'VP8L' && bytes.length >= 25 && bytes[20] === 0x2f) {
    const bits = view.getUint32(21, true);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  // VP8X (extended: alpha, animation): canvas width − 1 and height − 1 as 24-bit numbers at 24 and 27.
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return { format: 'webp', width: uint24(bytes, 24) + 1, height: uint24(bytes, 27) + 1 };
  }
  return { format: null, looksLike: 'a WebP file with a broken header' };
}

// JPEG: walk the marker segments (FF xx, then a 2-byte big-endian length that counts itself) to the first
// start-of-frame, which holds precision (1 byte), height and width (2 bytes each).
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function sniffJpeg(bytes: Uint8Array, view: DataView): Sniffed {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1];
    if (marker === 0xff) { at += 1; continue; } // fill byte
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) { at += 2; continue; } // no length
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or scan data before any frame header
    const length = view.getUint16(at + 2);
    if (SOF_MARKERS.has(marker)) {
      if (at + 9 > bytes.length) break;
      return { format: 'jpeg', width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    }
    at += 2 + length;
  }
  return { format: null, looksLike: 'a JPEG file with no frame header (cut short or corrupt)' };
}

/** What a file that is not one of the four formats seems to be, for the message. */
function looksLike(bytes: Uint8Array): string | undefined {
  const head = ascii(bytes, 0, Math.min(bytes.length, 16));
  if (!bytes.length) return 'an empty file';
  if (head.startsWith('%PDF')) return 'a PDF';
  if (head.startsWith('PK\x03\x04')) return 'a zip file (pick it as a .zip to read the images in it)';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'a gzip file';
  if (head.startsWith('BM')) return 'a BMP image';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'a TIFF image';
  if (head.slice(4, 8) === 'ftyp') {
    const brand = head.slice(8, 12);
    if (brand.startsWith('avi')) return 'an AVIF image';
    if (['heic', 'heix', 'mif1', 'msf1', 'hevc'].includes(brand)) return 'a HEIC photo, as iPhones save them';
    return 'a video';
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 256)).trimStart();
  if (/^<(\?xml|svg)/i.test(text) && /<svg/i.test(text)) return 'an SVG drawing';
  if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text)) return 'a text file';
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + length));
}

const uint24 = (bytes: Uint8Array, at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
