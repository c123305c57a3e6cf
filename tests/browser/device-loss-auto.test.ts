// After a lost WebGL context the run goes on by itself, once: resumed from its last checkpoint on WebGL started
// again and trained on, with a notice saying so; a second loss of the same run is offered to the person instead
// (the manual path), and one click trains it to its end. All in one page, no reload.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { dense, presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { openApp, screenshot, useAppContext } from './browser';
import { readStore, trainUntilCheckpoint } from './checkpoint-reader';

const EPOCHS = 20;

const context = useAppContext(undefined, { 'sandbox-debug': '1' });

const spec = presetSpec('moons-mlp');
spec.model.layers = [dense(16), dense(16)];
spec.training = { ...spec.training, epochs: EPOCHS, backend: 'webgl' };
const link = encodeLink({ spec, view: 'train', lesson: null });
const status = (page: Page) => page.getByTestId('run-status').textContent();
const lose = (page: Page) => page.evaluate(() => (window as unknown as { sandboxDebug: { loseDevice(): void } }).sandboxDebug.loseDevice());

/** The epoch of the newest in-progress checkpoint of `runKey`, or 0. */
async function keptEpoch(page: Page, runKey: string): Promise<number> {
  return Math.max(0, ...(await readStore(page)).entries.filter((e) => e.runKey === runKey && e.kind === 'last' && e.inProgress).map((e) => e.epoch));
}

it('a lost WebGL context: the run continues by itself once, with a notice; a second loss is offered, and one click finishes it', { timeout: 900_000 }, async () => {
  const { page, errors } = await openApp(context(), link);
  const first = await trainUntilCheckpoint(page, 2);
  await lose(page);
  const notice = page.getByTestId('device-loss-auto');
  await expect.poll(() => notice.isVisible(), { timeout: 60_000, interval: 200 }).toBe(true);
  const said = ((await notice.textContent()) ?? '').replace(/\s+/g, ' ');
  expect(said).toMatch(/stopped: the WebGL context was lost \(.*\)\. It went on by itself from its checkpoint after epoch (\d+) on WebGL \(started again\)\. If the device is lost again, you choose/);
  const from = Number(said.match(/after epoch (\d+)/)![1]);
  expect(from).toBeGreaterThanOrEqual(first.epoch);
  expect(await page.getByTestId('device-loss-offer').count()).toBe(0);
  await expect.poll(() => status(page), { timeout: 120_000, interval: 300 }).toBe('Training…');
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `device-loss-auto-${width}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // the same run lost again, two epochs on: offered, not continued by itself
  await expect.poll(() => keptEpoch(page, first.runKey), { timeout: 180_000, interval: 50 }).toBeGreaterThanOrEqual(from + 2);
  await lose(page);
  const offer = page.getByTestId('device-loss-offer');
  await expect.poll(() => offer.isVisible(), { timeout: 60_000, interval: 200 }).toBe(true);
  expect(await notice.count()).toBe(0);
  expect(await status(page)).toMatch(/^The WebGL context was lost/);
  await page.getByTestId('resume-run').click();
  await expect.poll(() => status(page), { timeout: 120_000, interval: 300 }).toMatch(/^Ready: resumed from its checkpoint/);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect.poll(() => status(page), { timeout: 300_000, interval: 500 }).toMatch(/^Finished/);
  let losses: number[] = [];
  await expect.poll(async () => (losses = (await readStore(page, `${first.runKey}/last`)).losses ?? []).length, { timeout: 30_000, interval: 200 }).toBe(EPOCHS);
  expect(losses.every(Number.isFinite)).toBe(true);
  expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('webgl');
  expect(errors.filter((e) => !/device|context|lost|mapAsync/i.test(e))).toEqual([]);
  await page.close();
});
