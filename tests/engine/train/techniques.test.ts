import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeImbalanced } from '../../../src/data/imbalance';
import { generatePoints } from '../../../src/data/points';
import { Random } from '../../../src/data/random';
import { augmentationTransforms } from '../../../src/engine/train/augment';
import { TrainingLoop } from '../../../src/engine/train/loop';
import { Network } from '../../../src/engine/model/network';
import { shareInitialWeights } from '../../../src/engine/model/pairing';
import { dense, dropout, presetSpec } from '../../../src/engine/model/presets';
import { balancedClassWeights, oversampledOrder } from '../../../src/engine/train/rebalance';
import type { ExperimentSpec } from '../../../src/engine/model/spec';
import { Trainer } from '../../../src/engine/train/trainer';

const points = (spec: ExperimentSpec) => {
  if (spec.dataset.kind !== 'points') throw new Error('points only');
  return generatePoints({ ...spec.dataset, seed: spec.training.seed });
};
const values = (network: Network) => network.model.weights.map((w) => Array.from(w.read().dataSync()));

describe('paired runs', () => {
  it('start from bit-identical weights and see identical batches, epoch after epoch', () => {
    const baseline = presetSpec('moons-mlp');
    const variant = structuredClone(baseline);
    variant.model.layers = [dense(16), dropout(0.5), dense(16), dropout(0.5)];
    variant.model.layers[0] = { ...dense(16), l2: 0.01 };
    const a = new Trainer(baseline, points(baseline));
    const b = new Trainer(variant, points(variant));
    expect(shareInitialWeights(a.network, b.network)).toEqual({ shared: 6, total: 6 });
    expect(values(b.network)).toEqual(values(a.network));
    for (let epoch = 0; epoch < 3; epoch++) {
      a.runBatch();
      b.runBatch();
      expect(b.currentOrder).toEqual(a.currentOrder);
      while (!a.runBatch()) b.runBatch();
      b.runBatch();
    }
    // and the technique does act: after training, the weights differ
    expect(values(b.network)).not.toEqual(values(a.network));
    a.dispose();
    b.dispose();
  });

  it('give the same initial weights even without copying, because layer seeds follow layer names', () => {
    const plain = presetSpec('moons-mlp');
    const withDropout = structuredClone(plain);
    withDropout.model.layers.splice(1, 0, dropout(0.3));
    const a = new Network(plain);
    const b = new Network(withDropout);
    expect(values(b)).toEqual(values(a));
    a.dispose();
    b.dispose();
  });
});

describe('early stopping', () => {
  it('stops after `patience` epochs without improvement and restores the best epoch\'s weights', async () => {
    const spec = presetSpec('circle-mlp');
    // a tiny, noisy training set overfits quickly, so validation loss turns up
    spec.dataset = { ...spec.dataset, kind: 'points', numPoints: 80, noise: 0.3 } as ExperimentSpec['dataset'];
    spec.model.layers = [dense(128), dense(128)];
    spec.training = { ...spec.training, epochs: 300, learningRate: 0.02, batchSize: 8,
      earlyStopping: { enabled: true, monitor: 'val_loss', patience: 5, restoreBestWeights: true } };
    const trainer = new Trainer(spec, points(spec));
    const losses: number[] = [];
    const snapshots: number[][][] = [];
    const loop = new TrainingLoop(trainer, { onEpoch: (e) => {
      losses.push(e.validation!.loss);
      snapshots.push(values(trainer.network));
    } });
    const end = await loop.run();
    expect(end.reason).toBe('early-stopped');
    if (end.reason !== 'early-stopped') return;
    const best = losses.indexOf(Math.min(...losses)) + 1;
    expect(end.stop.bestEpoch).toBe(best);
    expect(end.stop.epoch).toBe(best + 5);
    expect(trainer.epoch).toBe(best + 5);
    expect(values(trainer.network)).toEqual(snapshots[best - 1]);
    loop.dispose();
    trainer.dispose();
  });
});

describe('class imbalance', () => {
  it('keeps only the stated share of the minority class in training', () => {
    const spec = presetSpec('moons-mlp');
    const data = points(spec);
    const kept = makeImbalanced(data.train, 1, 0.1, 2);
    const count = (y: ArrayLike<number>, c: number) => Array.from(y).filter((v) => v === c).length;
    expect(count(kept.y, 1)).toBe(Math.round(count(data.train.y, 1) * 0.1));
    expect(count(kept.y, 0)).toBe(count(data.train.y, 0));
  });

  it('weighs classes by n / (classes · n_c), and oversampling tops every class up to the largest', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 2]);
    expect(balancedClassWeights(labels, 3)).toEqual([9 / 18, 9 / 6, 9 / 3]);
    // classes 1 and 4 absent: scikit-learn's compute_class_weight('balanced', classes=np.unique(y), y=y) gives
    // [0.8, 1.3333333333333333, 1.0] for the present 0, 2, 3 (n / (3 · n_c), not n / (5 · n_c)); absent ones weigh 0
    const sparse = Int32Array.from([0, 0, 0, 0, 2, 2, 3, 0, 2, 3, 3, 3]);
    const weights = balancedClassWeights(sparse, 5);
    [0.8, 0, 1.3333333333333333, 1.0, 0].forEach((w, c) => expect(weights[c]).toBeCloseTo(w, 12));
    const order = oversampledOrder(labels, 3, new Random(1));
    const counts = [0, 1, 2].map((c) => Array.from(order).filter((i) => labels[i] === c).length);
    expect(counts).toEqual([6, 6, 6]);
  });
});

describe('augmentation', () => {
  it('with nothing asked, the transform is the identity; a pure shift moves the sampling point by the shift', () => {
    const none = augmentationTransforms(1, { shift: 0, rotation: 0, noise: 0, flip: false }, 28, 28, new Random(1));
    expect(Array.from(none, (v) => v + 0)).toEqual([1, 0, 0, 0, 1, 0, 0, 0]); // + 0 turns −0 into 0
    const shifted = augmentationTransforms(1, { shift: 3, rotation: 0, noise: 0, flip: false }, 28, 28, new Random(1));
    // input = output − shift: a0 = b1 = 1, offsets are −dx and −dy with |d| ≤ 3
    expect(shifted[0]).toBe(1);
    expect(Math.abs(shifted[2])).toBeLessThanOrEqual(3);
    expect(Math.abs(shifted[5])).toBeLessThanOrEqual(3);
  });

  it('really moves the pixels of an image on the device', () => {
    const image = tf.tidy(() => tf.oneHot(tf.tensor1d([14 * 28 + 14], 'int32'), 784).reshape([1, 28, 28, 1]).cast('float32'));
    const rows = tf.tensor2d([[1, 0, -2, 0, 1, 0, 0, 0]]);
    const moved = tf.image.transform(image as tf.Tensor4D, rows, 'nearest');
    // output (x, y) samples input (x − 2, y): the bright pixel moves 2 to the right
    expect(moved.reshape([784]).argMax().dataSync()[0]).toBe(14 * 28 + 16);
    tf.dispose([image, rows, moved]);
  });
});
