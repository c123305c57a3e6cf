// The vanishing-gradients lesson in the browser on WASM (unless LESSON_BACKEND says webgl: lesson-pair.ts), as
// tests/lessons/vanishing.test.ts holds it under Node: the banner's figures for this run (the gradient probe's
// first/output norm ratio) put B orders of magnitude above A, and A's gradient chart says "vanishing". Figures
// logged; a screenshot of the lesson at 1280 and 360.
import { expect, it } from 'vitest';
import { SCREENSHOTS, useBrowser } from './browser';
import { lessonOn, ON, runLessonPair } from './lesson-pair';

const browser = useBrowser();

it(`the vanishing-gradients lesson on ${ON}: sigmoid ×8 vanishes, ReLU + heNormal does not, as its claim says`, async () => {
  const lesson = lessonOn('vanishing-gradients');
  const { page, errors, figures: { a, b, holds } } = await runLessonPair(browser(), lesson, 400_000);
  expect(holds).toBe(true);
  console.info(`vanishing-gradients lesson on ${ON}: first/output gradient norm A ${a.toExponential(2)}, B ${b.toExponential(2)}`);
  expect(b / a).toBeGreaterThan(1e3);
  const verdicts = await page.getByTestId('gradient-verdict').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
  expect(verdicts).toEqual(['vanishing', 'healthy']);
  await page.getByTestId('gradient-flow').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/lesson-vanishing-1280.png` });
  await page.setViewportSize({ width: 360, height: 800 });
  // charts follow a resize a frame later (Chart.js watches their box): poll until the page fits the phone
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByTestId('gradient-flow').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/lesson-vanishing-360.png` });
  expect(errors).toEqual([]);
  await page.close();
}, 500_000);
