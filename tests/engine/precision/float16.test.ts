import { describe, expect, it } from 'vitest';
import {
  float16BitsToNumber, float32ToFloat16Bits, fromFloat16Bits, roundFloat16Array, roundToFloat16, toFloat16Bits,
} from '../../../src/engine/precision/float16';
import { bitsFromFloat, floatFromBits, halfValue, oracleRound, probeBits, tieBits } from './float16-oracle';

const sameValue = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('binary16 rounding, exact expectations', () => {
  it.each([
    ['65504 (largest finite) stays', 65504, 65504],
    ['65519.996 (just below the tie) rounds down to 65504', 65519.99609375, 65504],
    ['65520 (tie with 2^16, which is even) overflows to Infinity', 65520, Infinity],
    ['−65520 overflows to −Infinity', -65520, -Infinity],
    ['2^-24 (smallest subnormal) stays', 2 ** -24, 2 ** -24],
    ['2^-25 (tie between 0 and 2^-24) goes to 0, the even one', 2 ** -25, 0],
    ['just above 2^-25 rounds up to 2^-24', floatFromBits(bitsFromFloat(2 ** -25) + 1), 2 ** -24],
    ['−2^-25 goes to −0', -(2 ** -25), -0],
    ['1 + 2^-11 (tie between 1 and 1 + 2^-10) goes to 1, even', 1 + 2 ** -11, 1],
    ['1 + 3·2^-11 (tie) goes to 1 + 2^-9, even', 1 + 3 * 2 ** -11, 1 + 2 ** -9],
    ['1.5·2^-24 (subnormal tie) goes to 2^-23, even', 1.5 * 2 ** -24, 2 ** -23],
    ['2.5·2^-24 (subnormal tie) goes to 2^-23, even', 2.5 * 2 ** -24, 2 ** -23],
    ['2^-14 − 2^-25 (tie at the subnormal/normal border) goes to 2^-14', 2 ** -14 - 2 ** -25, 2 ** -14],
    ['1/3 rounds to 0.333251953125', 1 / 3, 0.333251953125],
    ['−0 stays −0', -0, -0],
    ['0 stays 0', 0, 0],
    ['Infinity stays', Infinity, Infinity],
    ['a float32 subnormal flushes to 0 with its sign', -(2 ** -149), -0],
  ])('%s', (_, x, expected) => {
    expect(Object.is(roundToFloat16(x), expected)).toBe(true);
    expect(Object.is(oracleRound(Math.fround(x)), expected)).toBe(true);
  });

  it('keeps NaN a NaN (quiet, sign kept) and sets the right bits for the landmarks', () => {
    expect(Number.isNaN(roundToFloat16(NaN))).toBe(true);
    expect(float32ToFloat16Bits(NaN) & 0x7e00).toBe(0x7e00);
    expect(float32ToFloat16Bits(floatFromBits(0xff800001)) & 0xfe00).toBe(0xfe00); // negative signalling NaN → quiet, negative
    expect(float32ToFloat16Bits(65504)).toBe(0x7bff);
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00);
    expect(float32ToFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(float32ToFloat16Bits(-0)).toBe(0x8000);
    expect(float32ToFloat16Bits(1)).toBe(0x3c00);
  });
});

describe('binary16 exhaustively', () => {
  it('round-trips all 65,536 bit patterns (bits → float → bits), NaNs staying NaN', () => {
    let checked = 0;
    for (let h = 0; h < 0x10000; h++) {
      const x = float16BitsToNumber(h);
      const isNaNPattern = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
      if (isNaNPattern) {
        expect(Number.isNaN(x)).toBe(true);
        const back = float32ToFloat16Bits(x);
        expect((back & 0x7c00) === 0x7c00 && (back & 0x3ff) !== 0).toBe(true);
      } else {
        if (float32ToFloat16Bits(x) !== h) throw new Error(`pattern ${h.toString(16)} → ${x} → ${float32ToFloat16Bits(x).toString(16)}`);
        // and the decoded value is the one the definition gives
        const magnitude = (h & 0x7c00) === 0x7c00 ? Infinity : halfValue(h & 0x7fff);
        if (!Object.is(x, h & 0x8000 ? -magnitude : magnitude)) throw new Error(`pattern ${h.toString(16)} decodes to ${x}, not ${magnitude}`);
      }
      checked++;
    }
    expect(checked).toBe(65536);
  });

  it('agrees with the independent oracle on 400,000 random float32 values and on every tie ± 1 ulp', () => {
    for (const bits of [probeBits(200_000, 1), tieBits()]) {
      const values = new Float32Array(bits.buffer);
      const rounded = roundFloat16Array(values);
      let mismatches = 0;
      let first = '';
      for (let i = 0; i < values.length; i++) {
        const expected = oracleRound(values[i]);
        if (!sameValue(rounded[i], expected) || !sameValue(roundToFloat16(values[i]), expected)) {
          mismatches++;
          first ||= `${values[i]} (0x${bits[i].toString(16)}) → ${rounded[i]}, oracle ${expected}`;
        }
      }
      expect(first).toBe('');
      expect(mismatches).toBe(0);
    }
  });

  it('typed-array helpers agree with the scalar ones, and roundFloat16Array can work in place', () => {
    const values = new Float32Array(probeBits(5_000, 2).buffer);
    const bits = toFloat16Bits(values);
    const back = fromFloat16Bits(bits);
    for (let i = 0; i < values.length; i++) {
      expect(bits[i]).toBe(float32ToFloat16Bits(values[i]));
      expect(sameValue(back[i], roundToFloat16(values[i]))).toBe(true);
    }
    const copy = values.slice();
    expect(roundFloat16Array(copy, copy)).toBe(copy);
    for (let i = 0; i < values.length; i++) expect(sameValue(copy[i], back[i])).toBe(true);
  });
});
