// A dataset in memory: typed arrays only, ready for the engine to upload once.
import type { DatasetInfo } from './catalog';

export interface Split {
  /** Examples, row-major [count, ...inputShape]. Points are Float32 in about [-1, 1]; images are bytes 0..255. */
  x: Float32Array | Uint8Array;
  /** Class index per example (Int32Array) for classification, target value (Float32Array) for regression. */
  y: Int32Array | Float32Array;
  count: number;
}

export interface Dataset {
  info: DatasetInfo;
  train: Split;
  test: Split;
  /**
   * How raw examples became these inputs (JSON-safe), for tables and own images: column order, categories, means
   * and standard deviations, or the image size and crop. Exported models carry it, so a new row or image is
   * encoded the same way.
   */
  preprocessing?: InputPipeline;
  /** One name per model input, for a table (its columns, one-hot categories as "column=category"). */
  featureNames?: string[];
}

export type InputPipeline =
  | { kind: 'table'; table: unknown; featureNames: string[] }
  | { kind: 'images'; height: number; width: number; channels: number; crop: 'centre'; classNames: string[] };

/** The first `count` examples of a split (files are stored in a shuffled order, so a prefix is a fair sample). */
export function takeFirst(split: Split, count: number, exampleSize: number): Split {
  const n = Math.min(count, split.count);
  return { x: split.x.subarray(0, n * exampleSize), y: split.y.subarray(0, n), count: n };
}

/**
 * Whether a model's output over the data can be drawn as a plane: exactly two inputs, and one value or two
 * classes (the heatmap shows P(class 1)). A table qualifies when two numeric columns are chosen.
 */
export function hasPlane(dataset: Dataset): boolean {
  const { inputShape, task, classNames } = dataset.info;
  return inputShape.length === 1 && inputShape[0] === 2 && (task === 'regression' || classNames.length === 2);
}

/**
 * Half the side of the plane a 2D view covers: the built-in sets' 1.25, or wider to hold every point (a table's
 * standardized columns spread to ±3 and more), in steps of a quarter.
 */
export function planeExtent(xy: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < xy.length; i++) if (Number.isFinite(xy[i])) largest = Math.max(largest, Math.abs(xy[i]));
  return Math.max(1.25, Math.ceil(largest * 1.1 * 4) / 4);
}
