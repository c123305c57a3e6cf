import { describe, expect, it } from 'vitest';
import { batchNorm, conv2d, dense, dropout, flatten, maxPool, presetSpec } from '../../../src/engine/model/presets';
import type { ExperimentSpec, LayerSpec } from '../../../src/engine/model/spec';
import { describeChanges } from '../../../src/engine/model/spec-diff';

const mlp = (layers: LayerSpec[]): ExperimentSpec => {
  const spec = presetSpec('spiral-mlp');
  spec.model.layers = layers;
  return spec;
};
const cnn = (layers: LayerSpec[]): ExperimentSpec => {
  const spec = presetSpec('mnist-cnn');
  spec.model.layers = layers;
  return spec;
};
const changed = (spec: ExperimentSpec, edit: (s: ExperimentSpec) => void) => {
  const copy = structuredClone(spec);
  edit(copy);
  return copy;
};

describe('describeChanges', () => {
  it('says nothing for identical specs', () => {
    for (const id of ['spiral-mlp', 'mnist-cnn', 'fashion-cnn', 'bumps-regression']) {
      expect(describeChanges(presetSpec(id), presetSpec(id))).toEqual([]);
    }
  });

  it("reads the issue's example: a dropout added after dense_1", () => {
    const a = mlp([dense(64), dense(64)]);
    const b = mlp([dense(64), dropout(0.5), dense(64)]);
    expect(describeChanges(a, b)).toEqual(['dropout after dense_1: 0 → 0.5']);
    expect(describeChanges(b, a)).toEqual(['dropout after dense_1: 0.5 → 0']);
  });

  it('reads a dropout rate change, and dropout on the input, the same way', () => {
    expect(describeChanges(mlp([dense(64), dropout(0.2)]), mlp([dense(64), dropout(0.5)]))).toEqual(['dropout after dense_1: 0.2 → 0.5']);
    expect(describeChanges(mlp([dense(8)]), mlp([dropout(0.1), dense(8)]))).toEqual(['dropout on the input: 0 → 0.1']);
  });

  it('names fields of dense layers, regularization included', () => {
    const a = mlp([dense(64), dense(64)]);
    const b = mlp([dense(128, 'tanh'), dense(64, 'relu', 0, 0.001)]);
    expect(describeChanges(a, b)).toEqual([
      'dense_1 units: 64 → 128', 'dense_1 activation: relu → tanh', 'L2 on dense_2 kernel: 0 → 0.001',
    ]);
    expect(describeChanges(a, mlp([dense(64, 'relu', 0.01), dense(64)]))).toEqual(['L1 on dense_1 kernel: 0 → 0.01']);
  });

  it('names fields of convolution and pooling layers', () => {
    const a = cnn([conv2d(8, 5), maxPool(), flatten]);
    const b = cnn([{ ...conv2d(16, 3, 'relu', 'same'), strides: 2 }, { type: 'maxPooling2d', poolSize: 3, strides: 2 }, flatten]);
    expect(describeChanges(a, b)).toEqual([
      'conv2d_1 filters: 8 → 16', 'conv2d_1 kernel size: 5×5 → 3×3', 'conv2d_1 strides: 1 → 2', 'conv2d_1 padding: valid → same',
      'max_pooling2d_1 pool size: 2×2 → 3×3',
    ]);
  });

  it('reads an inserted layer as one addition, placed after the layer before it', () => {
    const a = cnn([conv2d(8, 3), maxPool(), flatten, dense(64)]);
    const b = cnn([conv2d(8, 3), maxPool(), conv2d(32, 3), flatten, dense(64)]);
    expect(describeChanges(a, b)).toEqual(['added conv2d_2 (32 filters, 3×3, relu) after max_pooling2d_1']);
    const c = cnn([conv2d(8, 3), conv2d(16, 3), maxPool(), conv2d(32, 3), flatten, dense(64)]);
    expect(describeChanges(cnn([conv2d(8, 3), conv2d(16, 3), maxPool(), flatten, dense(64)]), c))
      .toEqual(['added conv2d_3 (32 filters, 3×3, relu) after max_pooling2d_1']);
  });

  it('reads a removed layer, with its dropout, as one removal', () => {
    expect(describeChanges(mlp([dense(64), dense(64), dense(32)]), mlp([dense(64), dense(32)]))).toEqual(['removed dense_2 (64 units, relu)']);
    expect(describeChanges(mlp([dense(64), dense(32), dropout(0.5)]), mlp([dense(64)])))
      .toEqual(['removed dense_2 (32 units, relu) and the dropout (0.5) after it']);
  });

  it('prefers the alignment that leaves layers unchanged: an insertion at the front is not three edits', () => {
    const a = mlp([dense(64), dense(32)]);
    const b = mlp([dense(128), dropout(0.3), dense(64), dense(32)]);
    expect(describeChanges(a, b)).toEqual(['added dense_1 (128 units, relu) at the start, followed by dropout 0.3']);
    // The layers that moved keep their old name, with the new one beside it, when one of them changes.
    const c = mlp([dense(128), dense(64), dense(32, 'tanh')]);
    expect(describeChanges(a, c)).toEqual(['added dense_1 (128 units, relu) at the start', 'dense_2 (now dense_3) activation: relu → tanh']);
  });

  it('describes layers without settings by name alone, and a different type as a removal and an addition', () => {
    expect(describeChanges(mlp([dense(8)]), mlp([dense(8), batchNorm]))).toEqual(['added batch_normalization_1 after dense_1']);
    expect(describeChanges(cnn([maxPool(), flatten]), cnn([{ type: 'averagePooling2d', poolSize: 2, strides: 1 }, flatten])))
      .toEqual(['removed max_pooling2d_1 (2×2)', 'added average_pooling2d_1 (2×2, strides 1) at the start']);
  });

  it('describes data changes', () => {
    const mnist = presetSpec('mnist-mlp');
    expect(describeChanges(mnist, changed(mnist, (s) => (s.dataset.name = 'fashion-mnist')))).toEqual(['dataset: MNIST digits → Fashion-MNIST']);
    const imbalanced = changed(mnist, (s) => (s.dataset.imbalance = { minorityClass: 7, keep: 0.1 }));
    expect(describeChanges(mnist, imbalanced)).toEqual(['class imbalance: off → keep 10% of class 7']);
    const fashion = changed(imbalanced, (s) => (s.dataset.name = 'fashion-mnist'));
    expect(describeChanges(imbalanced, changed(fashion, (s) => (s.dataset.imbalance.minorityClass = 6))))
      .toEqual(['dataset: MNIST digits → Fashion-MNIST', 'class imbalance: keep 10% of class 7 → keep 10% of class 6 (Shirt)']);
    const augmented = changed(mnist, (s) => {
      if (s.dataset.kind !== 'images') throw new Error('mnist-mlp is an image preset');
      s.dataset.augmentation = { shift: 2, rotation: 10, noise: 0.1, flip: false };
      s.dataset.trainSize = 4000;
    });
    expect(describeChanges(mnist, augmented))
      .toEqual(['training examples: 8,000 → 4,000', 'augmentation: off → shift ±2 px, rotation ±10°, noise 0.1']);
    const spiral = presetSpec('spiral-mlp');
    const noisier = changed(spiral, (s) => Object.assign(s.dataset, { noise: 0.2, numPoints: 400, trainRatio: 0.7 }));
    expect(describeChanges(spiral, noisier)).toEqual(['noise: 0.03 → 0.2', 'number of points: 800 → 400', 'train/test ratio: 0.5 → 0.7']);
  });

  it('describes training changes in a fixed order', () => {
    const a = presetSpec('spiral-mlp');
    const b = changed(a, (s) => {
      Object.assign(s.training, { seed: 7, optimizer: 'sgd', learningRate: 0.001, batchSize: 64, epochs: 20, validationSplit: 0.1 });
      Object.assign(s.training, { folds: 5, rebalance: 'classWeights', precision: 'mixed_float16', backend: 'webgl' });
      s.training.earlyStopping.enabled = true;
      s.training.lossScaling.initialScale = 1024;
    });
    expect(describeChanges(a, b)).toEqual([
      'optimizer: adam → sgd', 'learning rate: 0.01 → 0.001', 'batch size: 32 → 64', 'epochs: 150 → 20',
      'validation split: 0.2 → 0.1', 'seed: 42 → 7', 'backend: auto → webgl',
      'precision: float32 → mixed_float16', 'initial loss scale: 32768 → 1024',
      'early stopping: off → on (val_loss, patience 3, restoring the best weights)', 'class rebalancing: none → class weights',
      'cross-validation: off → 5 folds',
    ]);
  });

  it('ignores settings that have no effect: early stopping details while off, loss scaling without mixed_float16', () => {
    const a = presetSpec('spiral-mlp');
    const b = changed(a, (s) => {
      s.training.earlyStopping.patience = 10;
      s.training.lossScaling.growthInterval = 50;
    });
    expect(describeChanges(a, b)).toEqual([]);
    const on = changed(a, (s) => (s.training.earlyStopping.enabled = true));
    const onLonger = changed(on, (s) => Object.assign(s.training.earlyStopping, { patience: 5, monitor: 'val_accuracy', restoreBestWeights: false }));
    expect(describeChanges(on, onLonger)).toEqual([
      'early stopping: on (val_loss, patience 3, restoring the best weights) → on (val_accuracy, patience 5, keeping the last weights)',
    ]);
  });

  it('orders data, then model, then training', () => {
    const a = presetSpec('mnist-mlp');
    const b = changed(a, (s) => {
      s.training.learningRate = 0.01;
      s.model.layers.push(dropout(0.5));
      s.dataset.name = 'fashion-mnist';
    });
    expect(describeChanges(a, b)).toEqual(['dataset: MNIST digits → Fashion-MNIST', 'dropout after dense_2: 0 → 0.5', 'learning rate: 0.001 → 0.01']);
  });

  it('compares across dataset kinds, keeping the earliest layers matched', () => {
    expect(describeChanges(presetSpec('spiral-mlp'), presetSpec('mnist-cnn'))).toEqual([
      'dataset: Spiral → MNIST digits',
      'added conv2d_1 (8 filters, 5×5, relu, same padding) at the start',
      'added max_pooling2d_1 (2×2) after conv2d_1',
      'added conv2d_2 (16 filters, 5×5, relu) after max_pooling2d_1',
      'added max_pooling2d_2 (2×2) after conv2d_2',
      'added flatten_1 after max_pooling2d_2',
      'dense_1 units: 64 → 120',
      'dense_2 units: 64 → 84',
      'removed dense_3 (64 units, relu)',
      'learning rate: 0.01 → 0.001', 'epochs: 150 → 8', 'validation split: 0.2 → 0.1',
    ]);
  });

  it('lists a replaced layer as removed, then added', () => {
    expect(describeChanges(mlp([dense(8), batchNorm, dense(4)]), mlp([dense(8), dropout(0.2), flatten, dense(4)])))
      .toEqual(['dropout after dense_1: 0 → 0.2', 'removed batch_normalization_1', 'added flatten_1 after dense_1']);
  });
});
