// Quantization against the decoder that matters: tfjs-core's own decodeWeights (tf.io.decodeWeights), fed the
// manifest entries and bytes exactly as an exported model.json + .bin would hold them.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/data/random';
import { affineRange, quantizeAffine, quantizeTensor, roundHalfEven, type AffineOptions, type WeightFormat } from '../../../src/engine/export/quantize';

/** What stock tfjs reads back from one tensor quantized in `format`. */
function roundTrip(values: Float32Array, format: WeightFormat, options: AffineOptions = {}) {
  const { bytes, quantization } = quantizeTensor(values, format, options);
  const spec = { name: 'w', shape: [values.length], dtype: 'float32', ...(quantization ? { quantization } : {}) } as tf.io.WeightsManifestEntry;
  const decoded = tf.io.decodeWeights(bytes.slice().buffer, [spec]);
  const out = decoded.w.dataSync() as Float32Array;
  decoded.w.dispose();
  return { out, bytes, quantization };
}

/** Half a float32 ulp at |v|: the rounding tfjs's Float32Array adds to the float64 q·scale + min. */
const halfUlp = (v: number) => (v === 0 ? 0 : 2 ** (Math.floor(Math.log2(Math.abs(v))) - 24));

const random = new Random(7);
const uniform = (n: number, lo: number, hi: number) => Float32Array.from({ length: n }, () => random.uniform(lo, hi));
const withZeros = (values: Float32Array, every: number) => values.map((v, i) => (i % every === 0 ? 0 : v));

const CASES: Record<string, Float32Array> = {
  'all positive': uniform(500, 0.2, 1.7),
  'all negative': uniform(500, -3, -0.01),
  mixed: uniform(500, -0.4, 1.1),
  'mixed, tiny': uniform(500, -1e-4, 3e-5),
  'mixed, large': uniform(500, -300, 40),
  'containing exact zeros': withZeros(uniform(500, -0.7, 0.3), 7),
  'positive with exact zeros': withZeros(uniform(500, 0.1, 2), 5),
  'constant positive': new Float32Array(50).fill(0.37),
  'constant negative': new Float32Array(50).fill(-2.5),
  'all zero': new Float32Array(50),
  'one value': new Float32Array([-0.123]),
};

describe('roundHalfEven', () => {
  it('rounds halves to the even neighbour, as numpy.round does', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001, 7].map(roundHalfEven)).toEqual([0, 2, 2, 4, -0, -2, -2, 2, 3, 7]);
  });
});

