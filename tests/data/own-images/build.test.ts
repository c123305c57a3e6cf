// What can be checked of the image pipeline under Node, where there is no createImageBitmap: grey and RGB
// conversion, the centre crop, and the loads that fail before any decoding (every file refused by its header).
// Decoding itself is tested in Chromium (tests/browser/own-images.test.ts).
import { describe, expect, it } from 'vitest';
import { buildOwnImages } from '../../../src/data/own-images/build';
import { centreCrop, decodeImage, fromRgba } from '../../../src/data/own-images/decode';
import { IMAGE_SIZES, ImageDataError, ImageFileError } from '../../../src/data/own-images/types';
import { pngHeaderOnly } from './image-bytes';

const grey28 = IMAGE_SIZES.find((s) => s.id === 'grey28')!.size;

describe('fromRgba', () => {
  it('turns RGBA into grey with the BT.601 weights, rounded, and into RGB by dropping alpha', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 0, 200, 100, 50, 255]);
    // 0.299·255 = 76.2, 0.587·255 = 149.7, 0.114·255 = 29.1, 0.299·200 + 0.587·100 + 0.114·50 = 124.2
    expect([...fromRgba(rgba, 1)]).toEqual([76, 150, 29, 124]);
    expect([...fromRgba(rgba, 3)]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 200, 100, 50]);
  });
});

describe('centreCrop', () => {
  it('keeps the central part with the target\'s aspect ratio', () => {
    expect(centreCrop(96, 64, { width: 32, height: 32 })).toEqual([16, 0, 64, 64]);
    expect(centreCrop(40, 100, { width: 28, height: 28 })).toEqual([0, 30, 40, 40]);
    expect(centreCrop(50, 50, { width: 64, height: 64 })).toEqual([0, 0, 50, 50]);
  });
});

describe('buildOwnImages without decoding', () => {
  const text = new TextEncoder().encode('not an image');
  it('refuses a too-large image by its header, as a failure of that file', async () => {
    const error = await decodeImage(pngHeaderOnly(20000, 20000), grey28).catch((e) => e);
    expect(error).toBeInstanceOf(ImageFileError);
    expect(error.message).toBe('20000×20000 pixels: larger than 8192 px a side; resize it first');
  });

  it('fails the load when nothing decodes, quoting the first reason, and reports progress for every file', async () => {
    const files = [
      { className: 'cats', name: 'p/cats/huge.png', bytes: pngHeaderOnly(20000, 20000) },
      { className: 'dogs', name: 'p/dogs/notes.txt', bytes: text },
    ];
    const progress: number[] = [];
    const error = await buildOwnImages(files, ['cats', 'dogs'], grey28, (done) => progress.push(done)).catch((e) => e);
    expect(error).toBeInstanceOf(ImageDataError);
    expect(error.message).toBe('None of the 2 files could be read as an image. The first, "p/cats/huge.png": 20000×20000 pixels: larger than 8192 px a side; resize it first. Use PNG, JPEG, WebP or GIF files.');
    expect(progress.sort()).toEqual([1, 2]);
  });

  it('refuses a file in a class that is not in the list', async () => {
    await expect(buildOwnImages([{ className: 'owls', name: 'owls/1.png', bytes: text }], ['cats', 'dogs'], grey28)).rejects.toThrow(/"owls\/1\.png" is in class "owls", which is not one of cats, dogs/);
  });
});
