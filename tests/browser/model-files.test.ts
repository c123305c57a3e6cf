// Model storage and file loading in real Chromium: IndexedDB save/load/list/remove with tfjs's stock handler,
// and the downloaded uint8 files loaded back through stock tf.io.browserFiles.
import { expect, it } from 'vitest';
import { useFixtureBrowser } from './browser';

interface Result {
  saved: { name: string; weightsBytes: number };
  listed: string[];
  afterRemove: string[];
  missing: string | null;
  engine: number[];
  fromStorage: number[];
  fromFiles: number[];
  datasets: string[];
}

const fixture = useFixtureBrowser();

it('saves a uint8 model to IndexedDB and loads it back, and loads the downloaded files, predicting as the engine', async () => {
  const r = await fixture<Result>('model-files');
  // moons-mlp has 2·16 + 16 + 16·16 + 16 + 16·2 + 2 = 354 parameters: one byte each in uint8
  expect(r.saved).toMatchObject({ name: 'fixture-moons', weightsBytes: 354 });
  expect(r.listed).toContain('fixture-moons');
  expect(r.afterRemove).not.toContain('fixture-moons');
  expect(r.missing).toMatch(/^No model is saved as "nothing-here"/);
  for (const loaded of [r.fromStorage, r.fromFiles]) {
    expect(loaded).toHaveLength(r.engine.length);
    loaded.forEach((p, i) => expect(Math.abs(p - r.engine[i])).toBeLessThan(0.02));
  }
  expect(r.fromFiles).toEqual(r.fromStorage); // the same bytes, whichever way they arrive
  expect(r.datasets).toContain('moons');
});
