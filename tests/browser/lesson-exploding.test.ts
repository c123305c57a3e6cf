// The exploding-gradients lesson in the browser on WASM (unless LESSON_BACKEND says webgl: lesson-pair.ts), as
// tests/lessons/exploding.test.ts holds it under Node: with the global gradient norm clipped, B ends with a much
// higher validation accuracy than A. Figures logged.
import { expect, it } from 'vitest';
import { screenshot, useBrowser } from './browser';
import { LESSON_BACKEND, ON, lessonOn, runLessonPair } from './lesson-pair';

const browser = useBrowser();

it(`the exploding-gradients lesson on ${ON}: clipping makes the run learn, as its claim says`, async () => {
  const lesson = lessonOn('exploding-gradients');
  const { page, errors, figures: { a, b, holds } } = await runLessonPair(browser(), lesson, 400_000);
  expect(holds).toBe(true);
  console.info(`exploding-gradients lesson on ${ON}: validation accuracy A ${a.toFixed(3)}, B ${b.toFixed(3)}`);
  expect(b - a).toBeGreaterThan(0.2);
  await screenshot(page, `lesson-exploding-${LESSON_BACKEND}`);
  expect(errors).toEqual([]);
  await page.close();
}, 500_000);
