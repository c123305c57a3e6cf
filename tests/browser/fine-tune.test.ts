// Continue training a saved model in the built app: a model trained on moons is saved in the browser, then
// continued on circle (same input shape) with its first layer frozen for 2 epochs. The oracle is tfjs's own
// IndexedDB store, read in the page without the app: the fine-tuned model, saved again, holds the first
// layer's bytes exactly as before and different bytes everywhere else; the training loss falls.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { dense, presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { field, openApp, screenshot, trainingLossSpan, useAppContext } from './browser';

const context = useAppContext();

function linkFor(preset: 'moons-mlp' | 'circle-mlp'): string {
  const spec = presetSpec(preset);
  spec.model.layers = [dense(8), dense(8)];
  // saving, loading and freezing, not the GPU: WASM trains it faster than SwiftShader's WebGL
  spec.training = { ...spec.training, epochs: 2, backend: 'wasm' };
  return encodeLink({ spec, view: 'train', lesson: null });
}
const status = (page: Page) => page.getByTestId('run-status').textContent();

async function saveAs(page: Page, name: string) {
  await page.getByRole('tab', { name: 'Export' }).click();
  await field(page, 'Name').fill(name);
  await page.getByRole('button', { name: 'Save to browser' }).click();
  await expect.poll(() => page.getByTestId('saved-models').textContent(), { timeout: 30_000 }).toContain(name);
}

/** A saved model's weights as tfjs stored them: one byte array per weight, in the manifest's order. */
function storedWeights(page: Page, name: string): Promise<number[][]> {
  return page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('tensorflowjs');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const record = await new Promise<{ modelArtifacts: { weightSpecs: { shape: number[]; dtype: string }[]; weightData: ArrayBuffer } }>((resolve) => {
      const r = db.transaction('models_store').objectStore('models_store').get(key);
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    const { weightSpecs, weightData } = record.modelArtifacts;
    let offset = 0;
    return weightSpecs.map((spec) => {
      if (spec.dtype !== 'float32') throw new Error(`weight of dtype ${spec.dtype}`);
      const length = spec.shape.reduce((a, b) => a * b, 1) * 4;
      const bytes = Array.from(new Uint8Array(weightData, offset, length));
      offset += length;
      return bytes;
    });
  }, `sandbox-${name}`);
}

it('a saved model continued on another dataset of the same shape with its first layer frozen: that layer\'s weights are unchanged, the loss falls', async () => {
  const { page: first, errors: firstErrors } = await openApp(context(), linkFor('moons-mlp'));
  await first.getByRole('button', { name: 'Train', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => status(first), { timeout: 240_000, interval: 300 }).toMatch(/^Finished/);
  await saveAs(first, 'moons-base');
  expect(firstErrors).toEqual([]);
  await first.close();

  const { page, errors } = await openApp(context(), linkFor('circle-mlp'));
  await page.getByRole('tab', { name: 'Export' }).click();
  const source = field(page, 'Model');
  await expect.poll(() => source.locator('option').allTextContents(), { timeout: 30_000 }).toContain('saved: moons-base');
  await source.selectOption({ label: 'saved: moons-base' });
  await page.getByRole('checkbox', { name: 'dense_1' }).check();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId('continue-training').scrollIntoViewIfNeeded();
    await screenshot(page, `fine-tune-panel-${width}`);
  }
  await page.getByTestId('continue-training').click();
  await expect.poll(() => status(page), { timeout: 240_000, interval: 300 }).toMatch(/^Finished/);
  expect(await page.getByTestId('fine-tune-note').textContent()).toBe('Continues saved: moons-base; frozen: dense_1.');
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `fine-tune-finished-${width}`);
  }
  const [lossFirst, lossLast] = await trainingLossSpan(page);
  expect(lossLast).toBeLessThan(lossFirst);

  await saveAs(page, 'circle-tuned');
  const before = await storedWeights(page, 'moons-base');
  const after = await storedWeights(page, 'circle-tuned');
  expect(before).toHaveLength(6); // kernel and bias of dense_1, dense_2 and the output layer
  expect(after).toHaveLength(6);
  expect(after[0]).toEqual(before[0]); // dense_1's kernel
  expect(after[1]).toEqual(before[1]); // and bias
  for (let i = 2; i < 6; i += 1) expect(after[i]).not.toEqual(before[i]);
  expect(errors).toEqual([]);
  await page.close();
});
