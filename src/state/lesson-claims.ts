// What each lesson claims, as a direction (B's figure above or below A's, or within a bound of it) with the
// range measured on the backends, and this run's own figures beside it. The figures are read from plain
// numbers, so the same function judges a run in the page (LessonBanner), in the browser tests and under Node.
// A lesson without a B side (quantization) compares two rows of its export table instead: A the float32 file,
// B the uint8 one.

/** What a lesson's claim is judged on, for one arm (A or B) of its run. */
export interface ArmFigures {
  trainLoss: number | null;
  validationLoss: number | null;
  /** The first weighted layer's kernel: L2 norm and share of weights below 1e-3. */
  firstLayer: { norm: number; nearZero: number } | null;
  /** Test recall per class, once the run is evaluated. */
  recall: number[] | null;
  /** The gradient probe's first kernel norm over its output kernel norm (gradient-stats.ts). */
  gradientRatio?: number | null;
  /** The last validation accuracy (classification). */
  validationAccuracy?: number | null;
  /** Test accuracy, once the run is evaluated (for an export row: of the reloaded file). */
  testAccuracy?: number | null;
  /** For an export row: the share of test examples given the same class as the float32 file. */
  agreement?: number | null;
}

export interface LessonClaim {
  /** The figure, in words: "validation − training loss gap". */
  figure: string;
  /** Which way B goes from A; 'close': B within `within` of A either way. */
  direction: 'lower' | 'higher' | 'close';
  /** For 'close': the largest |B − A| that still holds. */
  within?: number;
  /** Where the two figures come from: the A and B arms of the run (default), or the export table's rows. */
  source?: 'arms' | 'export';
  /** What the banner calls the two sides, when not A and B (quantization: the float32 and uint8 files). */
  sides?: [string, string];
  /** The claim in words, with the ranges measured. */
  text: string;
  read: (arm: ArmFigures) => number | null;
  format: (value: number) => string;
}

const gap = (a: ArmFigures) => (a.trainLoss === null || a.validationLoss === null ? null : a.validationLoss - a.trainLoss);
const fixed = (digits: number) => (v: number) => v.toFixed(digits);
const exponent = (v: number) => v.toExponential(1);
const percent = (v: number) => `${(v * 100).toFixed(0)}%`;
const percent1 = (v: number) => `${(v * 100).toFixed(1)}%`;

