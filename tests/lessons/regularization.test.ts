// The regularization lessons share their baseline (A); each variant (B) must show its effect, with a margin,
// at the lessons' fixed seed. The margins are about half the effect measured when the lessons were written.
import { beforeAll, describe, expect, it } from 'vitest';
import { findLesson } from '../../src/state/lessons';
import { trainLesson, type LessonResult } from './lesson-runs';

const MINUTES = 60_000;
const lesson = (id: string) => {
  const found = findLesson(id);
  if (!found?.variant) throw new Error(`lesson ${id} has no B side`);
  return found;
};
const firstLayer = (r: LessonResult) => r.weights.find((w) => w.layer === 'dense_1')!;

describe('regularization lessons (200 MNIST digits, a 128-128 MLP)', () => {
  let a: LessonResult;
  beforeAll(async () => {
    a = await trainLesson(lesson('overfitting').spec);
    console.info(`A: gap ${a.gap.toFixed(3)} (train ${a.trainLoss.toFixed(3)}, validation ${a.validationLoss.toFixed(3)}), ` +
      `dense_1 norm ${firstLayer(a).norm.toFixed(2)}, near zero ${(firstLayer(a).nearZero * 100).toFixed(1)}%`);
  }, 15 * MINUTES);

  it('A overfits: training loss near zero, validation loss far above it', () => {
    expect(a.trainLoss).toBeLessThan(0.05);
    expect(a.gap).toBeGreaterThan(0.4);
  });

  it('dropout narrows the validation − training loss gap', async () => {
    const b = await trainLesson(lesson('overfitting').variant!);
    console.info(`dropout: gap ${b.gap.toFixed(3)} vs A ${a.gap.toFixed(3)}`);
    expect(b.gap).toBeLessThan(a.gap - 0.05);
  }, 15 * MINUTES);

  it('L2 keeps the first layer\'s weights small', async () => {
    const b = await trainLesson(lesson('l2').variant!);
    console.info(`L2: dense_1 norm ${firstLayer(b).norm.toFixed(2)} vs A ${firstLayer(a).norm.toFixed(2)}; gap ${b.gap.toFixed(3)}`);
    expect(firstLayer(b).norm).toBeLessThan(0.7 * firstLayer(a).norm);
  }, 15 * MINUTES);

  it('L1 leaves at least 40% of the first layer\'s weights below 1e-3 (A: under 5%)', async () => {
    const b = await trainLesson(lesson('l1').variant!);
    console.info(`L1: dense_1 near zero ${(firstLayer(b).nearZero * 100).toFixed(1)}% vs A ${(firstLayer(a).nearZero * 100).toFixed(1)}%`);
    expect(firstLayer(a).nearZero).toBeLessThan(0.05);
    expect(firstLayer(b).nearZero).toBeGreaterThanOrEqual(0.4);
  }, 15 * MINUTES);

  it('early stopping stops well before the last epoch, with a lower validation loss than A ends with', async () => {
    const b = await trainLesson(lesson('early-stopping').variant!);
    console.info(`early stopping: stopped after ${b.epochs} epochs, validation loss ${b.validationLoss.toFixed(3)} vs A ${a.validationLoss.toFixed(3)}`);
    expect(b.end.reason).toBe('early-stopped');
    expect(b.epochs).toBeLessThan(35);
    expect(b.validationLoss).toBeLessThan(a.validationLoss - 0.03);
  }, 15 * MINUTES);
});
