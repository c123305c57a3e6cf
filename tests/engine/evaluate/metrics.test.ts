import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/data/random';
import {
  accuracy,
  classificationReport,
  confusionMatrix,
  predictedClasses,
  regressionReport,
  rocCurve,
} from '../../../src/engine/evaluate/metrics';

const labelsOf = (values: number[]) => Int32Array.from(values);
const rows = (values: number[][]) => Float32Array.from(values.flat());

describe('classification metrics, by hand', () => {
  // 4 classes, 6 examples. Class 2 has a true example but is never predicted; class 3 is predicted once but has
  // no true examples. Rows 2 and 5 hold ties, which go to the lowest index.
  //   example  label  probabilities            argmax
  //   0        0      [0.7, 0.1, 0.1, 0.1]     0
  //   1        0      [0.1, 0.5, 0.2, 0.2]     1
  //   2        1      [0.1, 0.4, 0.4, 0.1]     1  (tie 1/2 → 1)
  //   3        1      [0.1, 0.2, 0.1, 0.6]     3
  //   4        2      [0.5, 0.2, 0.2, 0.1]     0
  //   5        0      [0.4, 0.4, 0.1, 0.1]     0  (tie 0/1 → 0)
  // Confusion (rows true, columns predicted): [2,1,0,0] [0,1,0,1] [1,0,0,0] [0,0,0,0]; accuracy = trace 3 / 6.
  // Column sums 3,2,0,1; row sums (support) 3,2,1,0.
  // precision = [2/3, 1/2, 0 (no predictions), 0/1]; recall = [2/3, 1/2, 0/1, 0 (no true examples)]; F1 = P here.
  // macro = (2/3 + 1/2 + 0 + 0) / 4 = 7/24 for P, R and F1; weighted = (3·2/3 + 2·1/2 + 1·0 + 0·0) / 6 = 1/2.
  const labels = labelsOf([0, 0, 1, 1, 2, 0]);
  const probabilities = rows([
    [0.7, 0.1, 0.1, 0.1],
    [0.1, 0.5, 0.2, 0.2],
    [0.1, 0.4, 0.4, 0.1],
    [0.1, 0.2, 0.1, 0.6],
    [0.5, 0.2, 0.2, 0.1],
    [0.4, 0.4, 0.1, 0.1],
  ]);

  it('takes argmax with ties to the lowest index and counts the confusion matrix', () => {
    expect(Array.from(predictedClasses(probabilities, 4))).toEqual([0, 1, 1, 3, 0, 0]);
    expect(confusionMatrix(labels, probabilities, 4)).toEqual([
      [2, 1, 0, 0],
      [0, 1, 0, 1],
      [1, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(accuracy(labels, probabilities, 4)).toBe(0.5);
  });

  it('scores a class with no predictions and a class with no true examples as 0, and averages over every class', () => {
    const report = classificationReport(labels, probabilities, 4);
    const close = (actual: number[], expected: number[]) =>
      actual.forEach((a, k) => expect(a).toBeCloseTo(expected[k], 12));
    close(report.perClass.precision, [2 / 3, 1 / 2, 0, 0]);
    close(report.perClass.recall, [2 / 3, 1 / 2, 0, 0]);
    close(report.perClass.f1, [2 / 3, 1 / 2, 0, 0]);
    expect(report.perClass.support).toEqual([3, 2, 1, 0]);
    for (const key of ['precision', 'recall', 'f1'] as const) {
      expect(report.macroAverage[key]).toBeCloseTo(7 / 24, 12);
      expect(report.weightedAverage[key]).toBeCloseTo(1 / 2, 12);
    }
    expect(report.count).toBe(6);
    expect('roc' in report).toBe(false);
  });

  it('gives 1 everywhere for perfect predictions and 0 everywhere for all-wrong ones', () => {
    const three = labelsOf([0, 1, 2]);
    const perfect = classificationReport(three, rows([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8]]), 3);
    expect(perfect.accuracy).toBe(1);
    expect(perfect.confusionMatrix).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(perfect.macroAverage).toEqual({ precision: 1, recall: 1, f1: 1 });
    // predictions 1, 2, 0: every class is predicted once and never correctly
    const wrong = classificationReport(three, rows([[0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.8, 0.1, 0.1]]), 3);
    expect(wrong.accuracy).toBe(0);
    expect(wrong.perClass).toEqual({ precision: [0, 0, 0], recall: [0, 0, 0], f1: [0, 0, 0], support: [1, 1, 1] });
    expect(wrong.macroAverage).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('binary report and ROC, by hand', () => {
  // labels [1,1,1,0,0], P(class 1) = [0.9, 0.5, 0.2, 0.7, 0.2]. At 0.5 the row [0.5, 0.5] ties → class 0.
  // predicted [1,0,0,1,0]; confusion [[1,1],[2,1]]; accuracy 2/5.
  // class 1: P = 1/2, R = 1/3, F1 = 2·(1/6)/(5/6) = 2/5.  class 0: P = 1/3, R = 1/2, F1 = 2/5.
  // ROC (P = 3, N = 2), scores descending 0.9+ 0.7− 0.5+ {0.2+, 0.2−}:
  //   (0,0) → (0,1/3) → (1/2,1/3) → (1/2,2/3) → (1,1); the tied 0.2 pair is one diagonal step.
  // AUC by trapezoids = 1/2·1/3 + 1/2·(2/3+1)/2 = 1/6 + 5/12 = 7/12.
  // Mann–Whitney: 0.9 beats both (2), 0.5 beats 0.2 (1), 0.2 ties 0.2 (1/2) → 3.5 / 6 = 7/12.
  const labels = labelsOf([1, 1, 1, 0, 0]);
  const p1 = [0.9, 0.5, 0.2, 0.7, 0.2];
  const probabilities = rows(p1.map((p) => [1 - p, p]));
  const report = classificationReport(labels, probabilities, 2);

  it('computes precision, recall and F1 that differ from each other', () => {
    expect(report.confusionMatrix).toEqual([[1, 1], [2, 1]]);
    expect(report.accuracy).toBeCloseTo(2 / 5, 12);
    [1 / 3, 1 / 2].forEach((v, k) => expect(report.perClass.precision[k]).toBeCloseTo(v, 12));
    [1 / 2, 1 / 3].forEach((v, k) => expect(report.perClass.recall[k]).toBeCloseTo(v, 12));
    report.perClass.f1.forEach((v) => expect(v).toBeCloseTo(2 / 5, 12));
  });

  it('emits one ROC point per distinct threshold, tied scores in one step', () => {
    const roc = report.roc!;
    expect(roc.fpr).toEqual([0, 0, 1 / 2, 1 / 2, 1]);
    expect(roc.tpr).toEqual([0, 1 / 3, 1 / 3, 2 / 3, 1]);
    expect(roc.thresholds).toEqual([Infinity, ...[0.9, 0.7, 0.5, 0.2].map(Math.fround)]);
    expect(roc.auc).toBeCloseTo(7 / 12, 12);
    expect(roc.undefinedReason).toBeNull();
  });

  it('survives structured cloning, as postMessage does', () => {
    expect(structuredClone(report)).toEqual(report);
  });

  it('gives AUC 1 for perfect separation, 0 for reversed and 0.5 for constant scores', () => {
    const y = labelsOf([0, 0, 1, 1]);
    expect(rocCurve(y, Float32Array.from([0.1, 0.2, 0.8, 0.9])).auc).toBe(1);
    expect(rocCurve(y, Float32Array.from([0.9, 0.8, 0.2, 0.1])).auc).toBe(0);
    const constant = rocCurve(y, Float32Array.from([0.5, 0.5, 0.5, 0.5]));
    expect(constant.fpr).toEqual([0, 1]);
    expect(constant.tpr).toEqual([0, 1]);
    expect(constant.auc).toBe(0.5);
  });

  it('returns a null AUC with a reason when only one class is present', () => {
    const onlyPositives = classificationReport(labelsOf([1, 1]), rows([[0.3, 0.7], [0.6, 0.4]]), 2);
    expect(onlyPositives.roc).toMatchObject({ fpr: [], tpr: [], auc: null });
    expect(onlyPositives.roc!.undefinedReason).toMatch(/only positives/);
    expect(rocCurve(labelsOf([0, 0]), Float32Array.from([0.1, 0.2])).undefinedReason).toMatch(/only negatives/);
  });
});

describe('oracles on random data', () => {
  const random = new Random(20240611);

  /** Brute-force Mann–Whitney: P(score of a random positive > a random negative), ties counting half. */
  function mannWhitney(labels: Int32Array, scores: Float32Array): number {
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < labels.length; i++) {
      for (let j = 0; j < labels.length; j++) {
        if (labels[i] !== 1 || labels[j] !== 0) continue;
        pairs++;
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
    return wins / pairs;
  }

  it('AUC by trapezoids equals the Mann–Whitney probability, with and without ties', () => {
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + random.int(80);
      const levels = trial % 2 === 0 ? 5 : 1e6; // few levels force many ties
      const labels = new Int32Array(n).map(() => random.int(2));
      labels[0] = 0;
      labels[1] = 1;
      const scores = new Float32Array(n).map(() => Math.floor(random.next() * levels) / levels);
      const roc = rocCurve(labels, scores);
      expect(roc.auc).toBeCloseTo(mannWhitney(labels, scores), 12);
      expect(roc.fpr.length).toBe(new Set(scores).size + 1);
      expect([roc.fpr[0], roc.tpr[0], roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
      for (let k = 1; k < roc.fpr.length; k++) {
        expect(roc.fpr[k]).toBeGreaterThanOrEqual(roc.fpr[k - 1]);
        expect(roc.tpr[k]).toBeGreaterThanOrEqual(roc.tpr[k - 1]);
        expect(roc.thresholds[k]).toBeLessThan(roc.thresholds[k - 1]);
      }
    }
  });

  it('confusion matrix, accuracy and per-class scores agree with direct counting', () => {
    for (let trial = 0; trial < 50; trial++) {
      const numClasses = 2 + random.int(5);
      const n = 1 + random.int(60);
      const labels = new Int32Array(n).map(() => random.int(numClasses));
      // coarse probabilities make argmax ties common
      const probabilities = new Float32Array(n * numClasses).map(() => random.int(4) / 4);
      const report = classificationReport(labels, probabilities, numClasses);
      const matrix = report.confusionMatrix;
      const trace = matrix.reduce((sum, row, k) => sum + row[k], 0);
      expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(n);
      expect(report.accuracy).toBe(trace / n);
      // independent argmax (first index of the maximum) and one-vs-rest counts
      const predicted = Array.from({ length: n }, (_, i) => {
        const row = Array.from(probabilities.subarray(i * numClasses, (i + 1) * numClasses));
        return row.indexOf(Math.max(...row));
      });
      expect(report.accuracy).toBe(predicted.filter((p, i) => p === labels[i]).length / n);
      for (let k = 0; k < numClasses; k++) {
        const tp = predicted.filter((p, i) => p === k && labels[i] === k).length;
        const fp = predicted.filter((p, i) => p === k && labels[i] !== k).length;
        const fn = predicted.filter((p, i) => p !== k && labels[i] === k).length;
        // F1 = 2TP / (2TP + FP + FN), an independent form of 2PR / (P + R)
        expect(report.perClass.precision[k]).toBeCloseTo(tp + fp === 0 ? 0 : tp / (tp + fp), 12);
        expect(report.perClass.recall[k]).toBeCloseTo(tp + fn === 0 ? 0 : tp / (tp + fn), 12);
        expect(report.perClass.f1[k]).toBeCloseTo(tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn), 12);
        expect(report.perClass.support[k]).toBe(tp + fn);
      }
      expect('roc' in report).toBe(numClasses === 2);
    }
  });
});

describe('regression metrics, by hand', () => {
  it('computes MSE, MAE and R²', () => {
    // errors y − ŷ = [−0.5, 0, 1, −1]; MSE = (0.25 + 0 + 1 + 1) / 4 = 0.5625; MAE = 2.5 / 4 = 0.625.
    // ȳ = 2.5, Σ(y − ȳ)² = 2.25 + 0.25 + 0.25 + 2.25 = 5, so R² = 1 − 2.25 / 5 = 0.55.
    const report = regressionReport(Float32Array.from([1, 2, 3, 4]), Float32Array.from([1.5, 2, 2, 5]));
    expect(report).toMatchObject({ count: 4, mse: 0.5625, mae: 0.625, r2UndefinedReason: null });
    expect(report.r2).toBeCloseTo(0.55, 12);
  });

  it('gives R² = 1 for perfect predictions and null with a reason for constant targets', () => {
    const perfect = regressionReport(Float32Array.from([1, 2]), Float32Array.from([1, 2]));
    expect(perfect).toMatchObject({ mse: 0, mae: 0, r2: 1 });
    const constant = regressionReport(Float32Array.from([3, 3]), Float32Array.from([2, 4]));
    expect(constant).toMatchObject({ mse: 1, mae: 1, r2: null });
    expect(constant.r2UndefinedReason).toMatch(/same value/);
  });
});

describe('bad input gets a message that says what is wrong', () => {
  const two = rows([[0.5, 0.5]]);
  const f32 = (values: number[]) => Float32Array.from(values);
  it.each([
    ['numClasses < 2', () => accuracy(labelsOf([0]), Float32Array.from([1]), 1), /numClasses is 1/],
    ['empty input', () => accuracy(labelsOf([]), new Float32Array(0), 2), /no examples/],
    ['length mismatch', () => accuracy(labelsOf([0, 1]), two, 2), /has 2 entries but 2 labels × 2 classes needs 4/],
    ['label out of range', () => accuracy(labelsOf([2]), two, 2), /label 2 at example 0 is outside 0..1/],
    ['NaN probability', () => accuracy(labelsOf([0]), Float32Array.from([NaN, 1]), 2), /not finite/],
    ['ROC length mismatch', () => rocCurve(labelsOf([0, 1]), Float32Array.from([0.5])), /2 entries but scores has 1/],
    ['ROC non-binary label', () => rocCurve(labelsOf([0, 2]), Float32Array.from([0.5, 0.5])), /label 2 .* not 0 or 1/],
    ['regression length mismatch', () => regressionReport(f32([1]), f32([1, 2])), /1 entries but predictions has 2/],
    ['regression empty', () => regressionReport(new Float32Array(0), new Float32Array(0)), /no examples/],
    ['regression NaN', () => regressionReport(f32([1]), f32([NaN])), /must be finite/],
  ])('%s', (_name, call, message) => {
    expect(call).toThrow(message);
  });
});
