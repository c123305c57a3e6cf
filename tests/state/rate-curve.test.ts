// The planned learning-rate curve against the schedules' formulas written out here, and a live change drawn as
// a step at the step the worker named.
import { describe, expect, it } from 'vitest';
import { plannedRates } from '../../src/state/rate-curve';
import { trainingDefaults, type LearningRateSchedule } from '../../src/engine/model/spec';

const schedule = (s: Partial<LearningRateSchedule>): LearningRateSchedule => ({ ...trainingDefaults().schedule, ...s });

const run = { batchesPerEpoch: 10, epochs: 6 };
const at = (points: { x: number; y: number }[], epoch: number) => points.find((p) => Math.abs(p.x - epoch) < 1e-9)?.y;

describe('plannedRates', () => {
  it('spans the whole run, step 0 to the last step', () => {
    const points = plannedRates(schedule({ kind: 'constant' }), 0.01, run);
    expect(points[0]).toEqual({ x: 0, y: 0.01 });
    expect(points[points.length - 1].x).toBeCloseTo(5.9, 9);
    expect(points.every((p) => p.y === 0.01)).toBe(true);
  });
  it('follows step decay: base · factor^⌊epoch / every⌋', () => {
    const points = plannedRates(schedule({ kind: 'stepDecay', factor: 0.5, everyEpochs: 2 }), 0.1, run);
    expect(at(points, 1.9)).toBeCloseTo(0.1, 12);
    expect(at(points, 2)).toBeCloseTo(0.05, 12);
    expect(at(points, 5.9)).toBeCloseTo(0.025, 12);
  });
  it('follows cosine decay with warm-up: linear to base, then half a cosine', () => {
    const points = plannedRates(schedule({ kind: 'cosineDecay', warmupEpochs: 1, alpha: 0 }), 0.2, run);
    expect(at(points, 0.5)).toBeCloseTo(0.1, 12);
    // 60 steps, 10 of warm-up: at step 35, t = 25 of 50
    expect(at(points, 3.5)).toBeCloseTo(0.2 * 0.5 * (1 + Math.cos(Math.PI * 25 / 50)), 12);
  });
  it('draws a live change as a step at the step it applies from, the schedule keeping its shape', () => {
    const points = plannedRates(schedule({ kind: 'exponentialDecay', factor: 0.5, everyEpochs: 1 }), 0.1, run, [{ step: 23, learningRate: 1 }]);
    expect(at(points, 2.2)).toBeCloseTo(0.1 * 0.5 ** 2.2, 12);
    expect(at(points, 2.3)).toBeCloseTo(1 * 0.5 ** 2.3, 12);
  });
});
