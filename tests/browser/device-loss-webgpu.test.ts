// WebGPU's device destroyed mid-run (device.destroy(), as a driver reset would): the page says the device was
// lost (not tfjs's raw error, which can come before device.lost resolves), offers to continue from the last
// checkpoint, and one click trains the run to its end on a new WebGPU device; then Train again works too, all
// without a reload. The resumed run's losses are read from its last checkpoint in IndexedDB.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { dense, presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { FAULT_STORAGE, openApp, screenshot, useAppContext } from './browser';
import { readStore, trainUntilCheckpoint } from './checkpoint-reader';

const EPOCHS = 6;

const context = useAppContext(undefined, FAULT_STORAGE);

const spec = presetSpec('moons-mlp');
spec.model.layers = [dense(8), dense(8)];
if (spec.dataset.kind === 'points') spec.dataset.numPoints = 300;
spec.training = { ...spec.training, epochs: EPOCHS, backend: 'webgpu' };
const link = encodeLink({ spec, view: 'train', lesson: null });
const status = (page: Page) => page.getByTestId('run-status').textContent();
type Hooks = { sandboxDebug: { loseDevice(): void } };

it('WebGPU device destroyed mid-run: told as a lost device, continued from its checkpoint on WebGPU, and trained again, without a reload', { timeout: 900_000 }, async () => {
  const { page, errors } = await openApp(context(), link);
  const interrupted = await trainUntilCheckpoint(page, 2);
  expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('webgpu');
  await page.evaluate(() => (window as unknown as Hooks).sandboxDebug.loseDevice());
  await expect.poll(() => status(page), { timeout: 60_000, interval: 300 }).toMatch(/^The WebGPU device was lost \(destroyed.*\)\. The backend was started again/);
  const offer = page.getByTestId('device-loss-offer');
  await expect.poll(() => offer.isVisible(), { timeout: 30_000 }).toBe(true);
  expect(await offer.textContent()).toMatch(new RegExp(`stopped: the WebGPU device was lost \\(destroyed.*\\)\\. Its checkpoint after epoch \\d+ of ${EPOCHS} is kept: continue from there on WebGPU \\(started again\\), or on WebGL\\.`));
  const epoch = Number((await page.getByTestId('resume-run').textContent())?.match(/^Continue from epoch (\d+) on WebGPU$/)?.[1]);
  expect(epoch).toBeGreaterThanOrEqual(interrupted.epoch);
  expect(epoch).toBeLessThan(EPOCHS);
  await screenshot(page, 'device-loss-webgpu-offer');

  await page.getByTestId('resume-run').click();
  await expect.poll(() => status(page), { timeout: 120_000, interval: 300 }).toMatch(new RegExp(`^Ready: resumed from its checkpoint after epoch ${epoch}`));
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect.poll(() => status(page), { timeout: 300_000, interval: 500 }).toMatch(/^Finished/);
  expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('webgpu');
  let losses: number[] = [];
  await expect.poll(async () => (losses = (await readStore(page, `${interrupted.runKey}/last`)).losses ?? []).length, { timeout: 30_000, interval: 200 }).toBe(EPOCHS);
  expect(losses.every(Number.isFinite)).toBe(true);
  expect((await readStore(page)).entries.filter((e) => e.inProgress)).toEqual([]);

  // and a fresh run on the new device
  await page.getByRole('button', { name: /^Train( again)?$/ }).click({ timeout: 30_000 });
  await expect.poll(() => status(page), { timeout: 300_000, interval: 500 }).toMatch(/^Finished/);
  expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('webgpu');
  // Chromium logs the reads cut short by the destroyed device ("mapAsync … unmapped before mapping was resolved")
  expect(errors.filter((e) => !/device|context|lost|mapAsync/i.test(e))).toEqual([]);
  await page.close();
});
