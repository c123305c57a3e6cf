// The memory estimate against tfjs's own count: the peak of tf.memory().numBytes (sampled by tf.profile after
// every kernel) over one full training step and one evaluation of the larger split, counted from before the
// trainer existed, so the weights, slots and uploaded data are in it. CPU backend; several model shapes.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_DATASETS } from '../../../src/data/catalog';
import type { Dataset } from '../../../src/data/dataset';
import { generatePoints } from '../../../src/data/points';
import { estimateMemory } from '../../../src/engine/model/memory-estimate';
import { batchNorm, conv2d, dense, dropout, flatten, maxPool, presetSpec } from '../../../src/engine/model/presets';
import type { ExperimentSpec, ImageDatasetSpec, LayerSpec, OptimizerName, PrecisionPolicy } from '../../../src/engine/model/spec';
import { Trainer } from '../../../src/engine/train/trainer';

beforeAll(() => tf.setBackend('cpu'));

/** MNIST-shaped bytes: the estimate depends on shapes only, so any pixels do. */
function syntheticMnist(train: number, test: number): Dataset {
  const split = (n: number) => ({
    x: Uint8Array.from({ length: n * 784 }, (_, i) => (i * 37) % 256), y: Int32Array.from({ length: n }, (_, i) => i % 10), count: n,
  });
  return { info: IMAGE_DATASETS.mnist, train: split(train), test: split(test) };
}

/** Bytes at the peak of a training step at the full batch and of evaluating the larger split. */
async function measuredPeak(spec: ExperimentSpec): Promise<number> {
  const data = spec.dataset.kind === 'points' ? generatePoints({ ...spec.dataset, seed: 1 }) : syntheticMnist((spec.dataset as ImageDatasetSpec).trainSize, (spec.dataset as ImageDatasetSpec).testSize);
  const before = tf.memory().numBytes;
  const trainer = new Trainer(spec, data);
  const step = (await tf.profile(() => { trainer.runBatch(); })).peakBytes; // the epoch's first batch: a full one
  trainer.step.take().sums.dispose();
  const larger = trainer.data.fit.count >= trainer.data.test.count ? trainer.data.fit : trainer.data.test;
  const evaluation = (await tf.profile(async () => { await trainer.evaluate(larger); })).peakBytes;
  trainer.dispose();
  expect(tf.memory().numBytes).toBe(before);
  return Math.max(step, evaluation) - before;
}

function mnistRun(layers: LayerSpec[], batchSize: number, optimizer: OptimizerName, precision: PrecisionPolicy = 'float32'): ExperimentSpec {
  const spec = presetSpec('mnist-cnn');
  if (spec.dataset.kind !== 'images') throw new Error('images');
  spec.dataset.trainSize = 96;
  spec.dataset.testSize = 32;
  spec.model.layers = layers;
  Object.assign(spec.training, { batchSize, optimizer, precision });
  return spec;
}

const lenet = presetSpec('mnist-cnn').model.layers;
const CASES: [string, ExperimentSpec][] = [
  ['spiral MLP preset (3×64 ReLU, Adam)', presetSpec('spiral-mlp')],
  ['MNIST MLP 784-128-64-10, Adam, batch 64', mnistRun([flatten, dense(128), dense(64)], 64, 'adam')],
  ['MNIST MLP 784-512-512-10, SGD, batch 96', mnistRun([flatten, dense(512), dense(512)], 96, 'sgd')],
  ['LeNet-style CNN, Adam, batch 32', mnistRun(lenet, 32, 'adam')],
  ['LeNet-style CNN, momentum, batch 48', mnistRun(lenet, 48, 'momentum')],
  ['conv 16 tanh + batch norm + dropout + pool, RMSprop, batch 32', mnistRun([conv2d(16, 3, 'tanh', 'same'), batchNorm, dropout(0.5), maxPool(), flatten, dense(64, 'tanh')], 32, 'rmsprop')],
  ['two conv 16 same, SGD, batch 4 (evaluation is the peak)', mnistRun([conv2d(16, 3, 'relu', 'same'), conv2d(16, 3, 'relu', 'same'), flatten], 4, 'sgd')],
  ['MNIST MLP under mixed_float16, Adam, batch 128', mnistRun([flatten, dense(256), dense(128)], 128, 'adam', 'mixed_float16')],
];

describe('estimateMemory against tf.memory() at the peak (CPU backend)', () => {
  it.each(CASES.map(([name, spec]) => ({ name, spec })))('$name: within 30%', { timeout: 300_000 }, async ({ name, spec }) => {
    const estimate = estimateMemory(spec, { backend: 'cpu' });
    const measured = await measuredPeak(spec);
    const ratio = estimate.peak / measured;
    console.log(`${name}: estimate ${estimate.peak} B (${estimate.peakIn}), measured ${measured} B, ratio ${ratio.toFixed(3)}`);
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.3);
  });

  it('grows with the batch size only through the training step', () => {
    const spec = mnistRun(lenet, 32, 'adam');
    const small = estimateMemory(spec, { batchSize: 32 });
    const big = estimateMemory(spec, { batchSize: 64 });
    expect(big.activations).toBe(2 * small.activations);
    expect(big.weights).toBe(small.weights);
    expect(big.data).toBe(small.data);
  });
});
