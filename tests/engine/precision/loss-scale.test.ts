import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { castFloat16 } from '../../../src/engine/precision/float16-op';
import { DynamicLossScale, allFinite, guard } from '../../../src/engine/precision/loss-scale';

const read = (t: tf.Tensor) => Array.from(t.dataSync());
/** A variable without its initial tensor left behind (tf.variable keeps it unless made in a tidy). */
const variable = (values: number[]) => tf.tidy(() => tf.variable(tf.tensor1d(values)));
/** Reads a tensor made just for reading, and disposes it. */
const take = (t: tf.Tensor) => {
  const values = read(t);
  t.dispose();
  return values;
};

/**
 * A model whose true gradients are about 1e-8: loss = 1e-8 · Σ wᵢxᵢ with the product computed in float16
 * (weights, inputs and the activation pass through castFloat16), the loss scale applied in float32 as Keras
 * does. dL/dwᵢ = 1e-8·xᵢ ∈ [0.5e-8, 2e-8], all below 2^-25 ≈ 2.98e-8, so float16 flushes every one of them.
 */
function smallGradientStep(w: tf.Variable, lossScale: DynamicLossScale | null, learningRate: tf.Scalar, float16 = true) {
  const cast = (t: tf.Tensor) => (float16 ? castFloat16(t) : t);
  const x = tf.tensor1d([0.5, 1, 1.5, 2]);
  const c = tf.scalar(1e-8);
  tf.tidy(() => {
    const loss = () => {
      const y = cast(tf.sum(tf.mul(cast(w), cast(x))));
      const value = tf.mul(c, y) as tf.Scalar;
      return lossScale ? lossScale.scaleLoss(value) : value;
    };
    const { grads } = tf.variableGrads(loss, [w]);
    let g = grads[w.name];
    let finite: tf.Scalar = tf.scalar(true, 'bool');
    if (lossScale) {
      ({ grads: [g], finite } = lossScale.unscale([g]));
      lossScale.update(finite);
    }
    w.assign(guard(finite, tf.sub(w, tf.mul(learningRate, g)), w));
  });
  tf.dispose([x, c]);
}

