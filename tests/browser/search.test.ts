// The Search view in the built app (CPU backend, the circle's small MLP, two epochs a trial): a small random
// search runs to the end and its table, parallel-coordinates plot and scatters fill, each trial kept as a run;
// a search reloaded in the middle is offered again, resumed, and ends with every trial trained.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { seriousViolations } from './axe';
import { openApp, screenshot, useAppContext } from './browser';

const context = useAppContext();

function link(): string {
  const spec = presetSpec('circle-mlp');
  spec.training.backend = 'cpu';
  return encodeLink({ spec, view: 'search', lesson: null });
}
const phase = (page: Page) => page.getByTestId('search-status').getAttribute('data-phase');
const trained = (page: Page) => page.locator('[data-testid="search-table"] tbody tr[data-trained="yes"]').count();

async function setUp(page: Page, trials: number, epochs: number) {
  await page.getByLabel('Trials', { exact: true }).fill(String(trials));
  await page.getByLabel('Epochs per trial', { exact: true }).fill(String(epochs));
}

it('runs a small search to the end: table, plot and scatters fill, the best is marked, each trial is a stored run', async () => {
  const { page, errors } = await openApp(context(), `./${link()}`);
  await setUp(page, 4, 2);
  await page.getByRole('button', { name: 'Start search' }).click();
  await expect.poll(() => phase(page), { timeout: 180_000, interval: 250 }).toBe('complete');
  expect(await trained(page)).toBe(4);
  expect(await page.getByTestId('search-parallel').getAttribute('data-lines')).toBe('4');
  // the plot drew something: the canvas is not blank
  const inked = await page.getByTestId('search-parallel').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(500);
  expect(await page.locator('[data-testid="search-table"] tr.best').count()).toBe(1);
  await expect.poll(() => page.getByRole('tab', { name: /Compare runs/ }).textContent(), { timeout: 10_000 }).toBe('Compare runs (4)');
  // sorting by a metric puts the best first
  await page.getByRole('button', { name: /^val_accuracy/ }).click();
  expect(await page.locator('[data-testid="search-table"] tbody tr').first().getAttribute('class')).toMatch(/best/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'search-1280');
  await page.setViewportSize({ width: 360, height: 800 });
  await screenshot(page, 'search-360');
  expect(errors).toEqual([]);
  await page.close();
});

it('reloaded in the middle, the search is offered again, resumes, and trains every trial once', async () => {
  const { page } = await openApp(context(), `./${link()}`);
  // trials of a fraction of a second each here: enough of them, long enough, that the reload lands mid-search
  // even on a loaded machine
  await setUp(page, 10, 50);
  await page.getByRole('button', { name: 'Start search' }).click();
  await expect.poll(() => trained(page), { timeout: 180_000, interval: 100 }).toBeGreaterThanOrEqual(2);
  await page.reload();
  await expect.poll(() => phase(page), { timeout: 30_000 }).toBe('paused');
  const kept = await trained(page);
  expect(kept).toBeGreaterThanOrEqual(2);
  expect(kept).toBeLessThan(10);
  await expect(page.getByText(/Resume goes on/).count()).resolves.toBe(1);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => phase(page), { timeout: 180_000, interval: 250 }).toBe('complete');
  expect(await trained(page)).toBe(10);
  await screenshot(page, 'search-resumed');
  await page.close();
});
