// Gradient clipping against Keras's definitions (tf.clip_by_norm, tf.clip_by_global_norm, tf.clip_by_value)
// on hand-made gradients, and inside a training step: the update equals SGD on the clipped gradient of tf.grads.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { clipGradients, type Clipping } from '../../../src/engine/train/clipping';
import { presetSpec } from '../../../src/engine/model/presets';
import { generatePoints } from '../../../src/data/points';
import { Trainer } from '../../../src/engine/train/trainer';

const off: Clipping = { clipnorm: 0, clipvalue: 0, globalClipnorm: 0 };
const clip = (grads: number[][], c: Partial<Clipping>) => tf.tidy(() => {
  const settings = { ...off, ...c };
  const limit = tf.scalar(settings.clipnorm || settings.globalClipnorm || settings.clipvalue);
  return clipGradients(grads.map((g) => tf.tensor1d(g)), settings, limit).map((t) => Array.from(t.dataSync()));
});

describe('gradient clipping', () => {
  it('clipnorm scales each gradient to norm c when longer, and leaves shorter ones', () => {
    const [a, b] = clip([[3, 4], [0.3, 0.4]], { clipnorm: 1 }); // norms 5 and 0.5
    expect(a[0]).toBeCloseTo(0.6, 6);
    expect(a[1]).toBeCloseTo(0.8, 6);
    expect(b).toEqual([expect.closeTo(0.3, 6), expect.closeTo(0.4, 6)]);
  });

  it('global_clipnorm scales all gradients by one factor from their joint norm', () => {
    const [a, b] = clip([[3, 4], [12]], { globalClipnorm: 6.5 }); // joint norm √(9+16+144) = 13 → ×0.5
    expect(a).toEqual([expect.closeTo(1.5, 6), expect.closeTo(2, 6)]);
    expect(b).toEqual([expect.closeTo(6, 6)]);
    const [c] = clip([[3, 4]], { globalClipnorm: 10 });
    expect(c).toEqual([expect.closeTo(3, 6), expect.closeTo(4, 6)]);
  });

  it('clipvalue clips entry by entry, changing the direction', () => {
    expect(clip([[-3, 0.2, 7]], { clipvalue: 0.5 })[0]).toEqual([-0.5, expect.closeTo(0.2, 6), 0.5]);
  });

  it('a step with clipnorm moves each weight by lr · the clipped gradient', () => {
    const spec = presetSpec('xor-mlp');
    if (spec.dataset.kind !== 'points') throw new Error('points preset');
    Object.assign(spec.training, { optimizer: 'sgd', learningRate: 0.5, batchSize: 300, validationSplit: 0, clipnorm: 0.01 });
    const before = tf.memory().numTensors;
    const trainer = new Trainer(spec, generatePoints({ ...spec.dataset, seed: spec.training.seed }));
    const start = trainer.network.trainable.map((v) => v.dataSync().slice());
    // the same gradient, computed apart with stock tfjs from the same batch (the whole set, in the epoch's order)
    const grads = tf.tidy(() => {
      const order = tf.tensor1d(Array.from({ length: 300 }, (_, i) => i), 'int32');
      const x = tf.gather(trainer.data.fit.x, order);
      const y = tf.oneHot(tf.gather(trainer.data.fit.y, order) as tf.Tensor1D, 2);
      const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, trainer.network.forward(x, { training: true }) as tf.Tensor2D) as tf.Scalar, trainer.network.trainable);
      return trainer.network.trainable.map((v) => Array.from(grads[v.name].dataSync()));
    });
    trainer.runBatch();
    trainer.network.trainable.forEach((v, i) => {
      const g = grads[i];
      const norm = Math.hypot(...g);
      const scale = 0.01 / Math.max(norm, 0.01);
      const after = v.dataSync();
      g.forEach((gj, j) => expect(after[j]).toBeCloseTo(start[i][j] - 0.5 * gj * scale, 5));
    });
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
