// An oracle for binary16 rounding that shares nothing with src/engine/float16.ts: it lists every finite binary16
// value from the definition (float64 arithmetic, no bit reinterpretation) and rounds by comparing with the exact
// midpoint between neighbours. Float64 holds every float32 exactly, and every midpoint between binary16 values
// (at most 12 significant bits), so each comparison is exact.
import { Random } from '../../../src/data/random';

/** Non-negative finite binary16 values in increasing order; index = bit pattern. Then 2^16 standing for overflow. */
const HALVES: number[] = [];
for (let bits = 0; bits < 0x7c00; bits++) {
  const exponent = bits >> 10;
  const fraction = bits & 0x3ff;
  HALVES.push(exponent === 0 ? fraction * 2 ** -24 : (1024 + fraction) * 2 ** (exponent - 25));
}
HALVES.push(2 ** 16);

/** The value of a non-negative finite binary16 bit pattern, by the definition. */
export const halfValue = (bits: number) => HALVES[bits];

/** x (a float32 value) rounded to binary16, nearest with ties to even; NaN stays NaN, the sign of zero is kept. */
export function oracleRound(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const negative = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let magnitude: number;
  if (a >= 2 ** 16) {
    magnitude = Infinity;
  } else {
    // largest i with HALVES[i] ≤ a
    let lo = 0;
    let hi = HALVES.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (HALVES[mid] <= a) lo = mid;
      else hi = mid - 1;
    }
    let index = lo;
    if (HALVES[lo] !== a) {
      const midpoint = (HALVES[lo] + HALVES[lo + 1]) / 2;
      if (a > midpoint || (a === midpoint && lo % 2 === 1)) index = lo + 1;
    }
    magnitude = index === 0x7c00 ? Infinity : HALVES[index];
  }
  return negative ? -magnitude : magnitude;
}

const bitsView = new Uint32Array(1);
const floatView = new Float32Array(bitsView.buffer);
export const floatFromBits = (bits: number) => ((bitsView[0] = bits), floatView[0]);
export const bitsFromFloat = (x: number) => ((floatView[0] = x), bitsView[0]);

/**
 * Float32 bit patterns that probe binary16 rounding: `count` uniform random patterns (every exponent, NaN,
 * Infinity and float32 subnormals included), as many again with exponents near binary16's range, and the
 * special values of the issue.
 */
export function probeBits(count: number, seed: number): Uint32Array {
  const random = new Random(seed);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(random.uint32());
  for (let i = 0; i < count; i++) {
    // float32 exponent field 96…145 covers |x| from 2^-31 (flushes) to 2^18 (overflows)
    const exponent = 96 + random.int(50);
    out.push(((random.uint32() & 0x80000000) | (exponent << 23) | (random.uint32() & 0x7fffff)) >>> 0);
  }
  const specials = [0, -0, 1, -1, 1 / 3, 65504, 65520, 65519.99609375, 65536, 2 ** -24, 2 ** -25, 2 ** -25 * 1.0000001,
    2 ** -14, 2 ** -14 - 2 ** -25, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 1.5 * 2 ** -24, 2.5 * 2 ** -24, Infinity, -Infinity, NaN,
    2 ** -149, -(2 ** -149), 3.4028234663852886e38];
  for (const x of specials) out.push(bitsFromFloat(x), bitsFromFloat(-x));
  out.push(0x7fc00000, 0xffc00000, 0x7f800001, 0x7fbfffff); // quiet and signalling NaNs, both signs
  return Uint32Array.from(out);
}

/** Every midpoint between neighbouring binary16 values (both signs), with the float32 values just below and above. */
export function tieBits(): Uint32Array {
  const out: number[] = [];
  for (let bits = 0; bits < 0x7c00; bits++) {
    const midpoint = bitsFromFloat((HALVES[bits] + HALVES[bits + 1]) / 2);
    for (const b of [midpoint - 1, midpoint, midpoint + 1]) out.push(b >>> 0, (b | 0x80000000) >>> 0);
  }
  return Uint32Array.from(out);
}
