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
    const optimizer = createOptimizer(name, 0.01, ours.trainable);
    const reference = stockOptimizer(name, 0.01);
    let worst = 0;
    for (let step = 0; step < 100; step++) {
      const a = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => softmaxCrossEntropy(ours.forward(x, { training: true }), oneHot, invBatch), ours.trainable);
        optimizer.applyGradients(ours.trainable, ours.trainable.map((v) => grads[v.name]));
        return value.dataSync()[0];
      });
      const b = tf.tidy(() => (reference.minimize(() => softmaxCrossEntropy(stock.forward(x, { training: true }), oneHot, invBatch), true, stock.trainable) as tf.Scalar).dataSync()[0]);
      worst = Math.max(worst, Math.abs(a - b) / Math.abs(b));
    }
    expect(worst).toBeLessThan(1e-4);
    const before = tf.memory().numTensors;
    optimizer.dispose();
    // Adam and RMSprop keep 2n+2 and n slot variables besides their constants; all of them go
    expect(tf.memory().numTensors).toBeLessThan(before);
    tf.dispose([x, oneHot, invBatch]);
    reference.dispose();
    ours.dispose();
    stock.dispose();
  });
});