describe('dynamic loss scaling rescues gradients that float16 flushes', () => {
  // Error budget with scaling: the scaled upstream gradient 2^15·1e-8 and each weight gradient are rounded to
  // float16 once each, ≤ 2^-11 relative apiece, so ≤ 2^-10 in all. Small weights keep float32's own rounding of
  // w − lr·g (1 ulp of w) far below that.
  it('without scaling nothing moves; with 2^15 the weights move as in float32 (within 2^-10 relative)', () => {
    const before = tf.memory().numTensors;
    const initial = [0.5e-3, 0.25e-3, -0.5e-3, 1e-3];
    const lr = tf.scalar(1000);
    const plain = variable(initial);
    smallGradientStep(plain, null, lr);
    expect(read(plain)).toEqual(Array.from(Float32Array.from(initial)));

    const reference = variable(initial);
    smallGradientStep(reference, null, lr, false);
    const scale = new DynamicLossScale({ initialScale: 2 ** 15, growthInterval: 2000 });
    const scaled = variable(initial);
    smallGradientStep(scaled, scale, lr);
    const start = Array.from(Float32Array.from(initial));
    const moved = read(scaled).map((v, i) => v - start[i]);
    const expected = read(reference).map((v, i) => v - start[i]);
    expected.forEach((e, i) => expect(e).toBeCloseTo(-1000 * 1e-8 * [0.5, 1, 1.5, 2][i], 9));
    moved.forEach((m, i) => expect(Math.abs(m - expected[i]) / Math.abs(expected[i])).toBeLessThan(2 ** -10));
    expect(take(scale.state())).toEqual([2 ** 15, 1, 0]);
    tf.dispose([plain, reference, scaled, lr]);
    scale.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('DynamicLossScale state, all on the device', () => {
  it('an Infinity in a gradient skips the step (weights unchanged), halves the scale and counts the skip', () => {
    const before = tf.memory().numTensors;
    const scale = new DynamicLossScale({ initialScale: 2 ** 15, growthInterval: 3 });
    const w = variable([1, 2]);
    tf.tidy(() => {
      const { grads, finite } = scale.unscale([tf.tensor1d([2 ** 15, Infinity])]);
      expect(read(grads[0])).toEqual([1, Infinity]);
      expect(read(finite)).toEqual([0]);
      w.assign(guard(finite, tf.sub(w, grads[0]), w));
      scale.update(finite);
    });
    expect(read(w)).toEqual([1, 2]);
    expect(take(scale.state())).toEqual([2 ** 14, 0, 1]);
    tf.dispose(w);
    scale.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('doubles after growthInterval good steps in a row, restarting the count; an overflow resets it', () => {
    const scale = new DynamicLossScale({ initialScale: 8, growthInterval: 3 });
    const good = tf.scalar(true, 'bool');
    const bad = tf.scalar(false, 'bool');
    const history: number[][] = [];
    for (const finite of [good, good, bad, good, good, good, good]) {
      scale.update(finite);
      history.push(take(scale.state()));
    }
    expect(history).toEqual([
      [8, 1, 0], [8, 2, 0], [4, 0, 1], [4, 1, 1], [4, 2, 1], [8, 0, 1], [8, 1, 1],
    ]);
    tf.dispose([good, bad]);
    scale.dispose();
  });

  it('never halves below 1, and keeps the scale when doubling would overflow float32', () => {
    const low = new DynamicLossScale({ initialScale: 1, growthInterval: 1 });
    const bad = tf.scalar(false, 'bool');
    low.update(bad);
    expect(read(low.scale)).toEqual([1]);
    const high = new DynamicLossScale({ initialScale: 2 ** 127, growthInterval: 1 });
    const good = tf.scalar(true, 'bool');
    high.update(good);
    expect(take(high.state())).toEqual([2 ** 127, 0, 0]);
    tf.dispose([bad, good]);
    low.dispose();
    high.dispose();
  });

  it('rejects settings that make no sense, saying what Keras uses', () => {
    expect(() => new DynamicLossScale({ initialScale: 0.5, growthInterval: 10 })).toThrow(/≥ 1.*2\^15/);
    expect(() => new DynamicLossScale({ initialScale: 1024, growthInterval: 0 })).toThrow(/whole number.*2000/);
  });

  it('allFinite is false for NaN or ±Infinity anywhere', () => {
    tf.tidy(() => {
      expect(read(allFinite([tf.tensor1d([1, 2]), tf.tensor2d([[3, 4]])]))).toEqual([1]);
      expect(read(allFinite([tf.tensor1d([1, 2]), tf.tensor2d([[3, NaN]])]))).toEqual([0]);
      expect(read(allFinite([tf.tensor1d([-Infinity])]))).toEqual([0]);
    });
  });
});

describe('flush statistics', () => {
  it('counts non-zero values with |g| ≤ 2^-25, for the gradients as scaled and as they would be unscaled', () => {
    const before = tf.memory().numTensors;
    const scale = new DynamicLossScale({ initialScale: 2 ** 10, growthInterval: 2000 });
    // scaled gradients; raw = scaled / 2^10. Threshold 2^-25 scaled, 2^-15 raw-equivalent.
    const scaled = tf.tensor1d([
      0, //                neither: zero is not a flush
      2 ** -25, //          scaled flushes (the tie goes to 0), raw flushes
      2 ** -25 * 1.0001, // scaled survives, raw flushes
      2 ** -15, //          raw is exactly 2^-25: flushes; scaled survives
      2 ** -14, //          both survive
      -(2 ** -30), //       both flush (sign does not matter)
      NaN, Infinity, //     neither
    ]);
    scale.observe(scaled);
    scale.observe(scaled);
    const { counts, observed } = scale.takeFlushCounts();
    expect(read(counts)).toEqual([8, 4]);
    expect(observed).toBe(16);
    counts.dispose();
    const again = scale.takeFlushCounts();
    expect([read(again.counts), again.observed]).toEqual([[0, 0], 0]);
    tf.dispose([scaled, again.counts]);
    scale.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
