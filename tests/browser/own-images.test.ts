// Own images in Chromium (decoding needs createImageBitmap): each format decoded against the canvas that drew
// it, grey by BT.601, the pipeline from a folder pick and from a zip with broken files counted and listed, and
// the webcam with Chromium's fake camera, and refused.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM_FLAGS } from '../../scripts/headless';
import { closeFixtureServer, runFixture } from './fixture-server';

const FAKE_CAMERA = '--use-fake-device-for-media-stream';
const browsers: Browser[] = [];
const launchWith = async (...flags: string[]) => {
  // the shared flags give every test a fake camera allowed without a prompt; these tests choose their own
  const base = CHROMIUM_FLAGS.filter((f) => !f.includes('media-stream'));
  const browser = await chromium.launch({ executablePath: inject('chromiumPath'), headless: true, args: [...base, ...flags] });
  browsers.push(browser);
  return browser;
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchWith(FAKE_CAMERA, '--use-fake-ui-for-media-stream');
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await closeFixtureServer();
});

describe('decodeImage', () => {
  it('decodes PNG, JPEG, WebP and GIF to the centre crop of what the canvas drew, in the page and in a worker', async () => {
    const result = await runFixture<{ out: Record<string, { sniffed: unknown; diff: number; greyDiff: number }>; solidGrey: number[]; stretchDiff: number; workerDiff: number | string }>(browser, 'own-images', { step: 'formats' });
    expect(Object.keys(result.out)).toEqual(['png', 'jpeg', 'webp', 'gif']);
    for (const [format, { sniffed, diff, greyDiff }] of Object.entries(result.out)) {
      expect(sniffed, format).toEqual({ format, width: 96, height: 64 });
      // Lossless PNG and GIF differ from the 2×2 average only by the resampling filter; JPEG and WebP also by
      // their compression (measured: PNG and GIF 0, JPEG and WebP at quality 0.95 about 7, mostly the halved
      // colour resolution at the blocks' sharp edges). A stretch instead of a crop gives stretchDiff, 51 measured.
      expect(diff, format).toBeLessThan(format === 'png' || format === 'gif' ? 3 : 12);
      expect(greyDiff, `${format} grey`).toBeLessThanOrEqual(1);
    }
    expect(result.solidGrey).toEqual([124]); // round(0.299·200 + 0.587·100 + 0.114·50); a plain mean would be 117
    expect(result.workerDiff).toBeLessThan(3);
    expect(result.stretchDiff).toBeGreaterThan(25);
  });
});

describe('buildOwnImages', () => {
  it('loads a folder pick (as paths, and as the Files an input gives) and the same files zipped, listing the broken ones, and names a class left with 1 image', async () => {
    const result = await runFixture<Record<string, any>>(browser, 'own-images', { step: 'pipeline' });
    for (const load of [result.fromFolder, result.fromZip]) {
      expect(load.classNames).toEqual(['cats', 'dogs']);
      expect(load.count).toBe(5);
      expect(load.xLength).toBe(5 * 28 * 28);
      expect(load.y).toEqual([0, 0, 0, 1, 1]);
      // first grey pixel of each image: BT.601 of the colour each PNG was filled with
      expect(load.firstPixel).toEqual([75, 78, 81, 18, 29]);
      expect(load.lastProgress).toEqual([8, 8]);
      expect(load.failures).toEqual([
        { file: 'pets/dogs/cut.png', reason: expect.stringMatching(/^does not decode: the file is cut short or corrupt/) },
        { file: 'pets/dogs/huge.png', reason: '20000×20000 pixels: larger than 8192 px a side; resize it first' },
        { file: 'pets/dogs/notes.png', reason: 'not a PNG, JPEG, WebP or GIF image (looks like a text file): convert it to one of those, or remove it' },
      ]);
    }
    expect(result.fromFiles).toEqual({
      classNames: ['cats', 'dogs'], count: 5, xLength: 5 * 32 * 32 * 3, failed: ['pets/readme.txt', 'pets/dogs/cut.png', 'pets/dogs/huge.png', 'pets/dogs/notes.png'],
    });
    expect(result.single).toBe('Class "dogs" has only 1 image: a class needs at least 2 (some to train on, some to test on); add more.');
  });
});

describe('Webcam', () => {
  it('grabs a frame from the fake camera that decodes, records frames until stopped, and stops the camera on close', async () => {
    const result = await runFixture<Record<string, any>>(browser, 'own-images', { step: 'webcam' });
    expect(result.error).toBeUndefined();
    expect(result.sniffed.format).toBe('jpeg');
    expect(result.sniffed.width).toBeGreaterThan(0);
    expect(result.pixelCount).toBe(64 * 64 * 3);
    expect(result.distinctValues).toBeGreaterThan(10); // the fake camera's moving test pattern, not a blank frame
    expect(result.recordedFrames).toBeGreaterThanOrEqual(3); // record() until stop(), as a held button does
    expect(result.reportedFrames).toBe(result.recordedFrames);
    expect(result.recordedFormats).toEqual(['jpeg']);
    expect(result.liveTracksAfterClose).toBe(0);
    expect(result.srcObjectAfterClose).toBeNull();
  });

  it('says how to allow the camera when the browser refuses it', async () => {
    const refusing = await launchWith(FAKE_CAMERA, '--deny-permission-prompts');
    const result = await runFixture<Record<string, any>>(refusing, 'own-images', { step: 'webcam' });
    expect(result).toEqual({ name: 'WebcamError', error: "The browser was refused the camera: allow it in the address bar's site settings, then try again" });
  });

  it('says there is no camera on a machine without one (without the fake device)', async (context) => {
    const cameraless = await launchWith('--use-fake-ui-for-media-stream');
    const cameras = await runFixture<number>(cameraless, 'own-images', { step: 'cameras' });
    if (cameras > 0) context.skip('this machine has a real camera');
    const result = await runFixture<Record<string, any>>(cameraless, 'own-images', { step: 'webcam' });
    expect(result).toEqual({ name: 'WebcamError', error: 'No camera was found: plug one in (or switch it on in the system settings), then try again' });
  });
});
