// The CNN-vs-MLP lesson at its seed under Node: on the same 2,000 digits and training settings, the small CNN
// (B, about half the weights) ends with a higher test accuracy than the MLP (A), as its claim says.
import { expect, it } from 'vitest';
import { judgeClaim, LESSON_CLAIMS, type ArmFigures } from '../../src/state/lesson-claims';
import { findLesson } from '../../src/state/lessons';
import { trainLesson } from './lesson-runs';

const figures = (testAccuracy: number): ArmFigures => ({ trainLoss: null, validationLoss: null, firstLayer: null, recall: null, testAccuracy });

it('the CNN beats the MLP on test accuracy', async () => {
  const lesson = findLesson('cnn-vs-mlp')!;
  const a = await trainLesson(lesson.spec);
  const b = await trainLesson(lesson.variant!);
  console.info(`CNN vs MLP: test accuracy A (MLP) ${(a.testAccuracy * 100).toFixed(1)}%, B (CNN) ${(b.testAccuracy * 100).toFixed(1)}%`);
  expect(judgeClaim(LESSON_CLAIMS['cnn-vs-mlp'], figures(a.testAccuracy), figures(b.testAccuracy))?.holds).toBe(true);
  expect(b.testAccuracy).toBeGreaterThan(a.testAccuracy + 0.005);
}, 15 * 60_000);
