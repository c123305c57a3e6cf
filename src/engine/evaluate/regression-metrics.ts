// Regression metrics on predictions already read back from the model. Pure TypeScript on typed arrays, no tfjs.
// Re-exported by metrics.ts, which callers import; kept apart so each file stays small.

export interface RegressionReport {
  count: number;
  mse: number;
  mae: number;
  /** Coefficient of determination, or null when the targets are constant (see r2UndefinedReason). */
  r2: number | null;
  r2UndefinedReason: string | null;
}

/** Throws unless targets and predictions are equally long, non-empty and finite. */
function checkRegression(targets: Float32Array, predictions: Float32Array): void {
  if (targets.length !== predictions.length) {
    throw new Error(
      `metrics: targets has ${targets.length} entries but predictions has ${predictions.length};` +
        ' give one prediction per target.',
    );
  }
  if (targets.length === 0) throw new Error('metrics: no examples; give at least one target and prediction.');
  for (let i = 0; i < targets.length; i++) {
    if (!Number.isFinite(targets[i]) || !Number.isFinite(predictions[i])) {
      const pair = `target ${targets[i]} and prediction ${predictions[i]}`;
      throw new Error(`metrics: example ${i} has ${pair}; both must be finite numbers.`);
    }
  }
}

/** MSE = (1/n) Σ (y_i − ŷ_i)². */
export function meanSquaredError(targets: Float32Array, predictions: Float32Array): number {
  checkRegression(targets, predictions);
  let sum = 0;
  for (let i = 0; i < targets.length; i++) sum += (targets[i] - predictions[i]) ** 2;
  return sum / targets.length;
}

/** MAE = (1/n) Σ |y_i − ŷ_i|. */
export function meanAbsoluteError(targets: Float32Array, predictions: Float32Array): number {
  checkRegression(targets, predictions);
  let sum = 0;
  for (let i = 0; i < targets.length; i++) sum += Math.abs(targets[i] - predictions[i]);
  return sum / targets.length;
}

/** R² = 1 − Σ (y_i − ŷ_i)² / Σ (y_i − ȳ)²; null when the targets are constant (the denominator is 0). */
export function rSquared(targets: Float32Array, predictions: Float32Array): number | null {
  checkRegression(targets, predictions);
  let mean = 0;
  for (let i = 0; i < targets.length; i++) mean += targets[i];
  mean /= targets.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < targets.length; i++) {
    residual += (targets[i] - predictions[i]) ** 2;
    total += (targets[i] - mean) ** 2;
  }
  return total === 0 ? null : 1 - residual / total;
}

const CONSTANT_TARGETS = 'R² is undefined: every target has the same value, so there is no variance to explain.';

/** MSE, MAE and R² in one serialisable object. */
export function regressionReport(targets: Float32Array, predictions: Float32Array): RegressionReport {
  const r2 = rSquared(targets, predictions);
  return {
    count: targets.length,
    mse: meanSquaredError(targets, predictions),
    mae: meanAbsoluteError(targets, predictions),
    r2,
    r2UndefinedReason: r2 === null ? CONSTANT_TARGETS : null,
  };
}
