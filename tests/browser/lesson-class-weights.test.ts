// The class-weights lesson in the browser on WASM (unless LESSON_BACKEND says webgl: lesson-pair.ts), as
// tests/lessons/imbalance.test.ts holds it under Node: with the sevens made rare in training, B's "balanced" class
// weights find many more of the (balanced) test set's sevens than A does, read from the lesson banner's figures for
// this run. Figures logged, for the range the claim states.
import { expect, it } from 'vitest';
import { useBrowser } from './browser';
import { LESSON_BACKEND, ON, lessonOn, runLessonPair } from './lesson-pair';

const browser = useBrowser();

it(`the class-weights lesson on ${ON}: class weights raise the recall of the rare sevens`, async () => {
  const { page, errors, figures } = await runLessonPair(browser(), lessonOn('class-weights'));
  console.info(`class-weights lesson on ${ON}: test recall of 7 A ${figures.a.toFixed(3)}, B ${figures.b.toFixed(3)}`);
  expect(figures.holds).toBe(true);
  expect(figures.a).toBeLessThan(0.3);
  expect(figures.b).toBeGreaterThan(figures.a + 0.3);
  expect(errors).toEqual([]);
  await page.close();
}, 700_000);
