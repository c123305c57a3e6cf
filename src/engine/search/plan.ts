// A search as plain data (base spec, dimensions, method, budget, seed) and the trial list it fixes: grid takes
// the product of evenly spaced points per dimension; random draws each dimension from the seeded generator
// (log ranges uniformly in log space, as Keras Tuner's and Optuna's log samplers); successive halving draws
// like random and then trains them in rungs. The same search gives the same trials, value for value.
import { Random } from '../../data/random';
import type { ExperimentSpec } from '../model/spec';
import { validateSpec, hasErrors } from '../model/validate';
import { applyParams, dimensionProblems, fitToField, paramLabel, type Dimension, type ParamId, type ParamValue } from './space';

export type SearchMethod =
  | { kind: 'grid'; /** Points per numeric range (values lists give their own). */ steps: number }
  | { kind: 'random' }
  /** Hyperband's inner loop: every trial gets `minEpochs`, the best 1/eta go on with eta× the epochs, up to the base spec's epochs. */
  | { kind: 'halving'; eta: number; minEpochs: number };

/** What the search ranks trials by; loss is lower-is-better, accuracy higher. */
export type SearchMetric = 'val_accuracy' | 'val_loss' | 'test_accuracy' | 'test_loss';
export const METRICS: readonly SearchMetric[] = ['val_accuracy', 'val_loss', 'test_accuracy', 'test_loss'];
export const higherIsBetter = (metric: SearchMetric) => metric.endsWith('accuracy');

export interface SearchSpec {
  base: ExperimentSpec;
  dimensions: Dimension[];
  method: SearchMethod;
  /** At most this many trials (for grid, the first of the product), and stop starting new ones after `seconds`. */
  budget: { trials: number; seconds: number };
  metric: SearchMetric;
  /** Fixes which trials are drawn; each trial trains with the base spec's own seed, so they differ only in their values. */
  seed: number;
}

export interface Trial {
  /** 0, 1, … in the order they run. */
  index: number;
  params: Partial<Record<ParamId, ParamValue>>;
  spec: ExperimentSpec;
}

export const MAX_TRIALS = 500;

/** Every problem that keeps the search from running, as sentences that say what to change. */
export function searchProblems(search: SearchSpec): string[] {
  const problems: string[] = [];
  if (search.dimensions.length === 0) problems.push('Choose at least one setting to vary.');
  const seen = new Set<ParamId>();
  for (const d of search.dimensions) {
    if (seen.has(d.param)) problems.push(`${paramLabel(d.param)} is varied twice; keep one range for it.`);
    seen.add(d.param);
    problems.push(...dimensionProblems(d));
  }
  const { trials, seconds } = search.budget;
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) problems.push(`The trial budget must be a whole number from 1 to ${MAX_TRIALS} (got ${trials}).`);
  if (!(seconds > 0)) problems.push(`The time budget must be more than 0 seconds (got ${seconds}).`);
  const m = search.method;
  if (m.kind === 'grid' && (!Number.isInteger(m.steps) || m.steps < 2 || m.steps > 20)) problems.push(`Grid points per range must be a whole number from 2 to 20 (got ${m.steps}).`);
  if (m.kind === 'halving') {
    if (!Number.isInteger(m.eta) || m.eta < 2 || m.eta > 10) problems.push(`Halving's eta (keep 1 in eta) must be a whole number from 2 to 10 (got ${m.eta}).`);
    if (!Number.isInteger(m.minEpochs) || m.minEpochs < 1 || m.minEpochs > search.base.training.epochs) {
      problems.push(`Halving's first rung must be from 1 epoch to the spec's ${search.base.training.epochs} (got ${m.minEpochs}).`);
    }
  }
  if (problems.length === 0) {
    const bad = planTrials(search).map((t) => ({ t, errors: validateSpec(t.spec).filter((p) => p.severity === 'error') })).find((x) => hasErrors(x.errors));
    if (bad) problems.push(`Trial ${bad.t.index + 1} (${describeParams(bad.t.params)}) cannot train: ${bad.errors[0].message}`);
  }
  return problems;
}

/** "learning rate 0.003, units 64": a trial's values as a person reads them. */
export const describeParams = (params: Trial['params']) =>
  Object.entries(params).map(([id, v]) => `${paramLabel(id as ParamId).toLowerCase()} ${v}`).join(', ');

/** `steps` points from min to max, evenly in log or linear space, fitted to the field (deduplicated when whole). */
function gridPoints(d: Dimension, steps: number): ParamValue[] {
  if (d.kind === 'values') return d.values;
  const points: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t = steps === 1 ? 0 : i / (steps - 1);
    const x = d.log ? Math.exp(Math.log(d.min) + t * (Math.log(d.max) - Math.log(d.min))) : d.min + t * (d.max - d.min);
    points.push(fitToField(d.param, x));
  }
  return [...new Set(points)];
}

function draw(d: Dimension, random: Random): ParamValue {
  if (d.kind === 'values') return d.values[random.int(d.values.length)];
  const x = d.log ? Math.exp(random.uniform(Math.log(d.min), Math.log(d.max))) : random.uniform(d.min, d.max);
  return fitToField(d.param, x);
}

/** The cartesian product of the dimensions' points, the first dimension varying slowest. */
export function gridProduct(dimensions: Dimension[], steps: number): Trial['params'][] {
  let rows: Trial['params'][] = [{}];
  for (const d of dimensions) rows = rows.flatMap((row) => gridPoints(d, steps).map((v) => ({ ...row, [d.param]: v })));
  return rows;
}

/** The trials the search will run, fixed by its seed and settings (at most the trial budget). */
export function planTrials(search: SearchSpec): Trial[] {
  const { dimensions, budget, method, base } = search;
  let params: Trial['params'][];
  if (method.kind === 'grid') params = gridProduct(dimensions, method.steps).slice(0, budget.trials);
  else {
    const random = new Random(search.seed);
    params = Array.from({ length: budget.trials }, () => Object.fromEntries(dimensions.map((d) => [d.param, draw(d, random)])));
  }
  return params.map((p, index) => ({ index, params: p, spec: applyParams(base, p) }));
}
