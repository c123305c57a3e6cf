// The CNN-vs-MLP lesson in the browser on WASM (unless LESSON_BACKEND says webgl: lesson-pair.ts), as
// tests/lessons/cnn-vs-mlp.test.ts holds it under Node: on the same digits and settings the CNN (B) ends with a
// higher test accuracy than the MLP (A), read from the lesson banner's figures for this run. Figures logged, for
// the range the claim states.
import { expect, it } from 'vitest';
import { useBrowser } from './browser';
import { LESSON_BACKEND, ON, lessonOn, runLessonPair } from './lesson-pair';

const browser = useBrowser();

it(`the CNN-vs-MLP lesson on ${ON}: the CNN beats the MLP on test accuracy`, async () => {
  const { page, errors, figures } = await runLessonPair(browser(), lessonOn('cnn-vs-mlp'));
  console.info(`CNN-vs-MLP lesson on ${ON}: test accuracy A (MLP) ${(figures.a * 100).toFixed(1)}%, B (CNN) ${(figures.b * 100).toFixed(1)}%`);
  expect(figures.holds).toBe(true);
  expect(figures.b).toBeGreaterThan(figures.a + 0.005);
  expect(errors).toEqual([]);
  await page.close();
}, 700_000);
