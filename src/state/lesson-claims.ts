// What each lesson claims, as a direction (B's figure above or below A's) with the range measured on the
// backends, and this run's own figures beside it. The figures are read from plain numbers, so the same
// function judges a run in the page (LessonBanner), in the browser tests and under Node.

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
}

export interface LessonClaim {
  /** The figure, in words: "validation − training loss gap". */
  figure: string;
  /** Which way B goes from A. */
  direction: 'lower' | 'higher';
  /** The claim in words, with the ranges measured. */
  text: string;
  read: (arm: ArmFigures) => number | null;
  format: (value: number) => string;
}

const gap = (a: ArmFigures) => (a.trainLoss === null || a.validationLoss === null ? null : a.validationLoss - a.trainLoss);
const fixed = (digits: number) => (v: number) => v.toFixed(digits);
const exponent = (v: number) => v.toExponential(1);
const percent = (v: number) => `${(v * 100).toFixed(0)}%`;

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
    text: 'B\'s first-layer weight norm ends well below A\'s: measured at this seed, A about 16 and B about 9 (CPU backend under Node).',
  },
  l1: {
    figure: 'first layer\'s weights below 10⁻³', direction: 'higher', read: (a) => a.firstLayer?.nearZero ?? null, format: percent,
    text: 'B ends with far more first-layer weights below 10⁻³ than A: measured at this seed, A about 1% and B about 60% (CPU backend under Node).',
  },
  'early-stopping': {
    figure: 'final validation loss', direction: 'lower', read: (a) => a.validationLoss, format: fixed(2),
    text: 'B stops early and ends with a lower validation loss than A: measured at this seed, A 0.68 after 50 epochs, ' +
      'B 0.61 after stopping at epoch 20 (CPU backend under Node).',
  },
  'class-weights': {
    figure: 'test recall of the sevens', direction: 'higher', read: (a) => a.recall?.[7] ?? null, format: fixed(2),
    text: 'B finds many more of the test sevens than A: measured at this seed, recall 0.10 for A and 0.72 for B (CPU backend under Node).',
  },
};

/** This run's figure for each arm and whether they go the claimed way; null until both arms have a figure. */
export function judgeClaim(claim: LessonClaim, a: ArmFigures, b: ArmFigures): { a: number; b: number; holds: boolean } | null {
  const [fa, fb] = [claim.read(a), claim.read(b)];
  if (fa === null || fb === null || !Number.isFinite(fa) || !Number.isFinite(fb)) return null;
  return { a: fa, b: fb, holds: claim.direction === 'lower' ? fb < fa : fb > fa };
}
