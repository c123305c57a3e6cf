// Weight statistics with NaN and ±Infinity in a kernel: counted exactly and left out of the histogram, whose
// counts are then those of the finite weights (checked against a count in plain JS).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { WeightStats } from '../../../src/engine/evaluate/weight-stats';
import { Network } from '../../../src/engine/model/network';
import { presetSpec } from '../../../src/engine/model/presets';

describe('WeightStats with non-finite weights', () => {
  it('counts NaN and ±Infinity per layer and bins only the finite weights', async () => {
    await tf.setBackend('cpu');
    const network = new Network(presetSpec('circle-mlp'));
    const { layer, kernel } = network.kernels[0];
    const values = kernel.dataSync().slice() as Float32Array;
    values[0] = NaN;
    values[3] = Infinity;
    values[5] = -Infinity;
    values[7] = NaN;
    kernel.assign(tf.tensor(values, kernel.shape));
    const stats = new WeightStats(network);
    const before = tf.memory().numTensors;
    const [first, second] = await stats.read();
    expect(tf.memory().numTensors).toBe(before);
    expect(first.layer).toBe(layer);
    expect(first.nonFinite).toBe(4);
    const finite = Array.from(values).filter(Number.isFinite);
    expect(first.histogram.reduce((a, b) => a + b, 0)).toBe(finite.length);
    expect(first.range).toBeCloseTo(Math.max(...finite.map(Math.abs)), 6);
    expect(first.norm).toBeNaN(); // the norm of a kernel with NaN in it is NaN, said as it is
    expect(second.nonFinite).toBe(0);
    expect(second.histogram.reduce((a, b) => a + b, 0)).toBe(second.count);
    stats.dispose();
    network.dispose();
  });
});
