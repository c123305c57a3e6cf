// The mixed-precision lesson in the browser on WASM (unless LESSON_BACKEND says webgl: lesson-pair.ts), as
// tests/lessons/mixed-precision.test.ts holds it under Node: B, in mixed float16, ends within the claim's bound of
// A's float32 test accuracy, read from the lesson banner's figures for this run. On shrink()'s fewer digits and
// epochs (the full lesson is most of an hour on SwiftShader; the claim is about precision, not training length).
// Figures logged, for the range the claim states.
import { expect, it } from 'vitest';
import { shrink } from '../lessons/shrink';
import { useBrowser } from './browser';
import { LESSON_BACKEND, ON, lessonOn, runLessonPair } from './lesson-pair';

const browser = useBrowser();

it(`the mixed-precision lesson on ${ON}: mixed float16 ends close to float32's test accuracy`, async () => {
  const { page, errors, figures } = await runLessonPair(browser(), lessonOn('mixed-precision', shrink));
  console.info(`mixed-precision lesson on ${ON}: test accuracy A (float32) ${(figures.a * 100).toFixed(1)}%, B (mixed_float16) ${(figures.b * 100).toFixed(1)}%`);
  // B did train in mixed float16: its Precision panel names the path that ran
  await expect.poll(() => page.getByTestId('precision-path').allTextContents()).toContainEqual(expect.stringMatching(/mixed float16/));
  expect(figures.a).toBeGreaterThan(0.6);
  expect(figures.holds).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
}, 700_000);
