// Each kernel initializer's sample statistics against its formula (fan_in = inputs, fan_out = units):
// Glorot σ² = 2/(in+out), He σ² = 2/in, LeCun σ² = 1/in; uniform ones have σ = limit/√3 and |w| ≤ limit.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model/build';
import { dense, presetSpec } from '../../../src/engine/model/presets';
import type { KernelInitializer } from '../../../src/engine/model/spec';

const FAN_IN = 2;
const UNITS = 4000;

/** The first hidden kernel [2, 4000] of a spiral model whose layer starts with `init`. */
function kernel(init: KernelInitializer, initStddev = 0.05): Float32Array {
  const spec = presetSpec('spiral-mlp');
  spec.model.layers = [{ ...dense(UNITS), kernelInitializer: init, initStddev }];
  const model = buildModel(spec);
  const values = model.layers[0].getWeights()[0].dataSync() as Float32Array;
  model.dispose();
  return values;
}

const std = (v: Float32Array) => {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
};
const maxAbs = (v: Float32Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

describe('kernel initializers', () => {
  it.each([
    ['glorotNormal', Math.sqrt(2 / (FAN_IN + UNITS))],
    ['heNormal', Math.sqrt(2 / FAN_IN)],
    ['lecunNormal', Math.sqrt(1 / FAN_IN)],
  ] as const)('%s has σ = its formula (truncated normal, rescaled as Keras does)', (init, sigma) => {
    const w = kernel(init);
    expect(std(w) / sigma).toBeGreaterThan(0.95);
    expect(std(w) / sigma).toBeLessThan(1.05);
    expect(maxAbs(w)).toBeLessThanOrEqual(2 * sigma / 0.87962566103423978 + 1e-6); // cut at 2 σ of the untruncated normal
  });

  it.each([
    ['glorotUniform', Math.sqrt(6 / (FAN_IN + UNITS))],
    ['heUniform', Math.sqrt(6 / FAN_IN)],
  ] as const)('%s is uniform on ±limit', (init, limit) => {
    const w = kernel(init);
    expect(maxAbs(w)).toBeLessThanOrEqual(limit);
    expect(maxAbs(w)).toBeGreaterThan(0.99 * limit);
    expect(std(w) / (limit / Math.sqrt(3))).toBeCloseTo(1, 1);
  });

  it('randomNormal has the chosen σ, zeros is all zero, and nothing is left behind', () => {
    const before = tf.memory().numTensors;
    expect(std(kernel('randomNormal', 0.3)) / 0.3).toBeCloseTo(1, 1);
    expect(maxAbs(kernel('zeros'))).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});
