// The fast path on the CPU backend: none of the fused WebGPU pieces applies, and the training step is
// bit-identical to the step as it was before they existed (tf.variableGrads, one-hot cross-entropy, the tensor-op
// optimizers, tf.add accumulation), with the fast-path flag on or off.
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { Random } from '../../../src/data/random';
import { FAST_PATH_FLAG, fusedWebGpu, setFastPath } from '../../../src/engine/train/fast-path';
import { fastForward } from '../../../src/engine/train/fast-forward';
import { createFusedOptimizer } from '../../../src/engine/train/fast-optimizers';
import { fusedAccumulate, fusedSoftmaxCrossEntropy, variableGradsWithSeed } from '../../../src/engine/train/fast-step';
import { correctCount, softmaxCrossEntropy } from '../../../src/engine/train/losses';
import { Network } from '../../../src/engine/model/network';
import { OPTIMIZER_DEFAULTS } from '../../../src/engine/train/optimizer';
import { createOptimizer } from '../../../src/engine/train/optimizers';
import { dense, flatten, presetSpec } from '../../../src/engine/model/presets';
import { OPTIMIZERS, type OptimizerName } from '../../../src/engine/model/spec';
import { TrainStep } from '../../../src/engine/train/train-step';

afterEach(() => setFastPath(true));

function mlpSpec(optimizer: OptimizerName) {
  const spec = presetSpec('mnist-mlp');
  spec.model.layers = [flatten, dense(16), dense(8)];
  Object.assign(spec.training, { optimizer, learningRate: 0.01, batchSize: 16 });
  return spec;
}

function batch(seed: number) {
  const r = new Random(seed);
  return {
    x: tf.tensor4d(Float32Array.from({ length: 16 * 784 }, () => r.next()), [16, 28, 28, 1]),
    y: tf.tensor1d(Int32Array.from({ length: 16 }, () => r.uint32() % 10), 'int32'),
  };
}

/** The step as train-step.ts did it before the fast path: returns [loss, correct] per step and the final weights. */
async function referenceSteps(optimizer: OptimizerName, steps: number) {
  const spec = mlpSpec(optimizer);
  const network = new Network(spec);
  const opt = createOptimizer(optimizer, spec.training.learningRate, network.trainable);
  const invBatch = tf.scalar(1 / 16);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const { x, y } = batch(k);
    const sums = tf.tidy(() => {
      let logits: tf.Tensor | null = null;
      const { value, grads } = tf.variableGrads(() => {
        logits = tf.keep(network.forward(x, { training: true }));
        return softmaxCrossEntropy(logits, tf.oneHot(y, 10, 1, 0, 'float32'), invBatch);
      }, network.trainable);
      opt.applyGradients(network.trainable, network.trainable.map((v) => grads[v.name]));
      const result = tf.stack([tf.add(tf.scalar(0), value), tf.add(tf.scalar(0), correctCount(logits!, y))]);
      tf.dispose(logits!);
      return result;
    });
    out.push(Array.from(await sums.data()));
    tf.dispose([sums, x, y]);
  }
  const weights = await Promise.all(network.trainable.map((v) => v.data()));
  tf.dispose([invBatch]);
  opt.dispose();
  network.dispose();
  return { out, weights };
}

async function trainStepSteps(optimizer: OptimizerName, steps: number) {
  const spec = mlpSpec(optimizer);
  const network = new Network(spec);
  const step = new TrainStep(network, spec.training, 10, new Random(1));
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    const { x, y } = batch(k);
    step.run(x, y);
    const totals = step.take();
    out.push(Array.from(await totals.sums.data()));
    tf.dispose([totals.sums, x, y]);
  }
  const weights = await Promise.all(network.trainable.map((v) => v.data()));
  step.dispose();
  network.dispose();
  return { out, weights };
}

describe('the fast path on the CPU backend', () => {
  it('is on by default, as a tfjs flag, and no fused piece applies off WebGPU', () => {
    expect(tf.env().getBool(FAST_PATH_FLAG)).toBe(true);
    expect(fusedWebGpu()).toBeNull();
    const network = new Network(mlpSpec('adam'));
    const { x, y } = batch(1);
    expect(createFusedOptimizer('adam', 0.01, network.trainable, OPTIMIZER_DEFAULTS)).toBeNull();
    expect(fastForward(network, x, { training: true })).toBeNull();
    const logits = tf.zeros([16, 10]);
    expect(fusedSoftmaxCrossEntropy(logits, y, null)).toBeNull();
    expect(fusedAccumulate(tf.scalar(0), tf.scalar(0), tf.scalar(1), logits, y)).toBeNull();
    tf.dispose([x, y, logits]);
    network.dispose();
  });

  it('variableGradsWithSeed gives tf.variableGrads\'s value and gradients bit for bit', async () => {
    const network = new Network(mlpSpec('adam'));
    const { x, y } = batch(2);
    const one = tf.scalar(1);
    const invBatch = tf.scalar(1 / 16);
    const f = () => softmaxCrossEntropy(network.forward(x, { training: true }), tf.oneHot(y, 10, 1, 0, 'float32'), invBatch);
    const ours = variableGradsWithSeed(f, network.trainable, one);
    const stock = tf.variableGrads(f, network.trainable);
    expect(await ours.value.data()).toEqual(await stock.value.data());
    for (const [i, v] of network.trainable.entries()) expect(await ours.grads[i].data()).toEqual(await stock.grads[v.name].data());
    expect(one.isDisposed).toBe(false);
    tf.dispose([ours.value, stock.value, ...ours.grads, ...Object.values(stock.grads), x, y, one, invBatch]);
    network.dispose();
  });

  it.each(OPTIMIZERS)('TrainStep with %s is bit-identical to the step before the fast path, flag on or off', async (optimizer) => {
    const before = tf.memory().numTensors;
    const reference = await referenceSteps(optimizer, 5);
    for (const on of [true, false]) {
      setFastPath(on);
      const ours = await trainStepSteps(optimizer, 5);
      expect(ours.out).toEqual(reference.out);
      expect(ours.weights).toEqual(reference.weights);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
