// The gradient probe against independent computations: its per-kernel gradient norms against tf.variableGrads
// through tfjs-layers' own model (model.apply, not our forward) and a loss written out by hand; its dead-ReLU and
// saturated-sigmoid shares against the same layer computed in plain JS loops.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GradientProbe, SATURATION } from '../../../src/engine/evaluate/gradient-stats';
import { Network } from '../../../src/engine/model/network';
import { dense, presetSpec } from '../../../src/engine/model/presets';
import { Random } from '../../../src/data/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomInputs(shape: number[], seed: number): tf.Tensor {
  const random = new Random(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => random.next() * 2 - 1), shape);
}

/** ‖∂loss/∂kernel‖ per kernel, through the tf.Sequential's own layers and a hand-written mean cross-entropy or MSE. */
function oracleNorms(network: Network, x: tf.Tensor, y: tf.Tensor, classes: number): number[] {
  return tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const out = network.model.apply(x) as tf.Tensor; // softmax probabilities, or the regression values
      if (network.task === 'regression') return tf.mean(tf.square(tf.sub(out, y))) as tf.Scalar;
      const picked = tf.sum(tf.mul(tf.oneHot(y as tf.Tensor1D, classes), tf.log(out)), 1);
      return tf.neg(tf.mean(picked)) as tf.Scalar;
    }, network.kernels.map((k) => k.kernel));
    return network.kernels.map(({ kernel }) => tf.norm(grads[kernel.name]).dataSync()[0]);
  });
}

describe('GradientProbe', () => {
  it.each([
    ['an MLP on a 2D set', 'spiral-mlp', [40, 2], 2],
    ['a CNN on digits', 'mnist-cnn', [6, 28, 28, 1], 10],
    ['a regression MLP', 'bumps-regression', [30, 2], 1],
  ] as const)('gives the gradient norms of tf.variableGrads through tfjs-layers for %s', async (_, preset, shape, classes) => {
    const network = new Network(presetSpec(preset));
    const x = randomInputs([...shape], 7);
    const random = new Random(3);
    const y = network.task === 'classification'
      ? tf.tensor1d(Int32Array.from({ length: shape[0] }, () => random.int(classes)), 'int32')
      : tf.tensor2d(Float32Array.from({ length: shape[0] }, () => random.next()), [shape[0], 1]);
    const expected = oracleNorms(network, x, y, classes);
    const probe = new GradientProbe(network, x, y, classes);
    const before = tf.memory().numTensors;
    const { gradients } = await probe.read();
    expect(tf.memory().numTensors).toBe(before);
    expect(gradients.map((g) => g.layer)).toEqual(network.kernels.map((k) => k.layer));
    gradients.forEach((g, i) => {
      expect(g.nonFinite).toBe(0);
      expect(g.norm).toBeGreaterThan(0);
      expect(Math.abs(g.norm - expected[i]) / expected[i]).toBeLessThan(1e-4);
    });
    probe.dispose();
    tf.dispose([x, y]);
    network.dispose();
  });

  it('counts dead ReLU units and saturated sigmoid outputs as a plain-JS forward pass does', async () => {
    const spec = presetSpec('spiral-mlp');
    spec.model.layers = [dense(12, 'relu'), dense(10, 'sigmoid')];
    const network = new Network(spec);
    // push some units' biases far down (they die) and scale the second kernel up (sigmoids saturate)
    const [k1, b1, k2, b2] = network.trainable;
    b1.assign(tf.tensor1d(Array.from({ length: 12 }, (_, j) => (j % 3 === 0 ? -5 : 0.1))));
    k2.assign(tf.mul(k2, 40));
    const x = randomInputs([50, 2], 11);
    const y = tf.zeros([50], 'int32');
    const probe = new GradientProbe(network, x, y, 2);
    const { activations } = await probe.read();

    // the same two layers by hand
    const [xs, w1, c1, w2, c2] = [x, k1, b1, k2, b2].map((t) => Array.from(t.dataSync()));
    const h1 = Array.from({ length: 50 }, (_, n) => Array.from({ length: 12 }, (_, j) =>
      Math.max(0, xs[2 * n] * w1[j] + xs[2 * n + 1] * w1[12 + j] + c1[j])));
    const h2 = h1.map((row) => Array.from({ length: 10 }, (_, j) => {
      const z = row.reduce((s, v, i) => s + v * w2[i * 10 + j], c2[j]);
      return 1 / (1 + Math.exp(-z));
    }));
    const deadUnits = Array.from({ length: 12 }, (_, j) => h1.every((row) => row[j] <= 0)).filter(Boolean).length;
    const all2 = h2.flat();
    const saturated = all2.filter((a) => a < SATURATION || a > 1 - SATURATION).length / all2.length;
    const mean1 = h1.flat().reduce((a, b) => a + b, 0) / 600;
    const std1 = Math.sqrt(h1.flat().reduce((a, b) => a + (b - mean1) ** 2, 0) / 600);

    expect(deadUnits).toBeGreaterThanOrEqual(4); // the four pushed down, at least
    expect(activations[0]).toMatchObject({ layer: network.names[0], activation: 'relu', saturated: null });
    expect(activations[0].dead).toBeCloseTo(deadUnits / 12, 6);
    expect(activations[0].mean).toBeCloseTo(mean1, 4);
    expect(activations[0].std).toBeCloseTo(std1, 4);
    expect(activations[1]).toMatchObject({ activation: 'sigmoid', dead: null });
    expect(saturated).toBeGreaterThan(0.1);
    expect(activations[1].saturated).toBeCloseTo(saturated, 6);
    probe.dispose();
    tf.dispose([x, y]);
    network.dispose();
  });

  it('refuses an empty probe batch with a message', () => {
    const network = new Network(presetSpec('spiral-mlp'));
    expect(() => new GradientProbe(network, tf.zeros([0, 2]), tf.zeros([0], 'int32'), 2)).toThrow(/at least one training example/);
    network.dispose();
  });
});
