// Fits the pipeline on the TRAINING rows only, so nothing about validation or test rows (their means, spreads,
// categories) leaks into how the model sees its inputs: imputation values, clipping fences, standardization,
// the one-hot categories. Checks the choice first and says what to change when it cannot work.
import type { Preprocessing, FeatureEncoding, TableChoice, Task, MissingStrategy } from './preprocessing-types';
import { iqrFences, mean, mostFrequentSorted, presentSorted, quantile, std } from './stats';
import { columnNamed, isMissing, TableError, type CategoryColumn, type Column, type Table } from './types';

const CLASS_LIKE_DISTINCT = 10;

/** Categories and booleans are classes; so are numbers with at most 10 distinct whole values (grades, counts). */
export function inferTask(column: Column): Task {
  if (column.type !== 'number') return 'classification';
  const distinct = new Set<number>();
  for (const v of column.values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return 'regression';
    distinct.add(v);
    if (distinct.size > CLASS_LIKE_DISTINCT) return 'regression';
  }
  return 'classification';
}

/** The target's class names (sorted) and, per row, its class index (-1 when missing). */
export function targetClasses(column: Column, rowCount: number): { classNames: string[]; classOf: Int32Array } {
  const classOf = new Int32Array(rowCount).fill(-1);
  if (column.type === 'category') {
    const used = [...new Set(Array.from(column.codes).filter((c) => c >= 0))].sort((a, b) => a - b);
    const index = new Map(used.map((code, i) => [code, i]));
    column.codes.forEach((code, r) => { if (code >= 0) classOf[r] = index.get(code)!; });
    return { classNames: used.map((code) => column.categories[code]), classOf };
  }
  const values = [...new Set(Array.from(column.values).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  column.values.forEach((v, r) => { if (!Number.isNaN(v)) classOf[r] = index.get(v)!; });
  const names = column.type === 'boolean' ? values.map((v) => column.labels[v]) : values.map(String);
  return { classNames: names, classOf };
}

function checkChoice(table: Table, choice: TableChoice): { target: Column; features: Column[] } {
  const target = columnNamed(table, choice.target);
  const features = choice.features.map((name) => columnNamed(table, name));
  if (choice.features.includes(choice.target)) {
    throw new TableError(`"${choice.target}" is both the target and a feature: the model would be handed the answer. Remove it from the features.`);
  }
  if (features.length === 0) throw new TableError('No feature is left to learn from: choose at least one feature column besides the target.');
  if (Array.from({ length: table.rowCount }).every((_, r) => isMissing(target, r))) {
    throw new TableError(`The target "${choice.target}" has no values (every cell is missing): choose another target column.`);
  }
  if (choice.task === 'regression' && target.type === 'category') {
    throw new TableError(`The target "${choice.target}" holds text (categories), so it cannot be predicted as a number: choose classification, or a numeric target.`);
  }
  if (choice.task === 'classification') checkClasses(table, target);
  return { target, features };
}

function checkClasses(table: Table, target: Column): void {
  const { classNames, classOf } = targetClasses(target, table.rowCount);
  if (classNames.length < 2) {
    throw new TableError(`The target "${target.name}" has a single class ("${classNames[0]}"): there is nothing to tell apart. Choose another target column.`);
  }
  const counts = new Array<number>(classNames.length).fill(0);
  for (const c of classOf) if (c >= 0) counts[c]++;
  const lonely = classNames.filter((_, i) => counts[i] === 1);
  if (lonely.length > 0) {
    throw new TableError(`In the target "${target.name}", the class${lonely.length > 1 ? 'es' : ''} ${lonely.map((n) => `"${n}"`).join(', ')} `
      + `${lonely.length > 1 ? 'have' : 'has'} a single example, which cannot be in both the training and the test rows. `
      + 'Remove that row from the file (or add examples), or choose another target.');
  }
}

/** The rows the pipeline is fitted on: training rows with a target, and (strategy 'drop') every chosen feature. */
function fittingRows(table: Table, target: Column, features: Column[], missing: MissingStrategy, trainRows: Int32Array): Int32Array {
  const rows = Array.from(trainRows).filter((r) => !isMissing(target, r) && (missing !== 'drop' || features.every((f) => !isMissing(f, r))));
  if (rows.length === 0) {
    throw new TableError(missing === 'drop'
      ? 'No training row is left once rows with a missing value are dropped: fill missing values (mean, median or most frequent) instead, or choose other features.'
      : `No training row has a value for the target "${target.name}": choose another target.`);
  }
  return Int32Array.from(rows);
}

function numericFeature(column: Exclude<Column, CategoryColumn>, rows: Int32Array, choice: TableChoice): FeatureEncoding {
  const present = presentSorted(column.values, rows);
  if (present.length === 0) throw new TableError(`The feature "${column.name}" has no values in the training rows: leave it out.`);
  const fill = choice.missing === 'median' ? quantile(present, 0.5) : choice.missing === 'mostFrequent' ? mostFrequentSorted(present) : mean(present);
  const clip = choice.clipOutliers && column.type === 'number' ? iqrFences(present) : undefined;
  // Statistics of the values the model will see: missing ones filled, outliers clipped (as a scikit-learn
  // pipeline imputer → clipper → StandardScaler would fit them).
  const seen = new Float64Array(rows.length);
  rows.forEach((r, k) => {
    const v = Number.isNaN(column.values[r]) ? fill : column.values[r];
    seen[k] = clip ? Math.min(Math.max(v, clip[0]), clip[1]) : v;
  });
  const m = mean(seen);
  const s = std(seen, m);
  return {
    name: column.name, type: column.type, mean: m, std: s > 0 ? s : 1, fill,
    ...(clip ? { clip } : {}), ...(column.type === 'boolean' ? { labels: column.labels } : {}),
  };
}

function categoryFeature(column: CategoryColumn, rows: Int32Array): FeatureEncoding {
  const counts = new Array<number>(column.categories.length).fill(0);
  for (const r of rows) if (column.codes[r] >= 0) counts[column.codes[r]]++;
  const seen = column.categories.filter((_, code) => counts[code] > 0);
  if (seen.length === 0) throw new TableError(`The feature "${column.name}" has no values in the training rows: leave it out.`);
  // Ties go to the first in sorted order, as scikit-learn's most_frequent does.
  const top = counts.indexOf(Math.max(...counts));
  const unseen = column.categories.filter((_, code) => counts[code] === 0);
  return { name: column.name, type: 'category', categories: [...column.categories], unseen, fill: top };
}

export function fitPreprocessing(table: Table, choice: TableChoice, trainRows: Int32Array): Preprocessing {
  const { target, features } = checkChoice(table, choice);
  const rows = fittingRows(table, target, features, choice.missing, trainRows);
  const encodings = features.map((f) => (f.type === 'category' ? categoryFeature(f, rows) : numericFeature(f, rows, choice)));
  const prep: Preprocessing = {
    target: target.name, task: choice.task, classNames: [], features: encodings, missing: choice.missing,
    inputSize: encodings.reduce((n, f) => n + (f.type === 'category' ? f.categories.length : 1), 0),
  };
  if (choice.task === 'classification') prep.classNames = targetClasses(target, table.rowCount).classNames;
  else {
    const y = presentSorted((target as Exclude<Column, CategoryColumn>).values, rows);
    prep.targetMean = mean(y);
    prep.targetStd = std(y, prep.targetMean) || 1;
  }
  return prep;
}