export const LESSON_CLAIMS: Record<string, LessonClaim> = {
  'exploding-gradients': {
    figure: 'final validation accuracy', direction: 'higher', read: (a) => a.validationAccuracy ?? null, format: fixed(2),
    text: 'B, with its gradients clipped, ends well above A: measured at this seed, A 0.50 and B 0.93, both under Node on WASM (tests/lessons/exploding.test.ts) and on WebGL in Chromium (tests/browser/lesson-exploding.test.ts).',
  },
  'vanishing-gradients': {
    figure: 'first layer\'s gradient norm over the output layer\'s', direction: 'higher', read: (a) => a.gradientRatio ?? null, format: exponent,
    text: 'B\'s ratio ends orders of magnitude above A\'s: measured at this seed, A 1.6e-6 and B 4.2 (WASM under Node, tests/lessons/vanishing.test.ts); A 1.6e-6 and B 16 on WebGL in Chromium (tests/browser/lesson-vanishing.test.ts).',
  },
  'lr-schedule': {
    figure: 'final validation loss', direction: 'lower', read: (a) => a.validationLoss, format: fixed(2),
    text: 'B, with its rate decayed, ends with a validation loss far below A\'s: at this seed A 5.28 and B 0.10 (WASM under Node, ' +
      'tests/lessons/schedule.test.ts), A 22.9 and B 0.10 on WebGL in Chromium (tests/browser/lesson-schedule.test.ts); ' +
      'over seeds 1, 2, 3, 7 and 42 under Node, A 1.7–19.9 and B 0.08–0.13.',
  },
  overfitting: {
    figure: 'validation − training loss gap', direction: 'lower', read: gap, format: fixed(2),
    text: 'B\'s gap ends below A\'s. Measured at this seed after 50 epochs: A 0.68, B 0.58 on the CPU backend (Node); ' +
      'A 0.68, B 0.47 on WebGL in Chromium (tests/browser/lessons.test.ts).',
  },
  l2: {
    figure: 'first layer\'s weight norm', direction: 'lower', read: (a) => a.firstLayer?.norm ?? null, format: fixed(1),
    text: 'B\'s first-layer weight norm ends well below A\'s: measured at this seed, A 16.1 and B 8.8, the same under Node ' +
      '(tests/lessons/regularization.test.ts) and on WebGL in Chromium (tests/browser/lesson-regularization.test.ts).',
  },
  l1: {
    figure: 'first layer\'s weights below 10⁻³', direction: 'higher', read: (a) => a.firstLayer?.nearZero ?? null, format: percent,
    text: 'B ends with far more first-layer weights below 10⁻³ than A: measured at this seed, A 1.3% and B 61%, the same under ' +
      'Node (tests/lessons/regularization.test.ts) and on WebGL in Chromium (tests/browser/lesson-regularization.test.ts).',
  },
  'early-stopping': {
    figure: 'final validation loss', direction: 'lower', read: (a) => a.validationLoss, format: fixed(2),
    text: 'B stops early and ends with a lower validation loss than A: measured at this seed, A 0.68 after 50 epochs, ' +
      'B 0.61 after stopping at epoch 20 under Node (tests/lessons/regularization.test.ts); A 0.68, B 0.62 on WebGL in ' +
      'Chromium (tests/browser/lesson-regularization.test.ts).',
  },
  'class-weights': {
    figure: 'test recall of the sevens', direction: 'higher', read: (a) => a.recall?.[7] ?? null, format: fixed(2),
    text: 'B finds many more of the test sevens than A: measured at this seed, recall 0.10 for A and 0.72 for B under Node ' +
      '(tests/lessons/imbalance.test.ts); 0.06 and 0.72 on WebGL in Chromium (tests/browser/lesson-class-weights.test.ts).',
  },
  'cnn-vs-mlp': {
    figure: 'test accuracy', direction: 'higher', read: (a) => a.testAccuracy ?? null, format: percent1,
    text: 'B, the CNN, ends with a higher test accuracy than A, the MLP, with half the weights: measured at this seed after 3 epochs, A 88.3% and B 90.5%, the same under Node ' +
      '(tests/lessons/cnn-vs-mlp.test.ts) and on WebGL in Chromium (tests/browser/lesson-cnn-vs-mlp.test.ts).',
  },
  'mixed-precision': {
    figure: 'test accuracy', direction: 'close', within: 0.02, read: (a) => a.testAccuracy ?? null, format: percent1,
    text: 'B, in mixed float16, ends within 2 points of A\'s float32 test accuracy: measured at this seed on 1,000 digits ' +
      'for 2 epochs, A 79.6% and B 78.8% under Node (tests/lessons/mixed-precision.test.ts); A 79.6% and B 79.8% on WebGL ' +
      'in Chromium (tests/browser/lesson-mixed-precision.test.ts).',
  },
  quantization: {
    figure: 'share of test digits that keep the float32 file\'s class', direction: 'close', within: 0.01, source: 'export', sides: ['float32', 'uint8'],
    read: (a) => a.agreement ?? null, format: percent1,
    text: 'Quantized to uint8, the weights file is about a quarter of the float32 one and at least 99% of the ' +
      'test digits keep their predicted class: measured at this seed on 1,000 digits for 2 epochs, 4.00× smaller and ' +
      '100% of 500 test digits the same class, both under Node (tests/lessons/quantization.test.ts) and on WebGL in ' +
      'Chromium (tests/browser/lesson-quantization.test.ts).',
  },
};

/** This run's figure for each arm and whether they go the claimed way; null until both arms have a figure. */
export function judgeClaim(claim: LessonClaim, a: ArmFigures, b: ArmFigures): { a: number; b: number; holds: boolean } | null {
  const [fa, fb] = [claim.read(a), claim.read(b)];
  if (fa === null || fb === null || !Number.isFinite(fa) || !Number.isFinite(fb)) return null;
  return { a: fa, b: fb, holds: holds(claim, fa, fb) };
}

function holds(claim: LessonClaim, a: number, b: number): boolean {
  if (claim.direction === 'lower') return b < a;
  if (claim.direction === 'higher') return b > a;
  if (claim.within === undefined) throw new Error(`a 'close' claim (${claim.figure}) needs its bound, within`);
  return Math.abs(b - a) <= claim.within;
}
