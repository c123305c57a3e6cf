// The mixed-precision lesson under Node: B, the same LeNet in mixed float16 (float16 compute, float32 master
// weights, loss scaling), ends with a test accuracy close to A's float32 one, as its claim says (judged by
// lesson-claims.ts). Trained on shrink()'s fewer digits and epochs: the claim is about precision.
import { expect, it } from 'vitest';
import { judgeClaim, LESSON_CLAIMS, type ArmFigures } from '../../src/state/lesson-claims';
import { findLesson } from '../../src/state/lessons';
import { trainLesson } from './lesson-runs';
import { shrink } from './shrink';

const figures = (testAccuracy: number): ArmFigures => ({ trainLoss: null, validationLoss: null, firstLayer: null, recall: null, testAccuracy });

it('mixed float16 ends within the claim\'s bound of float32\'s test accuracy', async () => {
  const lesson = shrink(findLesson('mixed-precision')!);
  const a = await trainLesson(lesson.spec);
  const b = await trainLesson(lesson.variant!);
  console.info(`mixed precision: test accuracy A (float32) ${(a.testAccuracy * 100).toFixed(1)}%, B (mixed_float16) ${(b.testAccuracy * 100).toFixed(1)}%`);
  // trained at all: far above a guess (10%), so "close" is not two untrained models agreeing
  expect(a.testAccuracy).toBeGreaterThan(0.6);
  expect(judgeClaim(LESSON_CLAIMS['mixed-precision'], figures(a.testAccuracy), figures(b.testAccuracy))?.holds).toBe(true);
}, 15 * 60_000);
