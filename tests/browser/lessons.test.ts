// A lesson's claim held in the browser on WASM (unless LESSON_BACKEND says webgl: lesson-pair.ts), as tests/lessons/
// holds it under Node: the overfitting lesson's dropout side (B) ends with a smaller validation − training loss
// gap than A, read from the figures the lesson banner shows for this run. The figures are logged, for the ranges
// the claim states.
import { expect, it } from 'vitest';
import { screenshot, useBrowser } from './browser';
import { LESSON_BACKEND, ON, lessonOn, runLessonPair } from './lesson-pair';

const browser = useBrowser();

it(`the overfitting lesson on ${ON}: dropout narrows the gap, as its claim says`, async () => {
  const { page, errors, figures } = await runLessonPair(browser(), lessonOn('overfitting'));
  console.info(`overfitting lesson on ${ON}: gap A ${figures.a.toFixed(3)}, B ${figures.b.toFixed(3)}`);
  expect(figures.holds).toBe(true);
  expect(figures.b).toBeLessThan(figures.a - 0.05);
  await screenshot(page, `lesson-overfitting-${LESSON_BACKEND}`);
  expect(errors).toEqual([]);
  await page.close();
}, 700_000);
