// The quantization lesson under Node: the trained LeNet written with uint8 weights takes about a quarter of the
// float32 file and gives nearly every test digit the class the float32 file gives it, as its claim says (judged
// by lesson-claims.ts on the export table's rows, as the page does). On shrink()'s fewer digits and epochs: the
// claim is about the weights' precision, not about how long the model trains.
import { expect, it } from 'vitest';
import { judgeClaim, LESSON_CLAIMS, type ArmFigures } from '../../src/state/lesson-claims';
import { findLesson } from '../../src/state/lessons';
import { trainLesson } from './lesson-runs';
import { shrink } from './shrink';

it('uint8 weights: a quarter of the float32 file, and at least 99% of the test digits keep their class', async () => {
  const lesson = shrink(findLesson('quantization')!);
  const { exportRows, testAccuracy } = await trainLesson(lesson.spec, { exportRows: true });
  const row = (label: string) => {
    const found = exportRows!.find((r) => r.label === label);
    if (!found) throw new Error(`no ${label} row in the export table (rows: ${exportRows!.map((r) => r.label).join(', ')})`);
    return found;
  };
  const [float32, uint8] = [row('float32'), row('uint8')];
  const figures = (r: typeof float32): ArmFigures => ({ trainLoss: null, validationLoss: null, firstLayer: null, recall: null, agreement: r.agreement });
  const ratio = float32.weightsBytes / uint8.weightsBytes;
  const accuracy = (r: typeof float32) => (r.metrics.task === 'classification' ? r.metrics.accuracy : NaN);
  console.info(`quantization: float32 ${float32.weightsBytes} B, uint8 ${uint8.weightsBytes} B (${ratio.toFixed(2)}×); ` +
    `agreement ${(uint8.agreement! * 100).toFixed(1)}%; test accuracy ${(accuracy(float32) * 100).toFixed(1)}% → ${(accuracy(uint8) * 100).toFixed(1)}%`);
  // trained at all, so agreement is not two near-uniform outputs tying
  expect(testAccuracy).toBeGreaterThan(0.6);
  expect(ratio).toBeGreaterThan(3.9);
  expect(ratio).toBeLessThanOrEqual(4);
  expect(judgeClaim(LESSON_CLAIMS.quantization, figures(float32), figures(uint8))?.holds).toBe(true);
}, 15 * 60_000);
