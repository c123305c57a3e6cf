// TensorBoard's scalar smoothing, so a curve here reads as it would there: an exponential moving average,
// debiased so that its start is not pulled towards zero.
import type { Point } from './curves.svelte';

/** TensorBoard's slider stops at 0.999: at 1 the average would never move from its first value. */
export const MAX_SMOOTHING = 0.999;

/**
 * Smoothed copy of `points` (x unchanged), as TensorBoard's line chart computes it (vz_line_chart2
 * resmoothDataset / line_chart_v2 classicSmoothing), with w = `weight` clamped to [0, MAX_SMOOTHING]:
 *
 *   last_0 = 0;  for the n-th finite y:  last_n = w·last_{n−1} + (1 − w)·y,   smoothed = last_n / (1 − wⁿ)
 *
 * Dividing by 1 − wⁿ removes the bias of starting at 0 (a constant c would otherwise read c·(1 − wⁿ)); the
 * result is the weighted mean Σ wⁿ⁻ᵏ·y_k / Σ wⁿ⁻ᵏ of the finite points so far. As in TensorBoard:
 * - a non-finite y (NaN, ±Infinity: a diverged loss) is passed through unchanged and does not count towards n,
 *   so the points after it continue the average of the points before it;
 * - a series whose values are all equal is returned unchanged (TensorBoard issue #786: floating-point error
 *   made flat lines wobble);
 * - a weight that is not a number is taken as 0 (no smoothing).
 */
export function smooth(points: readonly Point[], weight: number): Point[] {
  const w = Number.isFinite(weight) ? Math.min(Math.max(weight, 0), MAX_SMOOTHING) : 0;
  const constant = points.every((p) => p.y === points[0].y);
  let last = 0;
  let n = 0;
  return points.map(({ x, y }) => {
    if (constant || !Number.isFinite(y)) return { x, y };
    last = w * last + (1 - w) * y;
    n += 1;
    return { x, y: last / (1 - w ** n) };
  });
}
