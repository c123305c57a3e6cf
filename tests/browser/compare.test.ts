// Paired A/B in the built app: train with and without dropout, compare them, reload and find both kept.
import { expect, it } from 'vitest';
import { presetSpec, dropout } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { openApp, screenshot, useBrowser } from './browser';

const browser = useBrowser();

it('trains A without and B with dropout side by side, compares them, and keeps both across a reload', async () => {
  const spec = presetSpec('moons-mlp');
  spec.dataset = { ...spec.dataset, kind: 'points', numPoints: 200 } as typeof spec.dataset;
  // the paired run and the Compare view, not the GPU: WASM trains it faster than SwiftShader's WebGL
  spec.training = { ...spec.training, epochs: 6, backend: 'wasm' };
  const variant = structuredClone(spec);
  variant.model.layers.splice(1, 0, dropout(0.5));
  // one context, so the reload sees the same IndexedDB
  const context = await browser().newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, errors } = await openApp(context, encodeLink({ spec, view: 'train', lesson: null, variant }));
  await expect.poll(() => page.getByTestId('variant-changes').textContent()).toContain('dropout after dense_1: 0 → 0.5');
  await page.getByRole('button', { name: 'Train A and B', exact: true }).click();
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 240_000, interval: 500 }).toMatch(/^Finished/);
  // both arms drew: four series (A and B, training and validation) with points in each
  const drawn = Number(await page.getByTestId('paired-curves').locator('figure.chart').first().getAttribute('data-drawn-points'));
  expect(drawn).toBeGreaterThan(8);
  expect(await page.getByTestId('evaluation').count()).toBe(2);

  await page.getByRole('tab', { name: /Compare runs/ }).click();
  const changed = page.getByTestId('what-changed');
  await expect.poll(() => changed.textContent()).toContain('dropout after dense_1: 0 → 0.5');
  expect(await page.getByTestId('compare-table').locator('tbody tr').count()).toBeGreaterThan(5);
  await screenshot(page, 'compare-ab');

  await page.reload();
  await page.getByRole('tab', { name: /Compare runs/ }).click();
  const history = page.getByTestId('history');
  await expect.poll(() => history.locator('li').count()).toBe(2);
  expect(await history.textContent()).toMatch(/A \(baseline\)[\s\S]*B: dropout after dense_1: 0 → 0\.5|B: dropout after dense_1: 0 → 0\.5[\s\S]*A \(baseline\)/);
  expect(errors).toEqual([]);
  await context.close();
});
