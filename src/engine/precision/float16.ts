// IEEE 754 binary16 ("half") conversions in plain JS, exact: round to nearest, ties to even, subnormals kept,
// overflow to ±Infinity, NaN kept NaN, −0 kept −0. tfjs has no float16 dtype, so a float16 value is carried
// as the float32 that equals it; these functions are the reference the GPU kernels are tested against.
//
// binary16: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits. Largest finite 65504 = (2 − 2^-10)·2^15,
// smallest normal 2^-14, smallest subnormal 2^-24. A float32 x rounds to 0 iff |x| ≤ 2^-25 (2^-25 itself is the
// tie between 0 and 2^-24, and ties go to the even one, 0); it rounds to ±Infinity iff |x| ≥ 65520.

/** Largest finite binary16 value. */
export const FLOAT16_MAX = 65504;
/** Smallest positive normal binary16 value, 2^-14. */
export const FLOAT16_MIN_NORMAL = 2 ** -14;
/** Smallest positive subnormal binary16 value, 2^-24. */
export const FLOAT16_MIN_SUBNORMAL = 2 ** -24;
/** Magnitudes at or below this round to zero in binary16 (it is the tie between 0 and 2^-24, and 0 is even). */
export const FLOAT16_FLUSH_THRESHOLD = 2 ** -25;
/** Magnitudes at or above this round to Infinity (the tie between 65504 and 2^16, and 2^16 is the even one). */
export const FLOAT16_OVERFLOW_THRESHOLD = 65520;

// One shared scratch word: its float32 and uint32 views reinterpret bits without allocating.
const scratch = new ArrayBuffer(4);
const f32 = new Float32Array(scratch);
const u32 = new Uint32Array(scratch);

/** The binary16 bit pattern (0…0xffff) nearest to x once x is rounded to float32, ties to even. */
export function float32ToFloat16Bits(x: number): number {
  f32[0] = x;
  return float32BitsToFloat16Bits(u32[0]);
}

/** The same conversion from a float32 bit pattern (what the shaders do with floatBitsToUint / bitcast<u32>). */
export function float32BitsToFloat16Bits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const fraction = bits & 0x7fffff;
  if (exponent === 0xff) {
    // Infinity keeps its sign; NaN stays a quiet NaN with the top 9 bits of its payload.
    return fraction === 0 ? sign | 0x7c00 : sign | 0x7e00 | (fraction >>> 13);
  }
  // binary16 exponent field = float32 exponent − 127 + 15
  const halfExponent = exponent - 112;
  if (halfExponent >= 0x1f) return sign | 0x7c00; // |x| ≥ 2^16: overflow
  if (halfExponent >= 1) {
    // Normal: keep the top 10 fraction bits and round on the 13 dropped ones. A carry out of the fraction
    // correctly bumps the exponent, and out of exponent 30 gives 0x7c00, Infinity.
    const half = sign | (halfExponent << 10) | (fraction >>> 13);
    return half + roundUp(fraction & 0x1fff, 0x1000, half);
  }
  // Subnormal or zero: the result counts units of 2^-24. With the implicit bit, x = m·2^(exponent−150),
  // so x / 2^-24 = m / 2^(126 − exponent).
  const shift = 126 - exponent;
  if (shift > 24) return sign; // |x| < 2^-25 (float32 subnormals included): below half the smallest subnormal
  const m = fraction | 0x800000;
  const q = m >>> shift;
  return sign | (q + roundUp(m & ((1 << shift) - 1), 1 << (shift - 1), q));
}

/** 1 when the dropped bits `rest` (compared with the halfway value) round `kept` up, to nearest even. */
function roundUp(rest: number, halfway: number, kept: number): number {
  return rest > halfway || (rest === halfway && (kept & 1) === 1) ? 1 : 0;
}

/** The float32 bit pattern of the binary16 value with these bits (exact: every binary16 value is a float32). */
export function float16BitsToFloat32Bits(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exponent = (h >>> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0x1f) return (sign | 0x7f800000 | (fraction << 13)) >>> 0;
  if (exponent !== 0) return (sign | ((exponent + 112) << 23) | (fraction << 13)) >>> 0;
  if (fraction === 0) return sign >>> 0;
  // Subnormal half, fraction·2^-24: with its top set bit at position p (0…9), that is 1.f·2^(p − 24).
  const p = 31 - Math.clz32(fraction);
  return (sign | ((p + 103) << 23) | ((fraction << (23 - p)) & 0x7fffff)) >>> 0;
}

/** The value of a binary16 bit pattern, as a JS number. */
export function float16BitsToNumber(h: number): number {
  u32[0] = float16BitsToFloat32Bits(h);
  return f32[0];
}

/** x rounded to the nearest binary16 value (ties to even), as a JS number. */
export function roundToFloat16(x: number): number {
  return float16BitsToNumber(float32ToFloat16Bits(x));
}

/** Binary16 bit patterns of every element. */
export function toFloat16Bits(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i]);
  return out;
}

/** The float32 values of binary16 bit patterns. */
export function fromFloat16Bits(bits: ArrayLike<number>): Float32Array {
  const out = new Float32Array(bits.length);
  const outBits = new Uint32Array(out.buffer);
  for (let i = 0; i < bits.length; i++) outBits[i] = float16BitsToFloat32Bits(bits[i]);
  return out;
}

/** Every element rounded to binary16, still float32; `out` may be `values` itself. */
export function roundFloat16Array(values: Float32Array, out = new Float32Array(values.length)): Float32Array {
  const inBits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const outBits = new Uint32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < values.length; i++) outBits[i] = float16BitsToFloat32Bits(float32BitsToFloat16Bits(inBits[i]));
  return out;
}
