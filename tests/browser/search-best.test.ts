// The Search view's two ways on from a finished search (CPU backend, the circle's small MLP, one epoch a trial):
// "Open as experiment" puts the best trial's settings in the Train view (the link says so), and "A/B best
// against the baseline" sets up a pair whose A is the search's base and whose B the best trial, which then
// trains as a pair to the end.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import { decodeLink, encodeLink } from '../../src/state/link/link';
import { openApp, useAppContext } from './browser';

const context = useAppContext();

const base = () => {
  const spec = presetSpec('circle-mlp');
  spec.training.backend = 'cpu';
  return spec;
};
const linkedState = async (page: Page) => decodeLink(await page.evaluate(() => location.hash)).state;

it('opens the best trial as an experiment, and sets up and trains it A/B against the base', async () => {
  const { page, errors } = await openApp(context(), `./${encodeLink({ spec: base(), view: 'search', lesson: null })}`);
  await page.getByLabel('Trials', { exact: true }).fill('3');
  await page.getByLabel('Epochs per trial', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Start search' }).click();
  await expect.poll(() => page.getByTestId('search-status').getAttribute('data-phase'), { timeout: 180_000, interval: 250 }).toBe('complete');
  const bestText = (await page.getByTestId('search-best').textContent()) ?? '';
  const rate = Number(bestText.match(/learning rate ([\d.e-]+)/)?.[1]);
  expect(rate, `no learning rate in "${bestText}"`).toBeGreaterThan(0);
  expect(rate).not.toBe(base().training.learningRate); // a drawn value, so the check below tells the two apart

  await page.getByRole('button', { name: 'Open as experiment' }).click();
  await expect.poll(() => linkedState(page).then((s) => s.view), { timeout: 10_000 }).toBe('train');
  await expect(page.getByTestId('main-run-button').isVisible()).resolves.toBe(true);
  const opened = await linkedState(page);
  expect(opened.spec.training.learningRate).toBe(rate);
  expect(opened.spec.training.epochs).toBe(1);
  expect(opened.variant).toBeUndefined();

  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByRole('button', { name: 'A/B best against the baseline' }).click();
  await expect.poll(() => linkedState(page).then((s) => s.variant !== undefined && s.view === 'train'), { timeout: 10_000 }).toBe(true);
  await expect(page.getByTestId('pair-bar').isVisible()).resolves.toBe(true);
  const paired = await linkedState(page);
  expect(paired.spec.training.learningRate).toBe(base().training.learningRate);
  expect(paired.variant?.training.learningRate).toBe(rate);
  expect(await page.getByTestId('variant-changes').textContent()).toMatch(/[Ll]earning rate/);
  await page.getByRole('button', { name: 'Train A and B', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 240_000, interval: 500 }).toMatch(/^Finished/);
  // both arms trained and were evaluated
  expect(await page.getByTestId('evaluation').count()).toBe(2);
  expect(errors).toEqual([]);
  await page.close();
});
