// ROC curve and AUC for a binary task. Pure TypeScript on typed arrays: no tfjs, no DOM.

/**
 * Points of the ROC curve, one per distinct score threshold, from (0,0) to (1,1). Plain arrays so it can cross
 * postMessage. Point i predicts "positive" for every example with score ≥ thresholds[i]; thresholds[0] is
 * Infinity (nothing predicted positive), as in scikit-learn. JSON.stringify turns that Infinity into null.
 */
export interface RocCurve {
  /** False positive rate FP / N at each threshold, non-decreasing. */
  fpr: number[];
  /** True positive rate TP / P at each threshold, non-decreasing. */
  tpr: number[];
  /** Scores, strictly decreasing after the leading Infinity. */
  thresholds: number[];
  /** Area under the curve, or null when only one class is present (see undefinedReason). */
  auc: number | null;
  /** Why auc is null, in words the UI can show; null when auc is a number. */
  undefinedReason: string | null;
}

/**
 * ROC curve of binary labels (1 = positive) against scores: sort by score descending and, after each group of
 * equal scores, emit (FP/N, TP/P). Tied scores move both rates in one step, which makes the trapezoid count a
 * tied positive–negative pair as half a win. Empty arrays and auc = null when P = 0 or N = 0.
 */
export function rocCurve(labels: Int32Array, scores: Float32Array): RocCurve {
  if (labels.length !== scores.length) {
    throw new Error(`ROC: labels has ${labels.length} entries but scores has ${scores.length}; give one per label.`);
  }
  if (labels.length === 0) throw new Error('ROC: no examples; give at least one label and score.');
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) {
      throw new Error(`ROC: label ${label} at example ${i} is not 0 or 1; ROC needs a binary task.`);
    }
    if (!Number.isFinite(scores[i])) {
      throw new Error(`ROC: score ${scores[i]} at example ${i} is not a finite number; did training diverge?`);
    }
    positives += label;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) {
    const present = positives === 0 ? 'negatives (class 0)' : 'positives (class 1)';
    return {
      fpr: [],
      tpr: [],
      thresholds: [],
      auc: null,
      undefinedReason: `AUC is undefined: the labels contain only ${present}, so one of the ROC rates divides by zero.`,
    };
  }

  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  let truePositives = 0;
  let falsePositives = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (labels[i] === 1) truePositives++;
    else falsePositives++;
    // emit only at the end of a run of equal scores: one point per distinct threshold
    const last = k === order.length - 1 || scores[order[k + 1]] !== scores[i];
    if (last) {
      fpr.push(falsePositives / negatives);
      tpr.push(truePositives / positives);
      thresholds.push(scores[i]);
    }
  }
  return { fpr, tpr, thresholds, auc: trapezoidArea(fpr, tpr), undefinedReason: null };
}

/** Area under a piecewise-linear curve by the trapezoidal rule: Σ (x[i] − x[i−1]) · (y[i] + y[i−1]) / 2. */
export function trapezoidArea(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new Error(`trapezoidArea: x has ${x.length} points but y has ${y.length}.`);
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}
