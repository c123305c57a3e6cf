// The quantization lesson in the browser on WASM (unless LESSON_BACKEND says webgl: lesson-pair.ts), as
// tests/lessons/quantization.test.ts holds it under Node: after training, the Export view's uint8 row is about a
// quarter of the float32 file and the banner's figures (the share of test digits given the float32 file's class)
// hold the claim. On shrink()'s fewer digits and epochs: the claim is about the weights' precision, not training
// length. Figures logged, for the range the claim states.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { encodeLink } from '../../src/state/link/link';
import { shrink } from '../lessons/shrink';
import { openApp, SCREENSHOTS, trainToEnd, useBrowser } from './browser';
import { LESSON_BACKEND, ON, bannerFigures, lessonOn } from './lesson-pair';

const browser = useBrowser();

const row = (page: Page, label: string) => page.locator(`[data-testid=format-table] tr[data-format="${label}"]`);
const bytes = async (page: Page, label: string) => Number(await row(page, label).getByTestId('weights-bytes').getAttribute('data-bytes'));

it(`the quantization lesson on ${ON}: uint8 is a quarter of the size and keeps nearly every digit's class`, async () => {
  const { page, errors } = await openApp(browser(), encodeLink(lessonOn('quantization', shrink)), { width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Go to Build and train' }).click({ timeout: 90_000 });
  await trainToEnd(page, /^Finished/, 600_000);
  await page.getByRole('tab', { name: 'Export' }).click();
  await page.getByRole('button', { name: 'Measure formats' }).click();
  await expect.poll(() => page.locator('[data-testid=format-table] tbody tr').count(), { timeout: 120_000 }).toBe(4);
  const figures = await bannerFigures(page);
  const ratio = (await bytes(page, 'float32')) / (await bytes(page, 'uint8'));
  const accuracy = parseFloat((await row(page, 'float32').getByTestId('accuracy').textContent()) ?? '');
  console.info(`quantization lesson on ${ON}: float32 / uint8 weights ${ratio.toFixed(2)}×; same class as float32 A ${(figures.a * 100).toFixed(1)}%, ` +
    `B (uint8) ${(figures.b * 100).toFixed(1)}%; float32 test accuracy ${accuracy}%`);
  // trained at all, so agreement is not two near-uniform outputs tying
  expect(accuracy).toBeGreaterThan(60);
  expect(ratio).toBeGreaterThan(3.9);
  expect(ratio).toBeLessThanOrEqual(4);
  expect(figures.a).toBe(1);
  expect(figures.holds).toBe(true);
  expect(await page.getByTestId('lesson-run-figures').textContent()).toMatch(/float32 100\.0%, uint8 \d+\.\d%\s+\(as claimed\)/);
  await page.getByTestId('lesson').screenshot({ path: `${SCREENSHOTS}/lesson-quantization-1280.png` });
  await page.setViewportSize({ width: 360, height: 800 });
  // the measured format table scrolls inside its panel; the page itself stays phone-wide
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByTestId('lesson').screenshot({ path: `${SCREENSHOTS}/lesson-quantization-360.png` });
  expect(errors).toEqual([]);
  await page.close();
}, 700_000);
