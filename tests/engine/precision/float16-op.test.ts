import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { roundFloat16Array } from '../../../src/engine/precision/float16';
import { castFloat16, roundFloat16 } from '../../../src/engine/precision/float16-op';
import { oracleRound, probeBits, tieBits } from './float16-oracle';

const sameBits = (a: Float32Array, b: Float32Array) => {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let mismatches = 0;
  for (let i = 0; i < x.length; i++) {
    // NaN payloads may differ between a kernel and the oracle; NaN must stay NaN
    if (x[i] !== y[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) mismatches++;
  }
  return mismatches;
};

describe('roundFloat16 on the CPU backend', () => {
  it('matches the independent oracle on random values over the whole float32 range and on every tie', () => {
    for (const bits of [probeBits(50_000, 3), tieBits()]) {
      const values = new Float32Array(bits.buffer);
      const out = tf.tidy(() => roundFloat16(tf.tensor1d(values)).dataSync() as Float32Array);
      expect(sameBits(out, roundFloat16Array(values))).toBe(0);
      expect(sameBits(out, Float32Array.from(values, oracleRound))).toBe(0);
    }
  });

  it('keeps the shape, refuses int32 with a message that says what to do, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor([[1 / 3, 65520], [2 ** -25, -0]]);
      const y = roundFloat16(x);
      expect(y.shape).toEqual([2, 2]);
      expect(Array.from(y.dataSync())).toEqual([0.333251953125, Infinity, 0, -0]);
      expect(() => roundFloat16(tf.tensor([1], [1], 'int32'))).toThrow(/float32.*tf\.cast/);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('castFloat16 gradients', () => {
  it('rounds the value forward and the gradient backward; roundFloat16 alone passes the gradient straight through', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor1d([1 / 3, 1, 2]);
      // d/dx Σ c·cast(x) with c tiny: the incoming gradient c must come back rounded (1e-8 → 0, 3e-5 → 2^-15·…)
      const c = tf.tensor1d([1e-8, 3e-5, 1 / 3]);
      const viaCast = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(castFloat16(t), c)))(x);
      expect(Array.from(viaCast.dataSync())).toEqual(Array.from(roundFloat16Array(Float32Array.from([1e-8, 3e-5, 1 / 3]))));
      expect(viaCast.dataSync()[0]).toBe(0);
      const viaRound = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(roundFloat16(t), c)))(x);
      expect(Array.from(viaRound.dataSync())).toEqual(Array.from(c.dataSync()));
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('lets an observer see the gradient before it is rounded', () => {
    const seen: number[][] = [];
    tf.tidy(() => {
      const x = tf.tensor1d([1, 2]);
      const c = tf.tensor1d([1e-8, 0.1]);
      tf.grad((t: tf.Tensor) => tf.sum(tf.mul(castFloat16(t, (dy) => seen.push(Array.from(dy.dataSync()))), c)))(x);
    });
    expect(seen).toEqual([[Math.fround(1e-8), Math.fround(0.1)]]);
  });
});
