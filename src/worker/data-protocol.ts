// Messages to and from the data worker, which reads, parses and describes datasets for the Data panel without
// holding up the training worker. Plain data and typed arrays only.
import type { ImageFailure } from '../data/own-images/types';
import type { ColumnSummary } from '../data/table/summary';
import type { ColumnType } from '../data/table/types';
import type { Task } from '../data/catalog';
import type { DatasetSpec } from '../engine/model/spec';
import type { PointsView, SampleImages } from './protocol';

export type DataCommand =
  /** Describe the data a dataset spec names, split as a run with `seed` and `validationSplit` would split it. */
  | { type: 'describe'; id: number; dataset: DatasetSpec; seed: number; validationSplit: number; datasetsUrl: string }
  /** Parse a table (own, just stored, or bundled) and return its columns: what choosing target and features needs. */
  | { type: 'inspectTable'; id: number; name: string; datasetsUrl: string }
  /** Decode an own image set just stored, to count what decodes (and list what does not). */
  | { type: 'inspectImages'; id: number; name: string }
  /** Own data under this name changed or went: drop what is cached of it. */
  | { type: 'forget'; name: string };

/** A column as choosing it needs: every category, so the input width of any choice can be counted. */
export interface ColumnSchema {
  name: string;
  type: ColumnType;
  categories: string[];
  usableAsFeature: boolean;
  /** The task this column would give as the target, and then its classes (sorted, as the preprocessing names them). */
  task: Task;
  classNames: string[];
  /** Inputs it takes as a feature: 1, or one per category when one-hot encoded. */
  width: number;
}

export interface TableSchema {
  fileName: string;
  rowCount: number;
  columns: ColumnSchema[];
  warnings: string[];
}

/** Examples per class in each split, exactly as a run would have them; one entry ("all") for regression. */
export interface SplitCounts {
  classNames: string[];
  train: number[];
  validation: number[];
  test: number[];
  /** Rows left out for a missing value (tables). */
  dropped: number;
}

export interface TableView {
  schema: TableSchema;
  summaries: ColumnSummary[];
  /** The first rows as text, for the preview. */
  preview: { headers: string[]; rows: string[][] };
  duplicates: number;
  /** Test rows identical to a training row. */
  overlap: number;
  /** Numeric columns' values (up to a few thousand rows) for plotting one against another. */
  numeric: { name: string; values: Float32Array }[];
  /** The class (or target value) of those same rows. */
  labels: Float32Array;
}

export type DataDescription =
  | { kind: 'points'; points: PointsView; counts: SplitCounts }
  | { kind: 'images'; gallery: SampleImages; counts: SplitCounts; failures: ImageFailure[] }
  | { kind: 'table'; table: TableView; counts: SplitCounts; points?: PointsView };

export type DataEvent =
  | { type: 'progress'; id: number; done: number; total: number; what: string }
  | { type: 'described'; id: number; description: DataDescription }
  | { type: 'inspected'; id: number; schema: TableSchema }
  | { type: 'imagesInspected'; id: number; classNames: string[]; count: number; failures: ImageFailure[] }
  | { type: 'failed'; id: number; message: string };
