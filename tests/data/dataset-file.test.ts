import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeDatasetFile, encodeDatasetFile, paethFilter, paethUnfilter, type ImageShape } from '../../src/data/dataset-file';
import { Random } from '../../src/data/random';

const GREY: ImageShape = { height: 28, width: 28, channels: 1 };

/** Random pixels mixed with the edge values 0 and 255 and flat runs, so wrap-around and ties all occur. */
function testPixels(count: number, shape: ImageShape, seed = 1): Uint8Array {
  const random = new Random(seed);
  const pixels = new Uint8Array(count * shape.height * shape.width * shape.channels);
  for (let i = 0; i < pixels.length; i++) {
    const kind = random.int(4);
    pixels[i] = kind === 0 ? 0 : kind === 1 ? 255 : kind === 2 ? pixels[i - 1] ?? 0 : random.int(256);
  }
  return pixels;
}

function testLabels(count: number): Uint8Array {
  return Uint8Array.from({ length: count }, (_, i) => (i * 7) % 10);
}

/** gzip through the web-standard CompressionStream, as a browser would produce it. */
async function webGzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('Paeth filter', () => {
  it('matches residuals worked out by hand, wrapping mod 256', () => {
    // 2×2 image [[10, 20], [30, 40]]: predictions 0, left 10, up 10, left 30 (p = 40 is nearest a = 30).
    expect([...paethFilter(Uint8Array.from([10, 20, 30, 40]), { height: 2, width: 2, channels: 1 })]).toEqual([10, 10, 20, 10]);
    // 1×2 image [255, 0]: the second pixel is predicted 255, so its residual is (0 − 255) mod 256 = 1.
    expect([...paethFilter(Uint8Array.from([255, 0]), { height: 1, width: 2, channels: 1 })]).toEqual([255, 1]);
  });

  it('predicts each channel from the same channel, and never across images', () => {
    // Two 1×2 RGB images: the second image's first pixel has no neighbours, so it is stored as it is.
    const pixels = Uint8Array.from([1, 2, 3, 5, 7, 9, 100, 110, 120, 100, 110, 120]);
    expect([...paethFilter(pixels, { height: 1, width: 2, channels: 3 })]).toEqual([1, 2, 3, 4, 5, 6, 100, 110, 120, 0, 0, 0]);
    // 1×1 images have no neighbours at all: filtering changes nothing.
    expect([...paethFilter(Uint8Array.from([9, 200, 0]), { height: 1, width: 1, channels: 1 })]).toEqual([9, 200, 0]);
  });

  it.each([
    { height: 28, width: 28, channels: 1 },
    { height: 5, width: 3, channels: 3 },
    { height: 1, width: 1, channels: 1 },
    { height: 7, width: 1, channels: 2 },
  ])('unfilter inverts filter for $height×$width×$channels', (shape) => {
    const pixels = testPixels(6, shape, shape.height * 31 + shape.width);
    expect(paethUnfilter(paethFilter(pixels, shape), shape)).toEqual(pixels);
  });
});

describe('encodeDatasetFile / decodeDatasetFile', () => {
  it.each(['paeth', 'none'] as const)('round-trips random images with the %s filter, raw and gzip-compressed', async (filter) => {
    const images = testPixels(50, GREY);
    const labels = testLabels(50);
    const raw = encodeDatasetFile(images, labels, GREY, filter);
    for (const bytes of [raw, new Uint8Array(gzipSync(raw, { level: 9 })), await webGzip(raw)]) {
      const file = await decodeDatasetFile(bytes, 'test.tsds');
      expect(file).toEqual({ shape: GREY, count: 50, filter, labels, images });
    }
  });

  it('round-trips an empty file and a multi-channel one', async () => {
    const empty = await decodeDatasetFile(encodeDatasetFile(new Uint8Array(0), new Uint8Array(0), GREY), 'empty.tsds');
    expect(empty.count).toBe(0);
    const rgb = { height: 4, width: 3, channels: 3 };
    const images = testPixels(3, rgb);
    expect((await decodeDatasetFile(encodeDatasetFile(images, testLabels(3), rgb), 'rgb.tsds')).images).toEqual(images);
  });

  it('refuses to encode pixels that do not match the labels and shape', () => {
    expect(() => encodeDatasetFile(new Uint8Array(784), testLabels(2), GREY)).toThrow(/2 labels need 1568 pixel bytes/);
    expect(() => encodeDatasetFile(new Uint8Array(0), new Uint8Array(0), { height: 0, width: 28, channels: 1 })).toThrow(/1\.\.65535/);
  });
});

describe('decodeDatasetFile rejects bad input with a message that names the file and the fix', () => {
  const raw = encodeDatasetFile(testPixels(20, GREY), testLabels(20), GREY);
  const gz = new Uint8Array(gzipSync(raw, { level: 9 }));
  const name = 'datasets/x/train-3.tsds';
  const fix = /re-download it or run `npm run datasets`/;

  async function failure(bytes: Uint8Array): Promise<string> {
    try {
      await decodeDatasetFile(bytes, name);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the decoder to throw');
  }

  it('empty input', async () => {
    expect(await failure(new Uint8Array(0))).toMatch(/^datasets\/x\/train-3\.tsds is empty: /);
  });

  it('wrong magic, with a hint when a server sent an HTML page', async () => {
    const message = await failure(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]));
    expect(message).toMatch(/train-3\.tsds is not a dataset file .*found 01 02 03 04/);
    expect(message).toMatch(fix);
    const page = new TextEncoder().encode('<!DOCTYPE html><html><body>Not found</body></html>');
    expect(await failure(page)).toMatch(/HTML page: the server probably answered with an error or index page/);
  });

  it('gzip of something else', async () => {
    expect(await failure(new Uint8Array(gzipSync(new TextEncoder().encode('hello, not a dataset'))))).toMatch(/decompresses to something that is not a dataset file/);
  });

  it('truncated raw and truncated gzip', async () => {
    expect(await failure(raw.subarray(0, raw.length - 1))).toMatch(/train-3\.tsds is truncated \(\d+ of \d+ bytes after decompression\)/);
    expect(await failure(raw.subarray(0, 10))).toMatch(/is truncated \(only 10 bytes, not even a header\)/);
    const message = await failure(gz.subarray(0, gz.length >> 1));
    expect(message).toMatch(/train-3\.tsds is corrupted or truncated \(gzip could not decompress it/);
    expect(message).toMatch(fix);
  });

  it('corrupted gzip (one flipped byte) and trailing garbage', async () => {
    const flipped = gz.slice();
    flipped[gz.length >> 1] ^= 0xff;
    expect(await failure(flipped)).toMatch(/is corrupted or truncated \(gzip could not decompress it/);
    const longer = new Uint8Array(raw.length + 3);
    longer.set(raw);
    expect(await failure(longer)).toMatch(/is corrupted \(3 unexpected bytes after the data\)/);
  });

  it('unknown version or filter', async () => {
    const future = raw.slice();
    future[4] = 2;
    expect(await failure(future)).toMatch(/has format version 2 but this app reads version 1/);
    const oddFilter = raw.slice();
    oddFilter[5] = 9;
    expect(await failure(oddFilter)).toMatch(/uses unknown pixel filter 9/);
  });
});
