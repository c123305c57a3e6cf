// A run whose WebGL context is lost mid-training continues from its last epoch checkpoint with one click and
// trains to the end, in the same page: on WebGL started again, its later validation losses equal the
// uninterrupted run's (SAME_BACKEND); on the next backend (WASM), they are close (OTHER_BACKEND). The reference
// and the resumed losses are read from the runs' final checkpoints in IndexedDB (checkpoint-reader.ts).
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { dense, dropout, presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { FAULT_STORAGE, openApp, screenshot, useAppContext } from './browser';
import { readStore, trainUntilCheckpoint } from './checkpoint-reader';

/** Largest |resumed − uninterrupted| validation loss on WebGL started again: the same kernels on the same data. */
const SAME_BACKEND = 1e-6;
/** The same on WASM after WebGL: float32 sums in another order, and dropout masks drawn afresh (WebGL draws them on the device): the test logs what it saw. */
const OTHER_BACKEND = 0.05;
const EPOCHS = 12;

const context = useAppContext(undefined, FAULT_STORAGE);

const spec = presetSpec('moons-mlp');
spec.model.layers = [dense(16), dropout(0.2), dense(16)];
spec.training = { ...spec.training, epochs: EPOCHS, backend: 'webgl' };
const link = encodeLink({ spec, view: 'train', lesson: null });
const status = (page: Page) => page.getByTestId('run-status').textContent();
type Hooks = { sandboxDebug: { loseDevice(): void } };

/** Trains to epoch ≥ 2, loses the WebGL context, and waits for the offer; returns the interrupted run's entry. */
async function loseMidRun(page: Page) {
  const interrupted = await trainUntilCheckpoint(page, 2);
  await page.evaluate(() => (window as unknown as Hooks).sandboxDebug.loseDevice());
  await expect.poll(() => status(page), { timeout: 60_000, interval: 300 }).toMatch(/^The WebGL context was lost \(.*\)\. The backend was started again/);
  const offer = page.getByTestId('device-loss-offer');
  await expect.poll(() => offer.isVisible(), { timeout: 30_000 }).toBe(true);
  expect(await offer.textContent()).toMatch(/stopped: the WebGL context was lost \(.*\)\. Its checkpoint after epoch \d+ of 12 is kept: continue from there on WebGL \(started again\), or on WASM\./);
  const epoch = Number((await page.getByTestId('resume-run').textContent())?.match(/^Continue from epoch (\d+) on WebGL$/)?.[1]);
  expect(epoch).toBeGreaterThanOrEqual(interrupted.epoch);
  expect(epoch).toBeLessThan(EPOCHS);
  return { interrupted, epoch };
}

/** After a continue button: ready at the checkpoint, Resume, finished; the losses of the run's last checkpoint. */
async function finishAndRead(page: Page, runKey: string) {
  await expect.poll(() => status(page), { timeout: 120_000, interval: 300 }).toMatch(/^Ready: resumed from its checkpoint after epoch \d+/);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect.poll(() => status(page), { timeout: 240_000, interval: 300 }).toMatch(/^Finished/);
  // the page keeps checkpoints one after another, and may still be writing the last epoch's
  let losses: number[] = [];
  await expect.poll(async () => (losses = (await readStore(page, `${runKey}/last`)).losses ?? []).length, { timeout: 30_000, interval: 200 }).toBe(EPOCHS);
  return losses;
}

it('WebGL context lost mid-run: the run continues from its last checkpoint with one click, on WebGL again (same losses) or on WASM (close)', async () => {
  const { page, errors } = await openApp(context(), link);
  const earlier = new Set((await readStore(page)).entries.map((e) => e.runKey));
  await page.getByRole('button', { name: 'Train', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => status(page), { timeout: 240_000, interval: 300 }).toMatch(/^Finished/);
  let straightKey = '';
  await expect.poll(async () => {
    const last = (await readStore(page)).entries.find((e) => e.kind === 'last' && !earlier.has(e.runKey) && e.epoch === EPOCHS);
    return (straightKey = last?.runKey ?? '');
  }, { timeout: 30_000, interval: 200 }).not.toBe('');
  const reference = (await readStore(page, `${straightKey}/last`)).losses!;
  expect(reference).toHaveLength(EPOCHS);
  const gapAfter = (losses: number[], epoch: number) => Math.max(...losses.slice(epoch).map((loss, i) => Math.abs(loss - reference[epoch + i])));

  // on WebGL started again
  await page.reload();
  const same = await loseMidRun(page);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `device-loss-offer-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('resume-run').click();
  const sameLosses = await finishAndRead(page, same.interrupted.runKey);
  expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('webgl');
  expect(sameLosses).toHaveLength(EPOCHS);
  const sameGap = gapAfter(sameLosses, same.epoch);

  // on the next backend
  await page.reload();
  const other = await loseMidRun(page);
  await page.getByTestId('resume-next-backend').click();
  const otherLosses = await finishAndRead(page, other.interrupted.runKey);
  expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('wasm');
  expect(otherLosses).toHaveLength(EPOCHS);
  const otherGap = gapAfter(otherLosses, other.epoch);
  console.log(`device loss: WebGL again from epoch ${same.epoch}: largest |Δ val_loss| ${sameGap.toExponential(2)}; WASM from epoch ${other.epoch}: ${otherGap.toExponential(2)}`);
  expect(sameGap).toBeLessThanOrEqual(SAME_BACKEND);
  expect(otherGap).toBeLessThanOrEqual(OTHER_BACKEND);
  expect((await readStore(page)).entries.filter((e) => e.inProgress)).toEqual([]);
  // Chromium logs reads cut short by the lost context
  expect(errors.filter((e) => !/device|context|lost|mapAsync/i.test(e))).toEqual([]);
  await page.close();
});
