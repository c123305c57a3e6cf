// Explanations against independent computations: integrated gradients' completeness (Σ attributions ≈ f(x) −
// f(baseline)) and its exact value on a linear model; permutation importance against the same shuffles scored
// by a plain-JS linear classifier, and ranking a pure-noise column last after training; saliency on a synthetic
// image task whose label depends on one quadrant putting most of its mass there, plain and SmoothGrad.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { integratedGradients } from '../../../src/engine/evaluate/attribution';
import { permutationImportance } from '../../../src/engine/evaluate/importance';
import { saliencyMaps, SMOOTHGRAD_DEFAULTS } from '../../../src/engine/evaluate/saliency';
import { Network } from '../../../src/engine/model/network';
import { dense, flatten, presetSpec } from '../../../src/engine/model/presets';
import { datasetInfo } from '../../../src/data/catalog';
import { Random, permutation } from '../../../src/data/random';
import type { ExperimentSpec } from '../../../src/engine/model/spec';
import { Trainer } from '../../../src/engine/train/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A table spec of `columns` standardized inputs and two classes (or a regression target). */
function tableSpec(columns: number, task: 'classification' | 'regression' = 'classification'): ExperimentSpec {
  const spec = presetSpec('penguins-mlp');
  spec.dataset = { ...spec.dataset, kind: 'table', name: 'synthetic', title: 'synthetic.csv', rows: 400, target: 'label', task,
    features: Array.from({ length: columns }, (_, i) => `c${i}`), classNames: task === 'classification' ? ['no', 'yes'] : [], inputSize: columns } as ExperimentSpec['dataset'];
  return spec;
}

describe('integratedGradients', () => {
  it('is complete: the attributions add up to f(x) − f(baseline) on a nonlinear MLP, for each class', async () => {
    const network = new Network(presetSpec('spiral-mlp'));
    const before = tf.memory().numTensors;
    for (const [row, target] of [[[0.7, -0.4], 1], [[-0.9, 0.2], 0], [[0.1, 0.95], 1]] as const) {
      const { attributions, output, baselineOutput } = await integratedGradients(network, Float32Array.from(row), target);
      const sum = attributions.reduce((a, b) => a + b, 0);
      expect(Math.abs(output - baselineOutput)).toBeGreaterThan(1e-4);
      expect(Math.abs(sum - (output - baselineOutput))).toBeLessThan(2e-3);
    }
    expect(tf.memory().numTensors).toBe(before);
    network.dispose();
  });

  it('gives (x − x′)·w exactly on a linear regression model', async () => {
    const spec = tableSpec(4, 'regression');
    spec.model.layers = [];
    const network = new Network(spec);
    const w = Array.from(network.kernels[0].kernel.dataSync());
    const row = Float32Array.from([1.5, -2, 0.3, 4]);
    const baseline = Float32Array.from([0.5, 0.5, 0.5, 0.5]);
    const { attributions } = await integratedGradients(network, row, 0, baseline, 8);
    attributions.forEach((a, i) => expect(a).toBeCloseTo((row[i] - baseline[i]) * w[i], 5));
    network.dispose();
  });

  it('refuses a baseline of the wrong width', async () => {
    const network = new Network(presetSpec('spiral-mlp'));
    await expect(integratedGradients(network, new Float32Array(2), 0, new Float32Array(3))).rejects.toThrow(/baseline has 3 values but the row has 2/);
    network.dispose();
  });
});

/** Rows of standard-normal columns from a seed; label: column 0 above 0. */
function decidedByFirstColumn(count: number, columns: number, seed: number) {
  const random = new Random(seed);
  const x = Float32Array.from({ length: count * columns }, () => random.normal());
  const y = Int32Array.from({ length: count }, (_, i) => (x[i * columns] > 0 ? 1 : 0));
  return { x, y, count };
}

