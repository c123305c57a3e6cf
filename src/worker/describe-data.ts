// What the Data panel shows before training: the points, a per-class gallery, or a table's preview and column
// summaries, and the exact examples per class in each split, counted the way a run splits them.
import type { Dataset, Split } from '../data/dataset';
import { makeImbalanced } from '../data/imbalance';
import { galleryIndices } from '../data/own-images/gallery';
import { summarizeTable, duplicateRows, overlappingRows } from '../data/table/summary';
import { inferTask, targetClasses } from '../data/table/preprocess';
import type { Table } from '../data/table/types';
import { validationRange } from '../data/validation-range';
import type { ExperimentSpec } from '../engine/model/spec';
import type { ColumnSchema, SplitCounts, TableSchema, TableView } from './data-protocol';
import type { TableData } from './own-datasets';
import type { SampleImages } from './protocol';

const GALLERY_PER_CLASS = 8;
const PREVIEW_ROWS = 12;
const PLOTTED_ROWS = 3000;

/** Examples per class in fit, validation and test, as uploadDataset would cut them. */
export function splitCounts(dataset: Dataset, spec: Pick<ExperimentSpec, 'dataset' | 'training'>, dropped = 0): SplitCounts {
  const { info } = dataset;
  const regression = info.task === 'regression';
  const size = info.inputShape.reduce((a, b) => a * b, 1);
  const { minorityClass, keep } = spec.dataset.imbalance;
  const train = regression ? dataset.train : makeImbalanced(dataset.train, minorityClass, keep, size);
  const [vStart, vEnd] = validationRange(train.count, spec.training.validationSplit);
  const classes = regression ? 1 : info.classNames.length;
  const count = (split: Split, from: number, to: number) => {
    const out = new Array<number>(classes).fill(0);
    for (let i = from; i < to; i++) out[regression ? 0 : split.y[i]]++;
    return out;
  };
  const fit = count(train, 0, vStart).map((n, c) => n + count(train, vEnd, train.count)[c]);
  return {
    classNames: regression ? ['all'] : info.classNames,
    train: fit, validation: count(train, vStart, vEnd), test: count(dataset.test, 0, dataset.test.count), dropped,
  };
}

/** Up to GALLERY_PER_CLASS training images of each class, class by class. */
export function gallery(dataset: Dataset, invert: boolean): SampleImages {
  const [height, width, channels] = dataset.info.inputShape;
  const size = height * width * channels;
  const picked = galleryIndices(dataset.train.y, dataset.info.classNames.length, GALLERY_PER_CLASS).flat();
  const pixels = new Uint8Array(picked.length * size);
  picked.forEach((row, i) => pixels.set(dataset.train.x.subarray(row * size, (row + 1) * size) as Uint8Array, i * size));
  return { pixels, labels: Int32Array.from(picked, (row) => dataset.train.y[row]), count: picked.length, width, height, channels, invert };
}

const cell = (table: Table, column: number, row: number): string => {
  const c = table.columns[column];
  if (c.type === 'category') return c.codes[row] < 0 ? '' : c.categories[c.codes[row]];
  const v = c.values[row];
  if (Number.isNaN(v)) return '';
  return c.type === 'boolean' ? c.labels[v] : String(v);
};

/** A column's classes as a target, when it has few enough distinct values to be classes at all. */
function classesIfFew(column: Table['columns'][number], rowCount: number): string[] {
  if (column.type === 'number' && inferTask(column) === 'regression') {
    const distinct = new Set(column.values);
    distinct.delete(NaN);
    if (distinct.size > MAX_CLASSES) return [];
  }
  const { classNames } = targetClasses(column, rowCount);
  return classNames.length <= MAX_CLASSES ? classNames : [];
}
const MAX_CLASSES = 100;

export function tableSchema(table: Table): TableSchema {
  const summaries = summarizeTable(table);
  const columns: ColumnSchema[] = table.columns.map((c, i) => {
    const task = inferTask(c);
    return {
      name: c.name, type: c.type, categories: c.type === 'category' ? [...c.categories] : [], usableAsFeature: summaries[i].usableAsFeature,
      task, classNames: task === 'classification' || c.type === 'number' ? classesIfFew(c, table.rowCount) : [], width: c.type === 'category' ? c.categories.length : 1,
    };
  });
  return { fileName: table.fileName, rowCount: table.rowCount, columns, warnings: [...table.warnings] };
}

/** The table's preview, summaries, quality counts and plottable columns, for the split `data` was cut with. */
export function tableView(table: Table, data: TableData, target: string): TableView {
  const headers = table.columns.map((c) => c.name);
  const rows = Array.from({ length: Math.min(PREVIEW_ROWS, table.rowCount) }, (_, r) => headers.map((__, c) => cell(table, c, r)));
  const step = Math.max(1, Math.ceil(table.rowCount / PLOTTED_ROWS));
  const plotted = Array.from({ length: Math.ceil(table.rowCount / step) }, (_, i) => i * step);
  const numeric = table.columns.filter((c) => c.type === 'number')
    .map((c) => ({ name: c.name, values: Float32Array.from(plotted, (r) => (c as { values: Float64Array }).values[r]) }));
  const targetColumn = table.columns.find((c) => c.name === target);
  const labels = Float32Array.from(plotted, (r) => {
    if (!targetColumn) return NaN;
    if (targetColumn.type === 'category') {
      const code = targetColumn.codes[r];
      return code < 0 ? NaN : data.preprocessing.classNames.indexOf(targetColumn.categories[code]);
    }
    const v = targetColumn.values[r];
    if (data.preprocessing.task === 'regression' || Number.isNaN(v)) return v;
    return data.preprocessing.classNames.indexOf(targetColumn.type === 'boolean' ? targetColumn.labels[v] : String(v));
  });
  return {
    schema: tableSchema(table), summaries: summarizeTable(table), preview: { headers, rows },
    duplicates: duplicateRows(table), overlap: overlappingRows(table, data.rows.train, data.rows.test), numeric, labels,
  };
}
