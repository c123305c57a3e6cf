// What the data view shows about a table before training: per column its type, missing cells, min/mean/max/std
// or category counts, outlier counts by two rules, whether it makes a sensible feature; and duplicate rows,
// overall and between the training and test rows.
import { iqrFences, mean, presentSorted, std } from './stats';
import type { Column, ColumnType, Table } from './types';

export interface ColumnSummary {
  name: string;
  type: ColumnType;
  missing: number;
  min?: number;
  mean?: number;
  max?: number;
  std?: number;
  /** Categories and booleans: each value with its count, most frequent first. */
  categories?: { value: string; count: number }[];
  /** Numbers: cells with |z| > 3 (z from this column's mean and population std). */
  outliersZ?: number;
  /** Numbers: cells outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR]. */
  outliersIqr?: number;
  /** False for an id-like or free-text category column (too many distinct values) and for a constant column. */
  usableAsFeature: boolean;
  /** Why not, in words, when usableAsFeature is false. */
  reason?: string;
}

export function summarizeTable(table: Table): ColumnSummary[] {
  return table.columns.map((c) => (c.type === 'number' ? numberSummary(c.name, c.values, table.rowCount) : countSummary(c, table.rowCount)));
}

function numberSummary(name: string, values: Float64Array, rowCount: number): ColumnSummary {
  const sorted = presentSorted(values);
  const m = mean(sorted);
  const s = std(sorted, m);
  const [low, high] = iqrFences(sorted);
  let outliersZ = 0;
  let outliersIqr = 0;
  for (const v of sorted) {
    if (s > 0 && Math.abs(v - m) / s > 3) outliersZ++;
    if (v < low || v > high) outliersIqr++;
  }
  const constant = sorted[0] === sorted[sorted.length - 1];
  return {
    name, type: 'number', missing: rowCount - sorted.length,
    min: sorted[0], mean: m, max: sorted[sorted.length - 1], std: s, outliersZ, outliersIqr,
    usableAsFeature: !constant, ...(constant ? { reason: 'every value is the same' } : {}),
  };
}

function countSummary(c: Exclude<Column, { type: 'number' }>, rowCount: number): ColumnSummary {
  const names = c.type === 'category' ? c.categories : c.labels;
  const counts = new Array<number>(names.length).fill(0);
  let missing = 0;
  for (let i = 0; i < rowCount; i++) {
    const code = c.type === 'category' ? c.codes[i] : c.values[i];
    if (code >= 0) counts[code]++;
    else missing++;
  }
  const categories = names.map((value, i) => ({ value, count: counts[i] })).filter((e) => e.count > 0)
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const reason = c.type === 'category' && c.manyDistinct ? `${categories.length} distinct values: an id or free text, not a category`
    : categories.length < 2 ? 'every value is the same' : undefined;
  return { name: c.name, type: c.type, missing, categories, usableAsFeature: !reason, ...(reason ? { reason } : {}) };
}

/** One string per row holding every cell, so equal rows give equal keys (missing cells are equal to each other). */
function rowKeys(table: Table): string[] {
  const keys = new Array<string>(table.rowCount).fill('');
  for (const c of table.columns) {
    for (let i = 0; i < table.rowCount; i++) keys[i] += `${c.type === 'category' ? c.codes[i] : c.values[i]}\u0001`;
  }
  return keys;
}

/** Rows identical, in every column, to an earlier row. */
export function duplicateRows(table: Table): number {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const key of rowKeys(table)) {
    if (seen.has(key)) duplicates++;
    else seen.add(key);
  }
  return duplicates;
}

/** Test rows identical, in every column, to some training row: the test then measures memory, not generalization. */
export function overlappingRows(table: Table, train: Int32Array, test: Int32Array): number {
  const keys = rowKeys(table);
  const trainKeys = new Set<string>();
  for (const r of train) trainKeys.add(keys[r]);
  let overlap = 0;
  for (const r of test) if (trainKeys.has(keys[r])) overlap++;
  return overlap;
}
