// Applies a fitted pipeline: table rows to model inputs and targets (training, validation, test alike, with the
// training rows' statistics), and one typed-in record to inputs for the predict form.
import { booleanWord, isMissingText, parseNumber, quoteCell } from './cells';
import { targetClasses } from './fit-preprocessing';
import type { CategoryFeature, NumericFeature, Preprocessing } from './preprocessing-types';
import { columnNamed, TableError, type Column, type Table } from './types';

function scaled(f: NumericFeature, value: number): number {
  let v = Number.isNaN(value) ? f.fill : value;
  if (f.clip) v = Math.min(Math.max(v, f.clip[0]), f.clip[1]);
  return (v - f.mean) / f.std;
}

/** Writes one category as one-hot at x[at..]; a category the training rows never had stays all zeros. */
function oneHot(x: Float32Array, at: number, index: number): void {
  if (index >= 0) x[at + index] = 1;
}

export function encodeRows(prep: Preprocessing, table: Table, rows: Int32Array):
  { x: Float32Array; y: Int32Array | Float32Array; count: number; dropped: number } {
  const target = columnNamed(table, prep.target);
  const columns = prep.features.map((f) => columnNamed(table, f.name));
  // Per category feature: table code → index among the training categories (-1: not seen in training).
  const lookups = prep.features.map((f, j) => {
    const c = columns[j];
    if (f.type !== 'category' || c.type !== 'category') return null;
    const index = new Map(f.categories.map((name, i) => [name, i]));
    return Int32Array.from(c.categories, (name) => (f.unseen.includes(name) ? -1 : index.get(name) ?? -1));
  });
  const classOf = prep.task === 'classification' ? classIndex(prep, target, table.rowCount) : null;
  const targetValues = target.type === 'category' ? null : target.values;
  const x = new Float32Array(rows.length * prep.inputSize);
  const y = classOf ? new Int32Array(rows.length) : new Float32Array(rows.length);
  let count = 0;
  for (const r of rows) {
    const label = classOf ? classOf[r] : targetValues![r];
    if (classOf ? label < 0 : Number.isNaN(label)) continue;
    if (prep.missing === 'drop' && columns.some((c) => (c.type === 'category' ? c.codes[r] < 0 : Number.isNaN(c.values[r])))) continue;
    let at = count * prep.inputSize;
    prep.features.forEach((f, j) => {
      const c = columns[j];
      if (f.type === 'category') {
        const code = (c as Extract<Column, { type: 'category' }>).codes[r];
        oneHot(x, at, code < 0 ? f.fill : lookups[j]![code]);
        at += f.categories.length;
      } else {
        x[at++] = scaled(f, (c as Exclude<Column, { type: 'category' }>).values[r]);
      }
    });
    y[count++] = label;
  }
  return { x: x.subarray(0, count * prep.inputSize), y: y.subarray(0, count), count, dropped: rows.length - count };
}

/** Per row, the index into prep.classNames (-1 for a missing target or a class the pipeline does not know). */
function classIndex(prep: Preprocessing, target: Column, rowCount: number): Int32Array {
  const { classNames, classOf } = targetClasses(target, rowCount);
  const index = new Map(prep.classNames.map((n, i) => [n, i]));
  const remap = classNames.map((n) => index.get(n) ?? -1);
  return classOf.map((c) => (c < 0 ? -1 : remap[c]));
}

/** The inputs for one record typed into the predict form (values as text, keyed by feature name). */
export function encodeRecord(prep: Preprocessing, record: Record<string, string>): Float32Array {
  const x = new Float32Array(prep.inputSize);
  let at = 0;
  for (const f of prep.features) {
    const cell = (record[f.name] ?? '').trim();
    const missing = isMissingText(cell);
    if (missing && prep.missing === 'drop') {
      throw new TableError(`"${f.name}" has no value, and the model was trained leaving out rows with missing values: fill it in.`);
    }
    if (f.type === 'category') {
      oneHot(x, at, missing ? f.fill : categoryIndex(f, cell));
      at += f.categories.length;
    } else {
      x[at++] = scaled(f, missing ? NaN : recordNumber(f, cell));
    }
  }
  return x;
}

function categoryIndex(f: CategoryFeature, cell: string): number {
  const index = f.unseen.includes(cell) ? -1 : f.categories.indexOf(cell);
  if (index < 0) {
    const known = f.categories.filter((c) => !f.unseen.includes(c));
    throw new TableError(`${quoteCell(cell)} is not a value of "${f.name}" seen in training; use one of ${known.slice(0, 20).map((c) => quoteCell(c)).join(', ')}${known.length > 20 ? ', ...' : ''}.`);
  }
  return index;
}

function recordNumber(f: NumericFeature, cell: string): number {
  const n = parseNumber(cell, true);
  if (f.type === 'boolean') {
    const lower = cell.toLowerCase();
    const v = n === 0 || n === 1 ? n : f.labels && lower === f.labels[0].toLowerCase() ? 0 : f.labels && lower === f.labels[1].toLowerCase() ? 1 : booleanWord(cell);
    if (Number.isNaN(v)) throw new TableError(`${quoteCell(cell)} is not a value of "${f.name}": use ${f.labels ? `"${f.labels[0]}" or "${f.labels[1]}"` : '0 or 1'}.`);
    return v;
  }
  if (Number.isNaN(n)) throw new TableError(`${quoteCell(cell)} is not a number, and "${f.name}" needs one (for example 3.5).`);
  return n;
}

/** One name per model input: the column's name, or "column=category" for each one-hot input. */
export function featureNames(prep: Preprocessing): string[] {
  return prep.features.flatMap((f) => (f.type === 'category' ? f.categories.map((c) => `${f.name}=${c}`) : [f.name]));
}
