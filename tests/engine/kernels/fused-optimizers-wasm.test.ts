// The fused optimizer kernels on WASM (kernels/fused-optimizers-wasm.ts) against two separate computations: the
// tensor-op optimizers of optimizers.ts on the same backend (the fast path switched off), and stock tfjs's own
// optimizer (tf.train.*) on the CPU backend. Same network, batch and start; 60 steps.
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../src/engine/model/network';
import { presetSpec } from '../../../src/engine/model/presets';
import { OPTIMIZERS, type OptimizerName } from '../../../src/engine/model/spec';
import { setFastPath } from '../../../src/engine/train/fast-path';
import { softmaxCrossEntropy } from '../../../src/engine/train/losses';
import { createOptimizer, stockOptimizer } from '../../../src/engine/train/optimizers';

const STEPS = 60;
const initialBackend = tf.getBackend();

beforeAll(() => setFastPath(true));
afterEach(() => setFastPath(true));
afterAll(async () => { await tf.setBackend(initialBackend); });

/** Trains the spiral preset on one fixed batch; returns each weight's values after every step, and the losses. */
async function train(backend: 'wasm' | 'cpu', make: (variables: tf.Variable[]) => { step: (loss: () => tf.Scalar) => tf.Scalar; slots: number; dispose: () => void }) {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const network = new Network(presetSpec('spiral-mlp'));
  const x = tf.randomNormal([64, 2], 0, 1, 'float32', 11);
  const oneHot = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: 64 }, (_, i) => (i * 7) % 2), 'int32'), 2, 1, 0, 'float32'));
  const invBatch = tf.scalar(1 / 64);
  const optimizer = make(network.trainable);
  const losses: number[] = [];
  for (let s = 0; s < STEPS; s++) {
    losses.push(tf.tidy(() => optimizer.step(() => softmaxCrossEntropy(network.forward(x, { training: true }), oneHot, invBatch)).dataSync()[0]));
  }
  const weights = network.trainable.map((w) => Float32Array.from(w.dataSync()));
  optimizer.dispose();
  tf.dispose([x, oneHot, invBatch]);
  network.dispose();
  // (stock tfjs's momentum optimizer keeps its momentum scalar after dispose(): only ours are held to it)
  if (backend === 'wasm') expect(tf.memory().numTensors, 'every tensor the run made is gone').toBe(before);
  return { losses, weights, slots: optimizer.slots };
}

/** The engine's optimizer, as the trainer makes it on the active backend. */
const ours = (name: OptimizerName) => (variables: tf.Variable[]) => {
  const optimizer = createOptimizer(name, 0.01, variables);
  return {
    slots: optimizer.slots.length,
    step: (loss: () => tf.Scalar) => {
      const { value, grads } = tf.variableGrads(loss, variables);
      optimizer.applyGradients(variables, variables.map((v) => grads[v.name]));
      return value;
    },
    dispose: () => optimizer.dispose(),
  };
};

const stock = (name: OptimizerName) => (variables: tf.Variable[]) => {
  const optimizer = stockOptimizer(name, 0.01);
  return { slots: -1, step: (loss: () => tf.Scalar) => optimizer.minimize(loss, true, variables) as tf.Scalar, dispose: () => optimizer.dispose() };
};

/** max |a − b| over max |b|, over every weight. */
function relativeError(a: Float32Array[], b: Float32Array[]): number {
  let diff = 0;
  let scale = 0;
  a.forEach((w, k) => w.forEach((v, i) => {
    diff = Math.max(diff, Math.abs(v - b[k][i]));
    scale = Math.max(scale, Math.abs(b[k][i]));
  }));
  return diff / scale;
}

describe('fused optimizer kernels on WASM', () => {
  it.each(OPTIMIZERS)('%s: the tensor-op step\'s weights within 1e-5, and stock tfjs\'s on the CPU backend within 1e-4', async (name) => {
    const fused = await train('wasm', ours(name));
    setFastPath(false);
    const tensorOps = await train('wasm', ours(name));
    const reference = await train('cpu', stock(name));
    // Adam's fused form keeps β₁ᵗ, β₂ᵗ in one [2] slot and the tensor-op form in two scalars: the fused one ran
    if (name === 'adam') expect(fused.slots).toBe(tensorOps.slots - 1);
    // it trained, or agreeing would prove little
    expect(fused.losses[0] - fused.losses[STEPS - 1]).toBeGreaterThan(0.01);
    // double arithmetic rounded once per stored value against float32 per op: rounding apart, over 60 steps
    expect(relativeError(fused.weights, tensorOps.weights)).toBeLessThan(1e-5);
    // stock Adam advances its βᵗ powers its own way: the tensor-op step is within optimizers.test.ts's 1e-4 of it too
    expect(relativeError(fused.weights, reference.weights)).toBeLessThan(1e-4);
  });

  it('names the problem when the backend has changed under an optimizer made for the fused kernels', async () => {
    await tf.setBackend('wasm');
    const w = tf.variable(tf.ones([3]));
    const optimizer = createOptimizer('adam', 0.01, [w]);
    await tf.setBackend('cpu');
    const g = tf.ones([3]);
    expect(() => optimizer.applyGradients([w], [g])).toThrow('This optimizer was made for the fused kernels of WebGPU or WASM, but the backend is now cpu: make a new one.');
    tf.dispose([g]);
    await tf.setBackend('wasm');
    optimizer.dispose();
    w.dispose();
  });
});
