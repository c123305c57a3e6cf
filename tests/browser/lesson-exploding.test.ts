// The exploding-gradients lesson in the browser on WASM (unless LESSON_BACKEND says webgl: lesson-pair.ts), as
// tests/lessons/exploding.test.ts holds it under Node: with the global gradient norm clipped, B ends with a much
// higher validation accuracy than A. Figures logged.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeLink } from '../../src/state/link/link';
import { launch, openApp, screenshot } from './browser';
import { LESSON_BACKEND, ON, lessonOn } from './lesson-pair';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it(`the exploding-gradients lesson on ${ON}: clipping makes the run learn, as its claim says`, async () => {
  const lesson = lessonOn('exploding-gradients');
  const { page, errors } = await openApp(browser, encodeLink(lesson), { width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Train A and B', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 400_000, interval: 1000 }).toMatch(/^Finished/);
  const figures = page.getByTestId('lesson-run-figures');
  await expect.poll(() => figures.getAttribute('data-holds'), { timeout: 10_000 }).toBe('true');
  const a = Number(await figures.getAttribute('data-a'));
  const b = Number(await figures.getAttribute('data-b'));
  console.info(`exploding-gradients lesson on ${ON}: validation accuracy A ${a.toFixed(3)}, B ${b.toFixed(3)}`);
  expect(b - a).toBeGreaterThan(0.2);
  await screenshot(page, `lesson-exploding-${LESSON_BACKEND}`);
  expect(errors).toEqual([]);
  await page.close();
}, 500_000);
