// Dropout masks drawn on the device (train/dropout.ts): the share kept, the scale, fresh masks every step and
// every layer, no correlation between neighbours or steps, the same masks from the same seed, nothing leaked.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/data/random';
import { DeviceDropout } from '../../../src/engine/train/dropout';
import { ScalarCache } from '../../../src/engine/train/losses';

/** `steps` masks of layer 0 (and one of layer 1 at the first step), read back; every tensor disposed. */
function draw(seed: number, rate: number, shape: number[], steps: number): { masks: Float32Array[]; otherLayer: Float32Array } {
  const scalars = new ScalarCache();
  const dropout = new DeviceDropout(new Random(seed), scalars);
  const masks: Float32Array[] = [];
  const read = (layer: number) => {
    const mask = tf.tidy(() => dropout.mask(layer, rate, shape));
    const values = Float32Array.from(mask.dataSync());
    mask.dispose();
    return values;
  };
  let otherLayer: Float32Array = new Float32Array(0);
  for (let s = 0; s < steps; s++) {
    masks.push(read(0));
    if (s === 0) otherLayer = read(1);
    dropout.advance();
  }
  dropout.dispose();
  scalars.dispose();
  return { masks, otherLayer };
}

const keptShare = (m: Float32Array) => m.reduce((n, v) => n + (v > 0 ? 1 : 0), 0) / m.length;

/** Pearson correlation of the kept/dropped indicators of a and b. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const x: number[] = Array.from(a, (v) => (v > 0 ? 1 : 0));
  const y: number[] = Array.from(b, (v) => (v > 0 ? 1 : 0));
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('device dropout masks', () => {
  it('keep 1 − rate of the units, scaled by 1/(1 − rate), at every rate', () => {
    for (const rate of [0.1, 0.25, 0.5, 0.8]) {
      const { masks } = draw(42, rate, [256, 512], 3);
      for (const m of masks) {
        // 131,072 units: the binomial's standard deviation of the share is under 0.0015
        expect(Math.abs(keptShare(m) - (1 - rate))).toBeLessThan(0.01);
        expect(new Set(m)).toEqual(new Set([0, 1 / (1 - rate)].map(Math.fround)));
      }
    }
  });

  it('differ from step to step and layer to layer, with no correlation between neighbours or steps', () => {
    const { masks, otherLayer } = draw(7, 0.5, [64, 128], 4);
    for (let s = 1; s < masks.length; s++) expect(Math.abs(correlation(masks[s], masks[s - 1]))).toBeLessThan(0.03);
    expect(Math.abs(correlation(masks[0], otherLayer))).toBeLessThan(0.03);
    // neighbouring units (i, i + 1) and the same unit of the next example (i, i + 128)
    const m = masks[0];
    expect(Math.abs(correlation(m.subarray(0, m.length - 1), m.subarray(1)))).toBeLessThan(0.03);
    expect(Math.abs(correlation(m.subarray(0, m.length - 128), m.subarray(128)))).toBeLessThan(0.03);
    // every unit is dropped at about the same rate over steps: no unit is always kept
    const { masks: many } = draw(7, 0.5, [1, 256], 200);
    const perUnit = Array.from({ length: 256 }, (_, i) => many.reduce((n, mm) => n + (mm[i] > 0 ? 1 : 0), 0) / many.length);
    expect(Math.min(...perUnit)).toBeGreaterThan(0.35);
    expect(Math.max(...perUnit)).toBeLessThan(0.65);
  });

  it('are the same from the same seed and different from another, and leave no tensors behind', () => {
    const before = tf.memory().numTensors;
    const a = draw(42, 0.3, [32, 50], 3).masks;
    expect(draw(42, 0.3, [32, 50], 3).masks).toEqual(a);
    expect(draw(43, 0.3, [32, 50], 3).masks[0]).not.toEqual(a[0]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
