// The few statistics the summary and the preprocessing need, defined as numpy and scikit-learn define them
// (population standard deviation, linearly interpolated quantiles, ties in "most frequent" going to the smallest
// value), so the Python-tier oracle can check them exactly.

/** The non-NaN values at `rows` (all rows when omitted), sorted ascending. */
export function presentSorted(values: Float64Array, rows?: Int32Array): Float64Array {
  const out = new Float64Array(rows ? rows.length : values.length);
  let n = 0;
  const count = rows ? rows.length : values.length;
  for (let k = 0; k < count; k++) {
    const v = values[rows ? rows[k] : k];
    if (!Number.isNaN(v)) out[n++] = v;
  }
  return out.subarray(0, n).sort();
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Population standard deviation (ddof = 0, as StandardScaler uses). */
export function std(values: ArrayLike<number>, m = mean(values)): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - m) ** 2;
  return Math.sqrt(sum / values.length);
}

/** numpy.quantile's default ("linear") on ascending values. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** The most frequent value of ascending values; among equally frequent ones the smallest (scikit-learn's rule). */
export function mostFrequentSorted(sorted: ArrayLike<number>): number {
  let best = sorted[0];
  let bestCount = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > bestCount) {
      best = sorted[i];
      bestCount = j - i;
    }
    i = j;
  }
  return best;
}

/** The Tukey fences [Q1 − 1.5·IQR, Q3 + 1.5·IQR] of ascending values. */
export function iqrFences(sorted: ArrayLike<number>): [number, number] {
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return [q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)];
}
