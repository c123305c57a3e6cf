// The network diagram against independent computations: every drawn neuron's output over the grid against the
// same layers written out in plain JS loops from the model's weights (model.getWeights()), the output neuron
// against the stock tf.Sequential's model.predict, and the links against the kernels themselves. No tensor leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NetworkDiagramProbe } from '../../../src/engine/evaluate/network-diagram';
import { gridPoints } from '../../../src/engine/evaluate/views';
import { Network } from '../../../src/engine/model/network';
import { dense, dropout, presetSpec } from '../../../src/engine/model/presets';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ACT: Record<string, (z: number) => number> = {
  tanh: Math.tanh, relu: (z) => Math.max(0, z), sigmoid: (z) => 1 / (1 + Math.exp(-z)), linear: (z) => z,
};

/** x·W + b then the activation, for one point, in plain JS; W is [in, out] row-major. */
function layer(x: number[], w: Float32Array, b: Float32Array, out: number, act: (z: number) => number): number[] {
  return Array.from({ length: out }, (_, j) => act(x.reduce((s, xi, i) => s + xi * w[i * out + j], b[j])));
}

describe('NetworkDiagramProbe', () => {
  it('draws every neuron as its output over the plane, the output as P(class 1), links as kernels; no leaks', async () => {
    const spec = presetSpec('circle-mlp');
    spec.model.layers = [dense(3, 'tanh'), dropout(0.3), dense(20, 'relu')]; // 20 > 16: the first 16 are drawn
    const network = new Network(spec);
    const resolution = 6;
    const extent = 1.5;
    const before = tf.memory().numTensors;
    const probe = new NetworkDiagramProbe(network, extent, resolution);
    const diagram = await probe.read();
    probe.dispose();
    expect(tf.memory().numTensors).toBe(before);

    expect(diagram.layers.map((l) => [l.name, l.activation, l.units, l.drawn])).toEqual([
      ['input', 'input', 2, 2], ['dense_1', 'tanh', 3, 3], ['dense_2', 'relu', 20, 16], ['output', 'probability', 1, 1],
    ]);
    const [w1, b1, w2, b2, w3, b3] = network.model.getWeights().map((t) => t.dataSync() as Float32Array);
    const points = resolution * resolution;
    const grid = gridPoints(resolution, extent);
    const stock = tf.tidy(() => network.model.predict(tf.tensor2d(grid, [points, 2])) as tf.Tensor).dataSync();
    for (let p = 0; p < points; p++) {
      const x = [grid[2 * p], grid[2 * p + 1]];
      const h1 = layer(x, w1, b1, 3, ACT.tanh);
      const h2 = layer(h1, w2, b2, 20, ACT.relu);
      expect(diagram.layers[0].values[p]).toBeCloseTo(x[0], 6);
      expect(diagram.layers[0].values[points + p]).toBeCloseTo(x[1], 6);
      h1.forEach((v, u) => expect(diagram.layers[1].values[u * points + p]).toBeCloseTo(v, 5));
      h2.slice(0, 16).forEach((v, u) => expect(diagram.layers[2].values[u * points + p]).toBeCloseTo(v, 5));
      expect(diagram.layers[3].values[p]).toBeCloseTo(stock[2 * p + 1], 5);
      // softmax over two logits is σ(z₁ − z₀): the drawn links and bias into the output give P(class 1) exactly
      const [z] = layer(h2.slice(0, 16), diagram.links[2], diagram.biases[2], 1, ACT.linear);
      const rest = h2.slice(16).reduce((s, v, i) => s + v * (w3[(16 + i) * 2 + 1] - w3[(16 + i) * 2]), 0);
      expect(ACT.sigmoid(z + rest)).toBeCloseTo(stock[2 * p + 1], 5);
    }
    expect(Array.from(diagram.links[0])).toEqual(Array.from(w1));
    expect(diagram.links[1]).toHaveLength(3 * 16);
    expect(diagram.links[1][2 * 16 + 15]).toBe(w2[2 * 20 + 15]);
    expect(diagram.links[2]).toHaveLength(16);
    expect(diagram.links[2][5]).toBeCloseTo(w3[5 * 2 + 1] - w3[5 * 2], 6);
    expect(Array.from(diagram.biases[0])).toEqual(Array.from(b1));
    expect(diagram.biases[1]).toHaveLength(16);
    expect(diagram.biases[2][0]).toBeCloseTo(b3[1] - b3[0], 6);
    expect(b2).toHaveLength(20);
    network.dispose();
  });

  it('draws a regression output as the predicted value', async () => {
    const spec = presetSpec('circle-mlp');
    spec.dataset = { ...spec.dataset, name: 'bumps' } as typeof spec.dataset;
    spec.model.layers = [dense(4, 'sigmoid')];
    const network = new Network(spec);
    const probe = new NetworkDiagramProbe(network, 1.25, 4);
    const diagram = await probe.read();
    const stock = tf.tidy(() => network.model.predict(tf.tensor2d(gridPoints(4, 1.25), [16, 2])) as tf.Tensor).dataSync();
    const output = diagram.layers.at(-1)!;
    expect(output.activation).toBe('linear');
    output.values.forEach((v, p) => expect(v).toBeCloseTo(stock[p], 5));
    expect(diagram.links.at(-1)).toHaveLength(4);
    probe.dispose();
    network.dispose();
  });
});
