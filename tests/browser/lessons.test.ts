// A lesson's claim held in the browser on WebGL, as tests/lessons/ holds it under Node: the overfitting lesson's
// dropout side (B) ends with a smaller validation − training loss gap than A, read from the figures the lesson
// banner shows for this run. The figures are logged, for the ranges the claim states.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeLink } from '../../src/state/link/link';
import { findLesson } from '../../src/state/lessons';
import { launch, openApp, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it('the overfitting lesson on WebGL: dropout narrows the gap, as its claim says', async () => {
  const lesson = findLesson('overfitting')!;
  for (const side of [lesson.spec, lesson.variant!]) side.training.backend = 'webgl';
  const { page, errors } = await openApp(browser, encodeLink(lesson));
  await page.getByRole('button', { name: 'Train A and B', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 600_000, interval: 1000 }).toMatch(/^Finished/);
  const figures = page.getByTestId('lesson-run-figures');
  const a = Number(await figures.getAttribute('data-a'));
  const b = Number(await figures.getAttribute('data-b'));
  console.info(`overfitting lesson on WebGL: gap A ${a.toFixed(3)}, B ${b.toFixed(3)}`);
  expect(await figures.getAttribute('data-holds')).toBe('true');
  expect(b).toBeLessThan(a - 0.05);
  await screenshot(page, 'lesson-overfitting-webgl');
  expect(errors).toEqual([]);
  await page.close();
}, 700_000);