describe('permutationImportance', () => {
  it('matches the same shuffles scored by a linear classifier written in plain JS', async () => {
    const spec = tableSpec(3);
    spec.model.layers = [];
    const network = new Network(spec);
    const [kernel, bias] = network.trainable;
    const W = [2, -2, 0.5, -0.5, 0.1, 0.2]; // [3 features, 2 classes]
    kernel.assign(tf.tensor2d(W, [3, 2]));
    bias.assign(tf.tensor1d([0.05, -0.05]));
    const { x, y, count } = decidedByFirstColumn(120, 3, 5);
    const result = await permutationImportance(network, x, y, count, { repeats: 4, seed: 99 });

    const accuracy = (rows: Float32Array) => {
      let correct = 0;
      for (let i = 0; i < count; i++) {
        const logit = [0, 1].map((c) => 0.05 * (c === 0 ? 1 : -1) + [0, 1, 2].reduce((s, j) => s + rows[i * 3 + j] * W[j * 2 + c], 0));
        if ((logit[1] > logit[0] ? 1 : 0) === y[i]) correct++;
      }
      return correct / count;
    };
    const base = accuracy(x);
    expect(result.baseline).toBeCloseTo(base, 9);
    const random = new Random(99);
    for (let j = 0; j < 3; j++) {
      const drops = Array.from({ length: 4 }, () => {
        const order = permutation(count, random);
        const rows = x.slice();
        for (let i = 0; i < count; i++) rows[i * 3 + j] = x[order[i] * 3 + j];
        return base - accuracy(rows);
      });
      const mean = drops.reduce((a, b) => a + b, 0) / 4;
      expect(result.features[j].drops).toEqual(drops.map((d) => expect.closeTo(d, 9)));
      expect(result.features[j].mean).toBeCloseTo(mean, 9);
      expect(result.features[j].std).toBeCloseTo(Math.sqrt(drops.reduce((a, d) => a + (d - mean) ** 2, 0) / 4), 9);
    }
    network.dispose();
  });

  it('ranks a pure-noise column last on a table where only the first column decides the label, after training', async () => {
    const spec = tableSpec(3);
    spec.model.layers = [dense(8)];
    spec.training = { ...spec.training, epochs: 30, batchSize: 32, learningRate: 0.02, validationSplit: 0, seed: 3 };
    const train = decidedByFirstColumn(300, 3, 11);
    // column 1 carries a little of the label, column 2 none
    for (let i = 0; i < 300; i++) train.x[i * 3 + 1] = 0.3 * train.x[i * 3] + train.x[i * 3 + 1];
    const test = decidedByFirstColumn(200, 3, 12);
    for (let i = 0; i < 200; i++) test.x[i * 3 + 1] = 0.3 * test.x[i * 3] + test.x[i * 3 + 1];
    const trainer = new Trainer(spec, { info: datasetInfo(spec.dataset), train, test });
    while (!trainer.done) trainer.runBatch();
    const result = await permutationImportance(trainer.network, test.x, test.y, test.count, { repeats: 5 });
    const [first, , noise] = result.features;
    expect(result.baseline).toBeGreaterThan(0.9);
    expect(first.mean).toBeGreaterThan(0.3);
    expect(Math.min(...result.features.map((f) => f.mean))).toBe(noise.mean);
    expect(Math.abs(noise.mean)).toBeLessThan(0.03);
    trainer.dispose();
  });
});

describe('saliencyMaps', () => {
  it('puts most of its mass in the quadrant the label depends on, plain and SmoothGrad', async () => {
    const spec = presetSpec('mnist-mlp');
    spec.model.layers = [flatten, dense(16)];
    const network = new Network(spec);
    // noise everywhere; class 1 brightens the top-left 14×14 quadrant
    const random = new Random(21);
    const n = 160;
    const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
    const pixels = new Float32Array(n * 784);
    for (let i = 0; i < n; i++) for (let p = 0; p < 784; p++) {
      const quadrant = Math.floor(p / 28) < 14 && p % 28 < 14;
      pixels[i * 784 + p] = random.next() * 0.6 + (quadrant && labels[i] === 1 ? 0.35 : 0);
    }
    const x = tf.tensor4d(pixels, [n, 28, 28, 1]);
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
    const optimizer = tf.train.adam(0.01);
    for (let step = 0; step < 40; step++) {
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, network.forward(x, { training: false })) as tf.Scalar, false, network.trainable);
    }
    // the images of class 1, whose bright quadrant is the evidence. (For class 0 the quadrant's ReLU detectors
    // are off, so a plain gradient cannot see through them and falls on the other pixels' weights: the
    // gradient-saturation limit that integrated gradients address; measured 0.10–0.14 in the quadrant there.)
    const images = tf.gather(x, tf.tensor1d([1, 3, 5, 7, 9, 11, 13, 15], 'int32')) as tf.Tensor4D;
    const classes = new Array<number>(8).fill(1);
    const before = tf.memory().numTensors;
    for (const smooth of [undefined, { ...SMOOTHGRAD_DEFAULTS, samples: 8 }]) {
      const maps = await saliencyMaps(network, images, classes, smooth);
      expect(maps.length).toBe(8 * 784);
      for (let i = 0; i < 8; i++) {
        let inside = 0;
        let total = 0;
        for (let p = 0; p < 784; p++) {
          const v = maps[i * 784 + p];
          total += v;
          if (Math.floor(p / 28) < 14 && p % 28 < 14) inside += v;
        }
        expect(inside / total, `image ${i}, ${smooth ? 'SmoothGrad' : 'plain'}`).toBeGreaterThan(0.5); // chance: 0.25
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y, images]);
    optimizer.dispose();
    network.dispose();
  });
});
