import { describe, expect, it } from 'vitest';
import type { Point } from '../../src/state/curves.svelte';
import { MAX_SMOOTHING, smooth } from '../../src/state/smoothing';

const series = (...ys: number[]): Point[] => ys.map((y, i) => ({ x: i / 4, y }));
const ys = (points: Point[]) => points.map((p) => p.y);

/** Oracle: the debiased EMA is the mean of the finite points so far, point k weighted by w^(n−k). */
function weightedMean(values: number[], w: number): number[] {
  const finite: number[] = [];
  return values.map((y) => {
    if (!Number.isFinite(y)) return y;
    finite.push(y);
    let num = 0;
    let den = 0;
    finite.forEach((v, k) => {
      num += w ** (finite.length - 1 - k) * v;
      den += w ** (finite.length - 1 - k);
    });
    return num / den;
  });
}

describe('smooth (TensorBoard EMA with debiasing)', () => {
  it('matches hand-computed values for w = 0.5', () => {
    // last: 0.5, 1.25, 2.125; divided by 1 − 0.5ⁿ: 0.5, 0.75, 0.875
    const out = smooth(series(1, 2, 3), 0.5);
    expect(ys(out)[0]).toBeCloseTo(1, 12);
    expect(ys(out)[1]).toBeCloseTo(1.25 / 0.75, 12);
    expect(ys(out)[2]).toBeCloseTo(2.125 / 0.875, 12);
    expect(out.map((p) => p.x)).toEqual([0, 0.25, 0.5]);
  });

  it('agrees with the weighted-mean form for random series and weights', () => {
    let state = 12345;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const w of [0, 0.3, 0.6, 0.9, 0.99, 0.999]) {
      const values = Array.from({ length: 200 }, () => random() * 3 - 1);
      const oracle = weightedMean(values, w);
      smooth(series(...values), w).forEach((p, i) => expect(p.y).toBeCloseTo(oracle[i], 9));
    }
  });

  it('with weight 0 returns the values themselves', () => {
    expect(ys(smooth(series(3, 1, 4, 1, 5), 0))).toEqual([3, 1, 4, 1, 5]);
  });

  it('passes NaN and Infinity through, and carries the average across them', () => {
    const out = ys(smooth(series(1, NaN, 3, Infinity, 5), 0.5));
    expect(out[1]).toBeNaN();
    expect(out[3]).toBe(Infinity);
    const expected = ys(smooth(series(1, 3, 5), 0.5));
    expect([out[0], out[2], out[4]]).toEqual(expected);
    expect(weightedMean([1, NaN, 3, Infinity, 5], 0.5).filter(Number.isFinite)).toEqual(expected);
  });

  it('leaves a constant series exactly as it is', () => {
    expect(ys(smooth(series(0.1, 0.1, 0.1, 0.1), 0.9))).toEqual([0.1, 0.1, 0.1, 0.1]);
  });

  it(`clamps the weight to [0, ${MAX_SMOOTHING}] and treats a non-number as 0`, () => {
    const values = series(1, 5, 2, 8);
    expect(smooth(values, 1)).toEqual(smooth(values, MAX_SMOOTHING));
    expect(smooth(values, -3)).toEqual(smooth(values, 0));
    expect(smooth(values, NaN)).toEqual(values);
    expect(smooth([], 0.5)).toEqual([]);
  });

  it('does not change its input', () => {
    const values = series(1, 2, 3);
    smooth(values, 0.7);
    expect(values).toEqual(series(1, 2, 3));
  });
});
