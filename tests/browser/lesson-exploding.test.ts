// The exploding-gradients lesson on WebGL, as tests/lessons/exploding.test.ts holds it under Node: with the
// global gradient norm clipped, B ends with a much higher validation accuracy than A. Figures logged.
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

it('the exploding-gradients lesson on WebGL: clipping makes the run learn, as its claim says', async () => {
  const lesson = findLesson('exploding-gradients')!;
  for (const side of [lesson.spec, lesson.variant!]) side.training.backend = 'webgl';
  const { page, errors } = await openApp(browser, encodeLink(lesson), { width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Train A and B', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 400_000, interval: 1000 }).toMatch(/^Finished/);
  const figures = page.getByTestId('lesson-run-figures');
  await expect.poll(() => figures.getAttribute('data-holds'), { timeout: 10_000 }).toBe('true');
  const a = Number(await figures.getAttribute('data-a'));
  const b = Number(await figures.getAttribute('data-b'));
  console.info(`exploding-gradients lesson on WebGL: validation accuracy A ${a.toFixed(3)}, B ${b.toFixed(3)}`);
  expect(b - a).toBeGreaterThan(0.2);
  await screenshot(page, 'lesson-exploding-webgl');
  expect(errors).toEqual([]);
  await page.close();
}, 500_000);