describe('affine quantization (uint8, uint16)', () => {
  it('matches the example in tfjs-converter\'s write_weights.py: [0, -0.1, 1.2] → codes [20, 0, 255]', () => {
    const { bytes, quantization } = quantizeAffine(new Float32Array([0, -0.1, 1.2]), 'uint8');
    expect(Array.from(bytes)).toEqual([20, 0, 255]);
    expect(quantization).toMatchObject({ dtype: 'uint8', original_dtype: 'float32' });
    const q = quantization as { min: number; scale: number };
    expect(q.min).toBeCloseTo(-0.10196078817, 10);
    expect(q.scale).toBeCloseTo(0.00509803940852, 12);
    expect(Object.keys(quantization!)).toEqual(['dtype', 'min', 'scale', 'original_dtype']);
  });

  // tfjs-converter's _get_affine_quantization_range rounds the zero point with np.round (ties to even). Ranges
  // whose zero point is exactly k + 0.5 tell it apart from rounding half up (which would give k + 1); the
  // expected values are the converter's formula run in numpy (/usr/bin/python3).
  it.each([
    // lo, hi, quantMax, numpy's nudged min (−zeroPoint·scale), scale
    [-2.5, 252.5, 255, -2, 1],
    [-0.5, 254.5, 255, 0, 1],
    [-1.5, 253.5, 255, -2, 1],
    [-4.5, 65530.5, 65535, -4, 1],
  ])('nudges the zero point of [%d, %d] (quantMax %d) to the even code: min %d, scale %d', (lo, hi, quantMax, min, scale) => {
    const range = affineRange(lo, hi, quantMax);
    expect([range.min + 0, range.scale]).toEqual([min, scale]);
  });

  it('codes a range whose zero point is a tie as numpy does: 0 → the even code, and back to exactly 0', () => {
    // numpy: np.round((v.clip(min, max) − min) / scale) with min −2, scale 1 for [−2.5, 252.5]
    const { bytes, quantization } = quantizeAffine(new Float32Array([-2.5, 0, 1.5, 252.5]), 'uint8');
    expect(Array.from(bytes)).toEqual([0, 2, 4, 254]);
    const { min, scale } = quantization as { min: number; scale: number };
    expect(bytes[1] * scale + min).toBe(0);
  });

  for (const dtype of ['uint8', 'uint16'] as const) {
    for (const widenToZero of [true, false]) {
      for (const [name, values] of Object.entries(CASES)) {
        it(`${dtype}${widenToZero ? '' : ' (converter range, not widened)'}, ${name}: every decoded weight within scale/2`, () => {
          const { out, quantization } = roundTrip(values, dtype, { widenToZero });
          const { scale } = quantization as { scale: number };
          let worst = 0;
          for (let i = 0; i < values.length; i++) {
            const excess = Math.abs(out[i] - values[i]) - (scale / 2 + halfUlp(values[i]));
            worst = Math.max(worst, excess);
          }
          expect(worst).toBeLessThanOrEqual(0);
          // a weight that is 0 comes back exactly 0
          for (let i = 0; i < values.length; i++) if (values[i] === 0) expect(out[i]).toBe(0);
        });
      }
    }
  }

  it('makes 0 exactly representable in every tensor once widened, even one that holds no zero', () => {
    for (const [lo, hi] of [[0.2, 1.7], [-3, -0.01], [-0.4, 1.1], [-1e-4, 3e-5], [-300, 40], [0.37, 0.37]]) {
      for (const quantMax of [255, 65535]) {
        const { min, scale } = affineRange(Math.fround(lo), Math.fround(hi), quantMax);
        const zeroCode = -min / scale;
        expect(Number.isInteger(Math.round(zeroCode))).toBe(true);
        expect(Math.round(zeroCode) * scale + min).toBe(0); // exactly, in float64 as tfjs computes it
        expect(Math.round(zeroCode)).toBeGreaterThanOrEqual(0);
        expect(Math.round(zeroCode)).toBeLessThanOrEqual(quantMax);
      }
    }
  });

  it('keeps the converter\'s range where 0 lies outside it when not widened: a finer step', () => {
    const narrow = affineRange(Math.fround(0.2), Math.fround(1.7), 255, { widenToZero: false });
    const widened = affineRange(Math.fround(0.2), Math.fround(1.7), 255);
    expect(narrow.min).toBe(Math.fround(0.2));
    expect(narrow.scale).toBeLessThan(widened.scale);
  });

  it('refuses NaN and Infinity with a message about divergence', () => {
    expect(() => quantizeAffine(new Float32Array([1, NaN]), 'uint8')).toThrow(/NaN: the model diverged/);
  });
});

describe('float16', () => {
  it('stores IEEE binary16 that stock tfjs decodes within half a float16 step of the original', () => {
    const values = Float32Array.from([...uniform(400, -5, 5), ...uniform(100, -1e-3, 1e-3), 65504, -2.5, 0, 1 / 3]);
    const { out, bytes, quantization } = roundTrip(values, 'float16');
    expect(bytes.length).toBe(values.length * 2);
    expect(quantization).toEqual({ dtype: 'float16', original_dtype: 'float32' });
    for (let i = 0; i < values.length; i++) {
      const v = Math.abs(values[i]);
      // binary16 step: 2^(e − 10) for normal values, 2^-24 below 2^-14
      const step = v < 2 ** -14 ? 2 ** -24 : 2 ** (Math.floor(Math.log2(v)) - 10);
      expect(Math.abs(out[i] - values[i])).toBeLessThanOrEqual(step / 2);
    }
    expect([out[500], out[501], out[502]]).toEqual([65504, -2.5, 0]);
  });

  it('rounds ties to even: 1 + 2^-11 (halfway between 1 and 1 + 2^-10) becomes 1', () => {
    const { out } = roundTrip(new Float32Array([1 + 2 ** -11, 1 + 3 * 2 ** -11]), 'float16');
    expect(Array.from(out)).toEqual([1, 1 + 2 * 2 ** -10]);
  });
});

describe('float32', () => {
  it('stores the values bit for bit', () => {
    const values = uniform(100, -2, 2);
    const { out, bytes } = roundTrip(values, 'float32');
    expect(bytes.length).toBe(400);
    expect(Array.from(out)).toEqual(Array.from(values));
  });
});
