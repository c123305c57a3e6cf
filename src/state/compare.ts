// The table of final metrics for runs side by side, with the best of each row marked: plain data, so the table
// component only lays it out.
import type { Point } from './curves.svelte';
import type { RunRecord } from './run-record';

/** Which way is better: a higher value, a lower one, one closer to 0, or neither (facts such as epochs). */
export type Better = 'higher' | 'lower' | 'closerToZero' | null;

export interface Cell {
  /** null where the run has no such value (a regression run has no accuracy). */
  value: number | string | null;
  /** As the table shows it; "—" for null. */
  text: string;
  best: boolean;
}

export interface MetricRow {
  key: string;
  label: string;
  better: Better;
  /** One per run, in the order the runs were given. */
  cells: Cell[];
}

export interface ComparisonTable {
  runs: { id: string; name: string; status: RunRecord['status'] }[];
  /** Only rows that at least one run has a value for. */
  rows: MetricRow[];
}

const last = (points: Point[]): number | null => (points.length ? points[points.length - 1].y : null);

const fixed = (digits: number) => (v: number) => v.toFixed(digits);
const asPercent = (v: number) => `${(v * 100).toFixed(2)}%`;
const gap = (v: number) => `${v > 0 ? '+' : ''}${v.toFixed(digits(v))}`;
const digits = (v: number) => (Math.abs(v) >= 0.01 || v === 0 ? 3 : 5);

/** "850 ms", "12.3 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

interface RowDef {
  key: string;
  label: string;
  better: Better;
  value: (r: RunRecord) => number | string | null;
  format: (v: number) => string;
}

const classification = (r: RunRecord) => (r.evaluation?.task === 'classification' ? r.evaluation.report : null);
const regression = (r: RunRecord) => (r.evaluation?.task === 'regression' ? r.evaluation.report : null);

const ROWS: RowDef[] = [
  { key: 'testAccuracy', label: 'Test accuracy', better: 'higher', value: (r) => classification(r)?.accuracy ?? null, format: asPercent },
  { key: 'macroF1', label: 'Macro F1 (test)', better: 'higher', value: (r) => classification(r)?.macroAverage.f1 ?? null, format: fixed(3) },
  { key: 'testMse', label: 'Test MSE', better: 'lower', value: (r) => regression(r)?.mse ?? null, format: (v) => v.toPrecision(4) },
  { key: 'testMae', label: 'Test MAE', better: 'lower', value: (r) => regression(r)?.mae ?? null, format: (v) => v.toPrecision(4) },
  { key: 'testR2', label: 'Test R²', better: 'higher', value: (r) => regression(r)?.r2 ?? null, format: fixed(3) },
  { key: 'trainLoss', label: 'Final train loss', better: 'lower', value: (r) => last(r.curves.trainLoss), format: fixed(4) },
  { key: 'validationLoss', label: 'Final validation loss', better: 'lower', value: (r) => last(r.curves.validationLoss), format: fixed(4) },
  { key: 'trainAccuracy', label: 'Final train accuracy', better: 'higher', value: (r) => last(r.curves.trainAccuracy), format: asPercent },
  { key: 'validationAccuracy', label: 'Final validation accuracy', better: 'higher', value: (r) => last(r.curves.validationAccuracy), format: asPercent },
  // The generalization gap: how much better the model does on what it trained on. Near 0 is best; a large
  // positive gap is overfitting. Accuracy in points, loss in loss units.
  {
    key: 'accuracyGap', label: 'Accuracy gap (train − validation)', better: 'closerToZero',
    value: (r) => difference(last(r.curves.trainAccuracy), last(r.curves.validationAccuracy)), format: (v) => `${gap(v * 100)} pts`,
  },
  {
    key: 'lossGap', label: 'Loss gap (validation − train)', better: 'closerToZero',
    value: (r) => difference(last(r.curves.validationLoss), last(r.curves.trainLoss)), format: gap,
  },
  { key: 'epochs', label: 'Epochs trained', better: null, value: (r) => r.epochsTrained, format: (v) => String(Math.round(v * 100) / 100) },
  { key: 'duration', label: 'Duration', better: 'lower', value: (r) => r.durationMs, format: formatDuration },
  { key: 'backend', label: 'Backend', better: null, value: (r) => r.backend?.active ?? null, format: String },
];

/** How good a value is on one scale where larger is better; null for values that cannot be best (NaN, text). */
function goodness(value: number | string | null, better: Better): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || better === null) return null;
  return better === 'higher' ? value : better === 'lower' ? -value : -Math.abs(value);
}

/** Ties count when equal up to floating-point rounding (0.9 − 0.8 against 0.7 − 0.8) or equal as shown: two
 *  cells reading 97.50% must not have only one of them marked. */
function tied(score: number | null, top: number, text: string, topText: string): boolean {
  return score !== null && (top - score <= 1e-9 * Math.max(1, Math.abs(top)) || text === topText);
}

function row(def: RowDef, runs: RunRecord[]): MetricRow {
  const values = runs.map(def.value);
  const text = (v: number | string | null) => (v === null ? '—' : typeof v === 'string' ? v : Number.isFinite(v) ? def.format(v) : String(v));
  const scores = values.map((v) => goodness(v, def.better));
  const ranked = scores.filter((s): s is number => s !== null);
  const top = Math.max(...ranked);
  const topText = text(values[scores.indexOf(top)]);
  return {
    key: def.key, label: def.label, better: def.better,
    cells: values.map((v, i) => ({ value: v, text: text(v), best: ranked.length >= 2 && tied(scores[i], top, text(v), topText) })),
  };
}

/**
 * Final metrics of `runs` side by side. A row is marked only when at least two runs have a comparable value;
 * then every run that is best (ties included, see tied()) is marked. Non-finite values (a diverged loss) show as NaN or
 * Infinity and are never best. Rows no run has a value for are left out.
 */
export function compareRuns(runs: RunRecord[]): ComparisonTable {
  return {
    runs: runs.map((r) => ({ id: r.id, name: r.name, status: r.status })),
    rows: ROWS.map((def) => row(def, runs)).filter((r) => r.cells.some((c) => c.value !== null)),
  };
}
