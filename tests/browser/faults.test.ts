// Faults in the built app, each followed by a run trained to the end in the same page (no reload): the worker
// crashing or being terminated, the GPU device or WebGL context lost mid-run, and a link whose run cannot fit
// in memory. The faults are caused through window.sandboxDebug (state/debug-hooks.ts), which the page installs
// only when localStorage says so.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { conv2d, flatten, presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { FAULT_STORAGE, field, openApp, screenshot, useAppContext } from './browser';

const context = useAppContext({ width: 1400, height: 1000 }, FAULT_STORAGE);

const status = (page: Page) => page.getByTestId('run-status').textContent();
type Hooks = { sandboxDebug: { crashWorker(cause: string): void; loseDevice(): void } };

/** The spiral preset on `backend` with many epochs, trained until a few batches have been drawn. */
async function startLongRun(page: Page, backend: string) {
  await field(page, 'Preset').selectOption('spiral-mlp');
  await field(page, 'Backend').selectOption(backend);
  await field(page, 'Epochs').fill('500');
  await page.getByRole('button', { name: 'Train', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => status(page), { timeout: 180_000, interval: 300 }).toBe('Training…');
  // a few batches reported, so the run has curves to keep
  await expect.poll(async () => Number((await page.getByText(/^step \d+$/).textContent())?.slice(5)), { timeout: 180_000, interval: 300 }).toBeGreaterThan(2);
}

/** After the fault: two epochs train to the end without a reload. */
async function trainAgain(page: Page) {
  await field(page, 'Epochs').fill('2');
  await page.getByRole('button', { name: /^Train( again)?$/ }).click({ timeout: 30_000 });
  await expect.poll(() => status(page), { timeout: 240_000, interval: 500 }).toMatch(/^Finished/);
}

async function historyStatuses(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: /Compare runs/ }).click();
  const metas = await page.locator('li .meta').allTextContents();
  await page.getByRole('tab', { name: 'Train' }).click();
  return metas;
}

it('a worker terminated mid-run: the page says so, the run fails and is kept as crashed, the next Train starts a fresh worker', async () => {
  const { page, errors } = await openApp(context());
  await startLongRun(page, 'cpu');
  await page.evaluate(() => (window as unknown as Hooks).sandboxDebug.crashWorker('terminated'));
  await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/^The training worker stopped: it was terminated/);
  expect(await page.getByRole('alert').filter({ hasText: 'The training worker stopped' }).first().isVisible()).toBe(true);
  await screenshot(page, 'fault-worker-terminated');
  await expect.poll(() => historyStatuses(page), { timeout: 30_000 }).toEqual([expect.stringContaining('crashed')]);
  await trainAgain(page);
  expect(errors).toEqual([]);
  await page.close();
});

it('a worker that throws where nothing catches it: the same, with the error named', async () => {
  const { page, errors } = await openApp(context());
  await startLongRun(page, 'cpu');
  await page.evaluate(() => (window as unknown as Hooks).sandboxDebug.crashWorker('error'));
  await expect.poll(() => status(page), { timeout: 90_000 }).toMatch(/^The training worker stopped: it threw an error nothing caught \(.*a crash asked for by the page/);
  await trainAgain(page);
  expect(errors).toEqual([]);
  await page.close();
});

// The WebGPU device lost mid-run, then Train again without a reload, is device-loss-webgpu.test.ts (with the
// checkpoint continued in between): one WebGPU start less on SwiftShader, where each compiles its kernels anew.
it('WebGL context lost mid-run: the page says what happened, and training again works without a reload', async () => {
  const { page, errors } = await openApp(context());
  await startLongRun(page, 'webgl');
  await page.evaluate(() => (window as unknown as Hooks).sandboxDebug.loseDevice());
  await expect.poll(() => status(page), { timeout: 60_000, interval: 300 }).toMatch(/^The WebGL context was lost \(.*\)\. The backend was started again/);
  await screenshot(page, 'fault-webgl-lost');
  await trainAgain(page);
  expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('webgl');
  // Chromium logs the reads cut short by the lost context
  expect(errors.filter((e) => !/device|context|lost|mapAsync/i.test(e))).toEqual([]);
  await page.close();
});

it('refuses the oversized link (two conv2d(256, 3, same) on MNIST at batch 4096) with the estimate and a batch size that fits', async () => {
  const spec = presetSpec('mnist-cnn');
  spec.model.layers = [conv2d(256, 3, 'relu', 'same'), conv2d(256, 3, 'relu', 'same'), flatten];
  spec.training.batchSize = 4096;
  const { page, errors } = await openApp(context(), encodeLink({ spec, view: 'train', lesson: null }));
  // the link's layers are not used: its notice names them and gives the estimate and a batch size that fits
  const notice = page.getByRole('alert').filter({ hasText: /this run needs about/i });
  await expect.poll(() => notice.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const text = (await notice.first().textContent()) ?? '';
  expect(text).toMatch(/Ignored layers=conv2d\(256,3,1,same,relu\),conv2d\(256,3,1,same,r….*: this run needs about 46 GB at its peak \(in the training step at batch 4096: activations 46 GB, weights 10 MB, optimizer slots 21 MB, data 31 MB\); the sandbox holds a run to 2\.1 GB\. Use batch size (\d+) or less/);
  await screenshot(page, 'fault-oversized-link');
  // the same layers added by hand at that batch size: refused in the Model panel, Train disabled
  const suggested = Number(text.match(/Use batch size (\d+)/)![1]);
  expect(suggested).toBeGreaterThan(0);
  expect(suggested).toBeLessThan(4096);
  expect(await page.getByTestId('memory-estimate').textContent()).toMatch(/about [\d.]+ [kMG]B of device memory at its peak \(batch 4096\)/);
  expect(errors).toEqual([]);
  await page.close();
});
