// The choices a user makes about a table (target, features, task, missing values, outliers) and the fitted
// pipeline that follows from them: plain JSON, recorded in exports, so a new row is encoded later exactly as the
// training rows were.

export type Task = 'classification' | 'regression';
export type MissingStrategy = 'drop' | 'mean' | 'median' | 'mostFrequent';

export interface TableChoice {
  target: string;
  features: string[];
  task: Task;
  /** 'drop' leaves out rows with a missing feature; the others fill it (categories always with the most frequent). */
  missing: MissingStrategy;
  /** Clip numeric features to their training rows' Tukey fences [Q1 − 1.5·IQR, Q3 + 1.5·IQR] before standardizing. */
  clipOutliers: boolean;
}

/** A number or boolean feature: x = (clip(value, or fill when missing) − mean) / std. */
export interface NumericFeature {
  name: string;
  type: 'number' | 'boolean';
  mean: number;
  /** Population std of the filled, clipped training values; 1 where they are all equal (as StandardScaler does). */
  std: number;
  fill: number;
  clip?: [number, number];
  /** Booleans: the file's spellings of false and true, accepted by the predict form. */
  labels?: [string, string];
}

/**
 * A category feature: one input per category of the file (one-hot), so the input width is the file's and not the
 * split's; a missing cell counts as `categories[fill]`. Categories the training rows never had encode as all
 * zeros wherever they occur, as scikit-learn's OneHotEncoder(handle_unknown='ignore') fitted on those rows would.
 */
export interface CategoryFeature {
  name: string;
  type: 'category';
  /** Every category of the column, sorted. */
  categories: string[];
  /** Those the training rows never had: their inputs stay 0. */
  unseen: string[];
  fill: number;
}

export type FeatureEncoding = NumericFeature | CategoryFeature;

export interface Preprocessing {
  target: string;
  task: Task;
  /** Classification: the target's values, sorted (numbers numerically); y is an index into this. Regression: []. */
  classNames: string[];
  /**
   * Regression: mean and population std of the training rows' target. encodeRows returns y in the file's units;
   * standardizing it for training ((y − targetMean) / targetStd) and back for predictions is the caller's choice.
   */
  targetMean?: number;
  targetStd?: number;
  features: FeatureEncoding[];
  missing: MissingStrategy;
  /** Inputs per row once categories are one-hot expanded. */
  inputSize: number;
}
