// The precision policies in the training step itself (precision/policy.ts through TrainStep and TrainingLoop), on
// Node's CPU backend: all three train, mixed keeps what float16 loses, loss scaling skips and halves on
// overflow, runs are reproducible, and nothing leaks.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generatePoints } from '../../../src/data/points';
import { TrainingLoop, type BatchReport } from '../../../src/engine/train/loop';
import { createOptimizer } from '../../../src/engine/train/optimizers';
import { Precision } from '../../../src/engine/precision/policy';
import { presetSpec } from '../../../src/engine/model/presets';
import type { ExperimentSpec, PrecisionPolicy } from '../../../src/engine/model/spec';
import { Trainer } from '../../../src/engine/train/trainer';

function moons(policy: PrecisionPolicy, epochs = 4): ExperimentSpec {
  const spec = presetSpec('moons-mlp');
  spec.training.precision = policy;
  spec.training.epochs = epochs;
  // SGD: pure float16 with Adam fails by design (its second moment underflows), see float16-policy.test.ts
  spec.training.optimizer = 'sgd';
  spec.training.learningRate = 0.1;
  return spec;
}

function pointsFor(spec: ExperimentSpec) {
  if (spec.dataset.kind !== 'points') throw new Error('points only');
  return generatePoints({ ...spec.dataset, seed: spec.training.seed });
}

async function train(spec: ExperimentSpec) {
  const trainer = new Trainer(spec, pointsFor(spec));
  const reports: BatchReport[] = [];
  const end = await new TrainingLoop(trainer, { onBatches: (r) => reports.push(r) }, 0).run();
  const test = await trainer.evaluate(trainer.data.test);
  trainer.dispose();
  return { end, reports, test };
}

describe('precision policies in training', () => {
  it('trains under float32, mixed_float16 and float16, reports the stats, and leaves no tensor behind', async () => {
    for (const policy of ['float32', 'mixed_float16', 'float16'] as const) {
      const before = tf.memory().numTensors;
      const { end, reports, test } = await train(moons(policy, 8));
      expect(tf.memory().numTensors, policy).toBe(before);
      expect(end.reason).toBe('finished');
      expect(reports.at(-1)!.loss, policy).toBeLessThan(reports[0].loss * 0.8);
      expect(test.accuracy!, policy).toBeGreaterThan(0.75);
      const stats = reports.at(-1)!.precision;
      if (policy === 'float32') {
        expect(stats).toBeUndefined();
        continue;
      }
      expect(stats!.policy).toBe(policy);
      expect(stats!.skippedSteps).toBe(0);
      expect(stats!.flushShare).toBeGreaterThanOrEqual(0);
      expect(stats!.flushShare).toBeLessThan(1);
      expect(stats!.lossScale).toBe(policy === 'mixed_float16' ? 2 ** 15 : null);
    }
  });

  it('gives the same losses for the same seed under each float16 policy', async () => {
    for (const policy of ['mixed_float16', 'float16'] as const) {
      const a = (await train(moons(policy, 2))).reports.map((r) => r.loss);
      const b = (await train(moons(policy, 2))).reports.map((r) => r.loss);
      expect(b, policy).toEqual(a);
    }
  });

  it('grows the loss scale after growthInterval good steps', async () => {
    const spec = moons('mixed_float16', 1);
    spec.training.lossScaling = { initialScale: 2 ** 10, growthInterval: 5 };
    const trainer = new Trainer(spec, pointsFor(spec));
    for (let i = 0; i < 5; i++) trainer.runBatch();
    const totals = trainer.step.take();
    const values = await totals.sums.data();
    expect(values.length).toBe(6);
    const stats = trainer.step.precision.stats(values.subarray(2), totals.observed);
    expect(stats.lossScale).toBe(2 ** 11);
    totals.sums.dispose();
    trainer.dispose();
  });

  it('skips a step whose scaled gradients overflow float16, halving the scale and leaving weights and slots alone', async () => {
    const before = tf.memory().numTensors;
    const spec = moons('mixed_float16', 1);
    spec.training.optimizer = 'adam';
    // 2^40 times any ordinary gradient is far above float16's largest value, 65504
    spec.training.lossScaling = { initialScale: 2 ** 40, growthInterval: 2000 };
    const trainer = new Trainer(spec, pointsFor(spec));
    const { network, optimizer } = trainer.step;
    const snapshot = () => [...network.trainable, ...optimizer.slots].map((v) => Array.from(v.dataSync()));
    const initial = snapshot();
    trainer.runBatch();
    expect(snapshot()).toEqual(initial);
    trainer.runBatch();
    const totals = trainer.step.take();
    const values = await totals.sums.data();
    const stats = trainer.step.precision.stats(values.subarray(2), totals.observed);
    expect(stats.lossScale).toBe(2 ** 38);
    expect(stats.skippedSteps).toBe(2);
    expect(values[0] / totals.steps).toBeGreaterThan(0); // the losses themselves were finite
    totals.sums.dispose();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  // One weight w = 0 with loss c·w, c = 1e-8: its gradient is below float16's smallest subnormal (≈ 6e-8), so
  // under float16 it flushes to 0 and w never moves; loss scaling lifts it to 3.3e-4 and the float32 master
  // weight takes the unscaled 1e-8 steps.
  it('keeps gradients that float16 flushes to zero, and updates that it rounds away', () => {
    const before = tf.memory().numTensors;
    const run = (policy: PrecisionPolicy) => {
      const precision = new Precision({ precision: policy, lossScaling: { initialScale: 2 ** 15, growthInterval: 2000 } });
      const w = tf.tidy(() => tf.variable(tf.tensor1d([0, 1])));
      const c = tf.tensor1d([1e-8, 0.1]);
      const sgd = createOptimizer('sgd', 1e-3, [w]);
      const read = precision.trainingForward().readWeight!;
      for (let step = 0; step < 100; step++) {
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => precision.differentiable(tf.sum(tf.mul(read(w), c))), [w]);
          precision.applyGradients(sgd, [w], [grads[w.name]]);
        });
      }
      const taken = precision.take()!;
      const stats = precision.stats(taken.values.dataSync(), taken.observed);
      const values = Array.from(w.dataSync());
      tf.dispose([w, c, taken.values]);
      sgd.dispose();
      precision.dispose();
      return { values, stats };
    };
    const mixed = run('mixed_float16');
    const half = run('float16');
    // the scaled gradient is a float16 value: 1e-8 · 2^15 keeps 11 significant bits
    expect(mixed.values[0] / (-100 * 1e-3 * 1e-8)).toBeCloseTo(1, 3);
    expect(mixed.values[1]).toBeCloseTo(1 - 100 * 1e-4, 4); // 0.1 as float16 is 0.0999756
    expect(half.values).toEqual([0, 1]); // the tiny gradient flushed; 1e-4 is below half an ulp of 1 (2^-12)
    expect(mixed.stats.flushShare).toBeCloseTo(0.5, 6); // one of two values would flush without scaling
    expect(mixed.stats.flushShareScaled).toBe(0);
    expect(half.stats.flushShare).toBeCloseTo(0.5, 6);
    expect(tf.memory().numTensors).toBe(before);
  });
});
