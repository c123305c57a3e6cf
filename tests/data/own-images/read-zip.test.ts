// Reading image zips made here with fflate's zipSync: the files come back whole, junk entries are skipped, and
// zip bombs are refused, both those that declare their size honestly and those whose declared size lies.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readImageZip } from '../../../src/data/own-images/read-zip';
import { ImageDataError } from '../../../src/data/own-images/types';
import { pngBytes } from './image-bytes';

const noise = (n: number, seed = 1) => {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) out[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
};

/** Overwrites the uncompressed size every header of the zip declares for `name` (local and central directory). */
function declareSize(zip: Uint8Array, name: string, size: number) {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const encoded = new TextEncoder().encode(name);
  const nameAt = (at: number, lengthOffset: number, nameOffset: number) => {
    const length = view.getUint16(at + lengthOffset, true);
    return length === encoded.length && encoded.every((b, i) => out[at + nameOffset + i] === b);
  };
  let patched = 0;
  for (let at = 0; at + 46 <= out.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && nameAt(at, 26, 30)) (view.setUint32(at + 22, size, true), patched++);
    if (sig === 0x02014b50 && nameAt(at, 28, 46)) (view.setUint32(at + 24, size, true), patched++);
  }
  expect(patched).toBe(2);
  return out;
}

describe('readImageZip', () => {
  it('returns every file whole, stored or deflated, across many 16 KB feeds, and skips folders, __MACOSX and dot files', async () => {
    const png = pngBytes(4, 4, (x, y) => [x * 60, y * 60, 9]);
    const stored = noise(40_000, 2);
    const deflated = noise(100_000, 3);
    const zip = zipSync({
      'pets/cats/a.png': png,
      'pets/cats/stored.bin': [stored, { level: 0 }],
      'pets/dogs/deflated.bin': [deflated, { level: 6 }],
      'pets/dogs/': new Uint8Array(0),
      '__MACOSX/pets/cats/._a.png': noise(50),
      'pets/.DS_Store': noise(20),
      'pets/cats/.hidden.png': png,
    });
    const files = await readImageZip(zip, 'pets.zip');
    expect(files.map((f) => f.path)).toEqual(['pets/cats/a.png', 'pets/cats/stored.bin', 'pets/dogs/deflated.bin']);
    expect(files[0].bytes).toEqual(png);
    expect(files[1].bytes).toEqual(stored);
    expect(files[1].bytes.buffer.byteLength).toBe(stored.length); // a copy, not a view holding the whole zip
    expect(files[2].bytes).toEqual(deflated);
  });

  it('refuses a highly compressible large entry by its declared ratio, before inflating it', async () => {
    const zip = zipSync({ 'cats/a.png': pngBytes(2, 2, () => [0, 0, 0]), 'cats/bomb.png': new Uint8Array(4 * 1024 ** 2) });
    await expect(readImageZip(zip, 'bomb.zip')).rejects.toThrow(/bomb\.zip looks like a zip bomb: "cats\/bomb\.png" would expand \d+:1 .*4\.0 MB/);
  });

  it('refuses a zip whose entries declare over 1 GB in all, though each is small enough to pass the ratio check', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 1100; i++) entries[`c${i % 2}/${i}.png`] = noise(10, i);
    let zip: Uint8Array = zipSync(entries);
    for (const name of Object.keys(entries)) zip = declareSize(zip, name, 1_000_000);
    const error = await readImageZip(zip, 'many.zip').catch((e) => e);
    expect(error).toBeInstanceOf(ImageDataError);
    expect(error.message).toMatch(/^many\.zip would expand to 1049 MB, more than the 1024 MB this page reads/);
  });

  it('stops inflating an entry the moment it passes the size it declared (a tampered header)', async () => {
    let zip: Uint8Array = zipSync({ 'cats/a.png': pngBytes(2, 2, () => [0, 0, 0]), 'cats/liar.png': new Uint8Array(3 * 1024 ** 2) });
    zip = declareSize(zip, 'cats/liar.png', 1000);
    await expect(readImageZip(zip, 'liar.zip')).rejects.toThrow(/liar\.zip looks like a zip bomb: "cats\/liar\.png" declares 0\.0 MB but inflates to more/);
  });

  it('says a file that is not a zip is not readable', async () => {
    const error = await readImageZip(noise(5000), 'photo.zip').catch((e) => e);
    expect(error).toBeInstanceOf(ImageDataError);
    expect(error.message).toMatch(/^photo\.zip is not a readable \.zip file .*: make the zip again, or pick the folder instead$/);
  });
});
