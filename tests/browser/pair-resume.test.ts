// An A/B pair reloaded mid-training in the built app (CPU backend, the moons MLP against it with dropout): each
// side keeps its own checkpoints (B under `<runKey>~B`); after the reload the banner offers the pair, Resume
// sets both sides up again and trains them to the end, and each side's validation losses (read from its final
// checkpoint's curves, straight from IndexedDB) are those of the same pair trained without a stop, exactly.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { dense, dropout, presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { openApp, screenshot, useAppContext } from './browser';
import { readStore, type Kept } from './checkpoint-reader';

const context = useAppContext();

const EPOCHS = 40;
function link(): string {
  const spec = presetSpec('moons-mlp');
  spec.model.layers = [dense(16), dense(16)];
  spec.training = { ...spec.training, epochs: EPOCHS, backend: 'cpu' };
  const variant = structuredClone(spec);
  variant.model.layers = [dense(16), dropout(0.3), dense(16)];
  return encodeLink({ spec, view: 'train', lesson: null, variant });
}
const status = (page: Page) => page.getByTestId('run-status').textContent();
const train = (page: Page) => page.getByRole('button', { name: 'Train A and B', exact: true }).click({ timeout: 90_000 });

it('a pair reloaded mid-training is offered as a pair and resumes each side to the losses it would have had', async () => {
  const { page, errors } = await openApp(context(), link());
  await train(page);
  await expect.poll(() => status(page), { timeout: 240_000, interval: 300 }).toMatch(/^Finished/);
  // the page saves checkpoints one after another: the last ones may land after the run says Finished
  await expect.poll(async () => (await readStore(page)).entries.some((e) => e.kind === 'last' && e.epoch === EPOCHS && e.runKey.endsWith('~B')), { timeout: 30_000 }).toBe(true);
  const straightKey = (await readStore(page)).entries.find((e) => e.kind === 'last' && !e.runKey.endsWith('~B'))!.runKey;
  const lossesOf = async (key: string) => [(await readStore(page, `${key}/last`)).losses!, (await readStore(page, `${key}~B/last`)).losses!];
  await expect.poll(async () => (await lossesOf(straightKey)).map((l) => l.length), { timeout: 30_000 }).toEqual([EPOCHS, EPOCHS]);
  const reference = await lossesOf(straightKey);

  await page.reload();
  await train(page);
  let b: Kept | undefined;
  await expect.poll(async () => {
    b = (await readStore(page)).entries.find((e) => e.runKey.endsWith('~B') && e.runKey !== `${straightKey}~B` && e.kind === 'last' && e.inProgress && e.epoch >= 2);
    return !!b;
  }, { timeout: 120_000, interval: 30 }).toBe(true);
  await page.reload();
  await expect.poll(() => page.getByTestId('pair-offer').isVisible(), { timeout: 30_000 }).toBe(true);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `resume-pair-${width}`);
  }
  await page.getByTestId('resume-run').click();
  await expect.poll(() => page.getByTestId('pair-bar').isVisible(), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => status(page), { timeout: 120_000, interval: 300 }).toMatch(/^Ready: resumed from its checkpoint/);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect.poll(() => status(page), { timeout: 240_000, interval: 300 }).toMatch(/^Finished/);
  const key = b!.runKey.slice(0, -2);
  await expect.poll(async () => (await lossesOf(key)).map((l) => l.length), { timeout: 30_000 }).toEqual([EPOCHS, EPOCHS]);
  expect(await lossesOf(key)).toEqual(reference); // CPU backend: exactly, each side
  await expect.poll(async () => (await readStore(page)).entries.filter((e) => e.inProgress), { timeout: 30_000 }).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});
