// The learning-rate-schedule lesson in the browser on WASM (unless LESSON_BACKEND says webgl: lesson-pair.ts), as
// tests/lessons/schedule.test.ts holds it under Node: the banner's figures for this run put B's final validation
// loss (rate decayed) far below A's (constant rate). Figures logged.
import { expect, it } from 'vitest';
import { screenshot, useBrowser } from './browser';
import { LESSON_BACKEND, ON, lessonOn, runLessonPair } from './lesson-pair';

const browser = useBrowser();

it(`the learning-rate-schedule lesson on ${ON}: the decayed rate ends far lower, as its claim says`, async () => {
  const lesson = lessonOn('lr-schedule');
  const { page, errors, figures: { a, b, holds } } = await runLessonPair(browser(), lesson, 300_000);
  expect(holds).toBe(true);
  console.info(`lr-schedule lesson on ${ON}: final validation loss A ${a.toFixed(3)}, B ${b.toFixed(3)}`);
  expect(a).toBeGreaterThan(Math.log(2));
  expect(b).toBeLessThan(0.3);
  await screenshot(page, `lesson-schedule-${LESSON_BACKEND}`);
  expect(errors).toEqual([]);
  await page.close();
}, 400_000);
