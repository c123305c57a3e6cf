// Which trial trains next, and for how many epochs, read off the results so far: a plain function of the
// search and its results, so a search resumed after a reload picks up exactly where it was. Grid and random
// train each trial for the base spec's epochs; successive halving (Hyperband's inner loop, Li et al. 2018)
// trains every trial for `minEpochs`, keeps the best 1/eta, trains those eta× longer, and so on up to the
// spec's epochs. A trial that goes on to the next rung restarts from its initial weights (same seed), so each
// rung's figure is a plain run of that many epochs.
import { higherIsBetter, type SearchSpec, type SearchMetric } from './plan';

/** A trial's figures after `epochs` epochs; NaN where it diverged or the metric does not exist. */
export interface TrialMetrics {
  val_loss: number;
  val_accuracy: number;
  test_loss: number;
  test_accuracy: number;
}

export interface TrialResult {
  trial: number;
  rung: number;
  epochs: number;
  metrics: TrialMetrics;
  seconds: number;
  /** Why it ended short: diverged (loss NaN). */
  failed?: string;
}

export interface Job {
  trial: number;
  rung: number;
  epochs: number;
}

/** Epochs of each rung: minEpochs·eta^k, the last one capped at the spec's epochs. */
export function rungEpochs(search: SearchSpec): number[] {
  const max = search.base.training.epochs;
  if (search.method.kind !== 'halving') return [max];
  const { eta, minEpochs } = search.method;
  const out: number[] = [];
  for (let e = minEpochs; ; e *= eta) {
    out.push(Math.min(e, max));
    if (e >= max) return out;
  }
}

/** Better first; NaN (a diverged trial) last; ties keep trial order, so ranking is deterministic. */
export function rank(results: TrialResult[], metric: SearchMetric): TrialResult[] {
  const sign = higherIsBetter(metric) ? -1 : 1;
  const score = (r: TrialResult) => (Number.isFinite(r.metrics[metric]) ? sign * r.metrics[metric] : Infinity);
  return [...results].sort((a, b) => score(a) - score(b) || a.trial - b.trial);
}

/** The trials that reach rung `k`, given the results of rung k−1: all of them at rung 0. */
function rungMembers(search: SearchSpec, trialCount: number, results: TrialResult[], k: number): number[] | null {
  if (k === 0) return Array.from({ length: trialCount }, (_, i) => i);
  const previous = rungMembers(search, trialCount, results, k - 1);
  if (!previous) return null;
  const done = results.filter((r) => r.rung === k - 1);
  if (done.length < previous.length) return null; // rung k−1 is not complete yet
  const eta = search.method.kind === 'halving' ? search.method.eta : 1;
  const keep = Math.max(1, Math.floor(previous.length / eta));
  return rank(done, search.metric).slice(0, keep).map((r) => r.trial).sort((a, b) => a - b);
}

/**
 * Up to `count` jobs that can train now, all of the first rung with work left (a rung's survivors are only known
 * once it is complete); empty when the search is complete (time budgets are the driver's business).
 */
export function nextJobs(search: SearchSpec, trialCount: number, results: TrialResult[], count: number): Job[] {
  const epochs = rungEpochs(search);
  for (let k = 0; k < epochs.length; k++) {
    const members = rungMembers(search, trialCount, results, k);
    if (!members) return [];
    const todo = members.filter((t) => !results.some((r) => r.rung === k && r.trial === t));
    if (todo.length) return todo.slice(0, count).map((trial) => ({ trial, rung: k, epochs: epochs[k] }));
  }
  return [];
}

/** The next job, or null when the search is complete. */
export const nextJob = (search: SearchSpec, trialCount: number, results: TrialResult[]): Job | null =>
  nextJobs(search, trialCount, results, 1)[0] ?? null;

/** Each trial's latest result (its highest rung): what the table shows and the best is picked from. */
export function latestResults(results: TrialResult[]): TrialResult[] {
  const byTrial = new Map<number, TrialResult>();
  for (const r of results) if ((byTrial.get(r.trial)?.rung ?? -1) < r.rung) byTrial.set(r.trial, r);
  return [...byTrial.values()].sort((a, b) => a.trial - b.trial);
}

/** The best trial: among those that reached the highest rung any reached, the best by the metric. */
export function bestResult(results: TrialResult[], metric: SearchMetric): TrialResult | null {
  const latest = latestResults(results);
  if (latest.length === 0) return null;
  const top = Math.max(...latest.map((r) => r.rung));
  return rank(latest.filter((r) => r.rung === top), metric)[0];
}
