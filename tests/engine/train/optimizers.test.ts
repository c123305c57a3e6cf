// The optimizers of optimizers.ts against stock tfjs (tf.train.*) on the same network and batch: the same losses
// and weights over 100 steps, the documented slots, and dispose() freeing exactly what the optimizer made.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { softmaxCrossEntropy } from '../../../src/engine/train/losses';
import { Network } from '../../../src/engine/model/network';
import { createOptimizer, stockOptimizer } from '../../../src/engine/train/optimizers';
import { presetSpec } from '../../../src/engine/model/presets';
import { OPTIMIZERS } from '../../../src/engine/model/spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('optimizers', () => {
  it.each(OPTIMIZERS)('%s gives the losses of stock tfjs over 100 steps (within 1e-4 relative)', (name) => {
    const spec = presetSpec('moons-mlp');
    const ours = new Network(spec);
    const stock = new Network(spec);
    const x = tf.randomNormal([32, 2], 0, 1, 'float32', 7);
    const oneHot = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => (i * 7) % 2), 'int32'), 2, 1, 0, 'float32');
    const invBatch = tf.scalar(1 / 32);
    const beforeCreate = tf.memory().numTensors;
    const optimizer = createOptimizer(name, 0.01, ours.trainable);
    const made = tf.memory().numTensors - beforeCreate;
    const n = ours.trainable.length;
    expect(optimizer.slots).toHaveLength({ sgd: 0, momentum: n, adam: 2 * n + 2, rmsprop: n }[name]);
    const reference = stockOptimizer(name, 0.01);
    let worst = 0;
    const losses: number[] = [];
    for (let step = 0; step < 100; step++) {
      const a = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => softmaxCrossEntropy(ours.forward(x, { training: true }), oneHot, invBatch), ours.trainable);
        optimizer.applyGradients(ours.trainable, ours.trainable.map((v) => grads[v.name]));
        return value.dataSync()[0];
      });
      const b = tf.tidy(() => (reference.minimize(() => softmaxCrossEntropy(stock.forward(x, { training: true }), oneHot, invBatch), true, stock.trainable) as tf.Scalar).dataSync()[0]);
      worst = Math.max(worst, Math.abs(a - b) / Math.abs(b));
      losses.push(a);
    }
    // the loss must move, or agreeing with stock tfjs would prove little
    expect(losses[0] - losses[99]).toBeGreaterThan(0.005);
    expect(worst).toBeLessThan(1e-4);
    // the weights themselves, not only the loss they give, agree with stock tfjs's after 100 updates
    ours.trainable.forEach((w, i) => {
      const [a, b] = [w.dataSync(), stock.trainable[i].dataSync()];
      const scale = Math.max(...Array.from(b, Math.abs));
      const off = Math.max(...Array.from(a, (v, k) => Math.abs(v - b[k])));
      expect(off / scale, `${name} ${w.name}`).toBeLessThan(1e-4);
    });
    expect(made).toBeGreaterThanOrEqual(optimizer.slots.length);
    const before = tf.memory().numTensors;
    optimizer.dispose();
    // every slot and constant the optimizer made goes, and nothing else
    expect(before - tf.memory().numTensors).toBe(made);
    tf.dispose([x, oneHot, invBatch]);
    reference.dispose();
    ours.dispose();
    stock.dispose();
  });

  /** Stock tfjs's way to change the rate: SGD and momentum cache it in a scalar, Adam and RMSprop read the field. */
  function setStockRate(optimizer: tf.Optimizer, rate: number) {
    const withSetter = optimizer as tf.Optimizer & { setLearningRate?: (r: number) => void };
    if (withSetter.setLearningRate) withSetter.setLearningRate(rate);
    else (optimizer as unknown as { learningRate: number }).learningRate = rate;
  }

  it.each(OPTIMIZERS)('%s takes a new learning rate at the next step, as stock tfjs does, keeping its slots', (name) => {
    const spec = presetSpec('moons-mlp');
    const ours = new Network(spec);
    const stock = new Network(spec);
    const x = tf.randomNormal([32, 2], 0, 1, 'float32', 3);
    const oneHot = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => (i * 5) % 2), 'int32'), 2, 1, 0, 'float32');
    const invBatch = tf.scalar(1 / 32);
    const optimizer = createOptimizer(name, 0.01, ours.trainable);
    const reference = stockOptimizer(name, 0.01);
    // the same start left at 0.01, so the comparison cannot pass with neither change taking effect
    const unchanged = new Network(spec);
    const unchangedOptimizer = stockOptimizer(name, 0.01);
    const losses: number[] = [];
    const unchangedLosses: number[] = [];
    let worst = 0;
    for (let step = 0; step < 40; step++) {
      if (step === 30) {
        optimizer.setLearningRate(0.1);
        setStockRate(reference, 0.1);
      }
      const a = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => softmaxCrossEntropy(ours.forward(x, { training: true }), oneHot, invBatch), ours.trainable);
        optimizer.applyGradients(ours.trainable, ours.trainable.map((v) => grads[v.name]));
        return value.dataSync()[0];
      });
      const b = tf.tidy(() => (reference.minimize(() => softmaxCrossEntropy(stock.forward(x, { training: true }), oneHot, invBatch), true, stock.trainable) as tf.Scalar).dataSync()[0]);
      unchangedLosses.push(tf.tidy(() => (unchangedOptimizer.minimize(() => softmaxCrossEntropy(unchanged.forward(x, { training: true }), oneHot, invBatch), true, unchanged.trainable) as tf.Scalar).dataSync()[0]));
      losses.push(a);
      worst = Math.max(worst, Math.abs(a - b) / Math.abs(b));
    }
    expect(worst).toBeLessThan(1e-4);
    expect(losses.slice(0, 31)).toEqual(unchangedLosses.slice(0, 31));
    // the step after the change already differs (the loss at step 31 is computed after the first update at 0.1)
    expect(Math.abs(losses[31] - unchangedLosses[31])).toBeGreaterThan(1e-4);
    const before = tf.memory().numTensors;
    optimizer.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
    tf.dispose([x, oneHot, invBatch]);
    reference.dispose();
    unchangedOptimizer.dispose();
    for (const network of [ours, stock, unchanged]) network.dispose();
  });
});
