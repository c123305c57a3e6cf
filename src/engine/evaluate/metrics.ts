// Evaluation metrics on predictions already read back from the model. Pure TypeScript on typed arrays, no tfjs,
// so the worker calls them after one read-back and Node tests check them against hand computations.
// Every result is plain numbers, strings and arrays, so it crosses postMessage unchanged.
import { rocCurve, type RocCurve } from './roc';

export { rocCurve, trapezoidArea, type RocCurve } from './roc';
export * from './regression-metrics';

/** Precision, recall and F1 averaged over classes. */
export interface AveragedScores {
  precision: number;
  recall: number;
  f1: number;
}

/** Per-class scores; index k is class k. Support is the number of true examples of the class. */
export interface PerClassScores {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

export interface ClassificationReport {
  count: number;
  numClasses: number;
  accuracy: number;
  /** confusionMatrix[trueClass][predictedClass] = number of examples. */
  confusionMatrix: number[][];
  perClass: PerClassScores;
  /** Unweighted mean over every class, including classes with no examples or no predictions. */
  macroAverage: AveragedScores;
  /** Mean over classes weighted by support. */
  weightedAverage: AveragedScores;
  /** Present only when numClasses === 2; the score is the probability of class 1. */
  roc?: RocCurve;
}

/** Throws a message a person can act on unless labels and probabilities describe `count` rows of numClasses. */
function checkClassification(labels: Int32Array, probabilities: Float32Array, numClasses: number): void {
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new Error(`metrics: numClasses is ${numClasses}; a classification task needs an integer of at least 2.`);
  }
  if (labels.length === 0) throw new Error('metrics: no examples; give at least one label and its probabilities.');
  if (probabilities.length !== labels.length * numClasses) {
    throw new Error(
      `metrics: probabilities has ${probabilities.length} entries but ${labels.length} labels × ${numClasses}` +
        ` classes needs ${labels.length * numClasses}; pass one row of numClasses probabilities per label, row-major.`,
    );
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0 || labels[i] >= numClasses) {
      throw new Error(`metrics: label ${labels[i]} at example ${i} is outside 0..${numClasses - 1}.`);
    }
  }
  for (let j = 0; j < probabilities.length; j++) {
    if (!Number.isFinite(probabilities[j])) {
      const row = Math.floor(j / numClasses);
      const value = probabilities[j];
      throw new Error(`metrics: probability ${value} at example ${row} is not finite; did training diverge?`);
    }
  }
}

/** Predicted class per row: argmax_k probabilities[i, k], ties going to the lowest k. */
export function predictedClasses(probabilities: Float32Array, numClasses: number): Int32Array {
  const count = Math.floor(probabilities.length / numClasses);
  const predicted = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const row = i * numClasses;
    let best = 0;
    // strict > keeps the first of equal maxima
    for (let k = 1; k < numClasses; k++) if (probabilities[row + k] > probabilities[row + best]) best = k;
    predicted[i] = best;
  }
  return predicted;
}

/** C[t][p] = #{i : label_i = t and argmax_k probabilities[i, k] = p}. */
export function confusionMatrix(labels: Int32Array, probabilities: Float32Array, numClasses: number): number[][] {
  checkClassification(labels, probabilities, numClasses);
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  const predicted = predictedClasses(probabilities, numClasses);
  for (let i = 0; i < labels.length; i++) matrix[labels[i]][predicted[i]]++;
  return matrix;
}

/** Accuracy = #{i : argmax_k probabilities[i, k] = label_i} / count. */
export function accuracy(labels: Int32Array, probabilities: Float32Array, numClasses: number): number {
  return accuracyFromConfusion(confusionMatrix(labels, probabilities, numClasses));
}

/** Accuracy from a confusion matrix: trace(C) / ΣC. */
export function accuracyFromConfusion(matrix: number[][]): number {
  let correct = 0;
  let total = 0;
  for (let t = 0; t < matrix.length; t++) {
    correct += matrix[t][t];
    for (const n of matrix[t]) total += n;
  }
  return total === 0 ? 0 : correct / total;
}

/**
 * Per class k from C: precision = C[k][k] / Σ_t C[t][k] (0 when nothing was predicted k), recall = C[k][k] /
 * Σ_p C[k][p] (0 when class k has no true examples), F1 = 2PR / (P + R) (0 when P + R = 0), support = Σ_p C[k][p].
 * The zero cases follow scikit-learn's default (zero_division = 0, with a warning there; silent here).
 */
export function perClassScores(matrix: number[][]): PerClassScores {
  const n = matrix.length;
  const scores: PerClassScores = { precision: [], recall: [], f1: [], support: [] };
  for (let k = 0; k < n; k++) {
    let predictedK = 0;
    let actualK = 0;
    for (let j = 0; j < n; j++) {
      predictedK += matrix[j][k];
      actualK += matrix[k][j];
    }
    const hits = matrix[k][k];
    const precision = predictedK === 0 ? 0 : hits / predictedK;
    const recall = actualK === 0 ? 0 : hits / actualK;
    scores.precision.push(precision);
    scores.recall.push(recall);
    scores.f1.push(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall));
    scores.support.push(actualK);
  }
  return scores;
}

/** Macro average = (1/K) Σ_k score_k over all K classes; weighted = Σ_k support_k · score_k / Σ_k support_k. */
export function averageScores(scores: PerClassScores): { macro: AveragedScores; weighted: AveragedScores } {
  const classes = scores.support.length;
  const total = scores.support.reduce((a, b) => a + b, 0);
  const mean = (values: number[], weights: number[] | null): number => {
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += values[k] * (weights ? weights[k] : 1);
    const denominator = weights ? total : classes;
    return denominator === 0 ? 0 : sum / denominator;
  };
  const average = (weights: number[] | null): AveragedScores => ({
    precision: mean(scores.precision, weights),
    recall: mean(scores.recall, weights),
    f1: mean(scores.f1, weights),
  });
  return { macro: average(null), weighted: average(scores.support) };
}

/** Everything above in one serialisable object; roc (score = probability of class 1) only when numClasses = 2. */
export function classificationReport(
  labels: Int32Array,
  probabilities: Float32Array,
  numClasses: number,
): ClassificationReport {
  const matrix = confusionMatrix(labels, probabilities, numClasses);
  const perClass = perClassScores(matrix);
  const { macro, weighted } = averageScores(perClass);
  const report: ClassificationReport = {
    count: labels.length,
    numClasses,
    accuracy: accuracyFromConfusion(matrix),
    confusionMatrix: matrix,
    perClass,
    macroAverage: macro,
    weightedAverage: weighted,
  };
  if (numClasses === 2) {
    const positiveScores = new Float32Array(labels.length);
    for (let i = 0; i < labels.length; i++) positiveScores[i] = probabilities[2 * i + 1];
    report.roc = rocCurve(labels, positiveScores);
  }
  return report;
}
