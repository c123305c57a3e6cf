// Each learning-rate schedule against its formula at chosen steps, worked by hand here (Keras's definitions),
// and a run under a schedule reporting the rates it trained with.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { TECHNIQUE_DEFAULTS, type LearningRateSchedule } from '../../../src/engine/model/spec';
import { LearningRateController, scheduledRate } from '../../../src/engine/train/schedules';
import { presetSpec } from '../../../src/engine/model/presets';
import { generatePoints } from '../../../src/data/points';
import { Trainer } from '../../../src/engine/train/trainer';
import { TrainingLoop } from '../../../src/engine/train/loop';

const schedule = (kind: LearningRateSchedule['kind'], settings: Partial<LearningRateSchedule> = {}): LearningRateSchedule =>
  ({ ...TECHNIQUE_DEFAULTS.schedule, kind, ...settings });
const clock = { stepsPerEpoch: 10, totalSteps: 100 };

describe('learning-rate schedules', () => {
  it('constant keeps the rate', () => {
    expect(scheduledRate(schedule('constant'), 0.1, 57, clock)).toBe(0.1);
  });

  it('step decay multiplies by the factor at each period boundary', () => {
    const s = schedule('stepDecay', { factor: 0.5, everyEpochs: 2 });
    expect(scheduledRate(s, 0.1, 19, clock)).toBeCloseTo(0.1, 12); // epoch 1.9: no drop yet
    expect(scheduledRate(s, 0.1, 20, clock)).toBeCloseTo(0.05, 12); // epoch 2
    expect(scheduledRate(s, 0.1, 45, clock)).toBeCloseTo(0.025, 12); // epoch 4.5 → two drops
  });

  it('exponential decay falls by the factor per period, smoothly (Keras ExponentialDecay)', () => {
    const s = schedule('exponentialDecay', { factor: 0.25, everyEpochs: 2 });
    expect(scheduledRate(s, 0.1, 20, clock)).toBeCloseTo(0.025, 12); // one period: ×0.25
    expect(scheduledRate(s, 0.1, 10, clock)).toBeCloseTo(0.05, 12); // half a period: ×√0.25
  });

  it('cosine decay warms up linearly, then follows half a cosine down to alpha·rate', () => {
    const s = schedule('cosineDecay', { warmupEpochs: 2, alpha: 0.1 });
    expect(scheduledRate(s, 0.2, 0, clock)).toBe(0);
    expect(scheduledRate(s, 0.2, 10, clock)).toBeCloseTo(0.1, 12); // half the 20 warm-up steps
    expect(scheduledRate(s, 0.2, 20, clock)).toBeCloseTo(0.2, 12); // decay starts at the full rate
    // 80 decay steps: at t = 40 the cosine term is ½, so 0.2·(0.9·0.5 + 0.1)
    expect(scheduledRate(s, 0.2, 60, clock)).toBeCloseTo(0.2 * (0.9 * 0.5 + 0.1), 12);
    expect(scheduledRate(s, 0.2, 100, clock)).toBeCloseTo(0.02, 12);
    expect(scheduledRate(s, 0.2, 150, clock)).toBeCloseTo(0.02, 12); // stays at the floor
  });

  it('cyclical climbs from the rate to the highest rate in one period and back (triangular)', () => {
    const s = schedule('cyclical', { maxLearningRate: 0.5, everyEpochs: 1 }); // stepSize 10
    expect(scheduledRate(s, 0.1, 0, clock)).toBeCloseTo(0.1, 12);
    expect(scheduledRate(s, 0.1, 5, clock)).toBeCloseTo(0.3, 12);
    expect(scheduledRate(s, 0.1, 10, clock)).toBeCloseTo(0.5, 12);
    expect(scheduledRate(s, 0.1, 15, clock)).toBeCloseTo(0.3, 12);
    expect(scheduledRate(s, 0.1, 20, clock)).toBeCloseTo(0.1, 12);
  });

  it('reduce on plateau cuts after `patience` epochs without a gain of min_delta, never below the floor', () => {
    const c = new LearningRateController(schedule('reduceOnPlateau', { factor: 0.5, patience: 2, minLearningRate: 0.03 }), 0.1, clock);
    const rates: number[] = [];
    for (const loss of [1.0, 0.9, 0.89995, 0.95, 0.8, 0.85, 0.86, 0.9, 0.91]) {
      c.epochEnd(loss);
      rates.push(c.rateAt(0));
    }
    // 0.89995 is not below 0.9 − 1e-4: with 0.95 that is two epochs without gain → 0.05; then 0.8 improves;
    // 0.85, 0.86 → 0.025, floored at 0.03; 0.9, 0.91 → would be 0.015, floored at 0.03
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.03, 0.03, 0.03]);
  });

  it('a live edit of the base rate moves the schedule with it', () => {
    const c = new LearningRateController(schedule('stepDecay', { factor: 0.5, everyEpochs: 1 }), 0.1, clock);
    expect(c.rateAt(10)).toBeCloseTo(0.05, 12);
    c.setBase(0.4);
    expect(c.rateAt(10)).toBeCloseTo(0.2, 12);
  });

  it('a run under step decay trains with the scheduled rates and reports them', async () => {
    const spec = presetSpec('xor-mlp');
    Object.assign(spec.training, { epochs: 3, batchSize: 300, validationSplit: 0, learningRate: 0.08 });
    spec.training.schedule = schedule('stepDecay', { factor: 0.5, everyEpochs: 1 });
    const before = tf.memory().numTensors;
    if (spec.dataset.kind !== 'points') throw new Error('the xor preset is a points set');
    const trainer = new Trainer(spec, generatePoints({ ...spec.dataset, seed: spec.training.seed }));
    const reported: number[] = [];
    const loop = new TrainingLoop(trainer, { onBatches: (r) => reported.push(r.learningRate) }, 0);
    await loop.run();
    loop.dispose();
    trainer.dispose();
    // 300 training points at batch 300: one step per epoch, at 0.08, 0.04, 0.02
    expect(reported).toEqual([0.08, 0.04, 0.02]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
