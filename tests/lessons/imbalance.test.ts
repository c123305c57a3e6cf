// The class-imbalance lesson: with sevens made rare in training, class weights must raise their recall on the
// (balanced) test set, with a margin of about half the effect measured when the lesson was written.
import { expect, it } from 'vitest';
import { findLesson } from '../../src/state/lessons';
import { trainLesson } from './lesson-runs';

it('class weights raise the recall of the rare class by at least 0.3', async () => {
  const lesson = findLesson('class-weights')!;
  const a = await trainLesson(lesson.spec);
  const b = await trainLesson(lesson.variant!);
  console.info(`class weights: recall of 7 ${a.testRecall[7].toFixed(3)} → ${b.testRecall[7].toFixed(3)}; ` +
    `test accuracy ${(a.testAccuracy * 100).toFixed(1)}% → ${(b.testAccuracy * 100).toFixed(1)}%`);
  expect(a.testRecall[7]).toBeLessThan(0.3);
  expect(b.testRecall[7]).toBeGreaterThan(a.testRecall[7] + 0.3);
}, 15 * 60_000);
