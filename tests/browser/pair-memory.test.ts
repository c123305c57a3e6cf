// An A/B pair whose arms each fit the memory budget alone but not side by side: the pair bar says so with both
// arms' figures and one batch size for both, Train A and B stays disabled, and setting that batch size on both
// arms clears it. Nothing is trained (the arms use all of MNIST; only the estimate is under test).
import { expect, it } from 'vitest';
import { conv2d, dropout, flatten, presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { field, openApp, screenshot, useBrowser } from './browser';

const browser = useBrowser();

it('refuses a pair too large together, names both arms\' figures and a batch size that fits both, and accepts it once both use it', async () => {
  const spec = presetSpec('mnist-cnn');
  if (spec.dataset.kind !== 'images') throw new Error('images');
  spec.dataset.trainSize = 60_000;
  spec.model.layers = [conv2d(64, 3, 'relu', 'same'), flatten];
  spec.training.batchSize = 850; // A about 1.4 GB alone, B (with dropout) 2.1 GB: together 2.3 GB
  const variant = structuredClone(spec);
  variant.model.layers.splice(1, 0, dropout(0.5));
  const { page, errors } = await openApp(browser(), encodeLink({ spec, view: 'train', lesson: null, variant }));
  const alert = page.getByTestId('pair-memory');
  await expect.poll(() => alert.isVisible(), { timeout: 30_000 }).toBe(true);
  const text = (await alert.textContent()) ?? '';
  expect(text).toMatch(/^A and B train at once and need about [\d.]+ GB together: A about [\d.]+ GB at its peak \(in the training step at batch 850: .*\); B about [\d.]+ GB at its peak \(in the training step at batch 850: .*\); the sandbox holds a run to 2\.1 GB\. Use batch size (\d+) or less on both/);
  const suggested = Number(text.match(/Use batch size (\d+)/)![1]);
  expect(suggested).toBeLessThan(850);
  expect(await page.getByTestId('main-run-button').isDisabled()).toBe(true);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `pair-memory-${width}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
  await page.setViewportSize({ width: 1400, height: 1000 });
  // B is being edited; then A
  await field(page, 'Batch size').fill(String(suggested));
  await page.getByLabel('A: baseline').check();
  await field(page, 'Batch size').fill(String(suggested));
  await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(0);
  expect(await page.getByTestId('main-run-button').isDisabled()).toBe(false);
  expect(errors).toEqual([]);
  await page.close();
});
