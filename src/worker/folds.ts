// k-fold cross-validation's result: the chosen validation metric of every fold, its mean and spread.
import type { ExperimentSpec } from '../engine/model/spec';
import type { LossAndAccuracy } from '../engine/train/trainer';
import { datasetInfo } from '../data/catalog';
import type { FoldsSummary } from './protocol';

/**
 * Validation accuracy for classification, validation loss for regression, per fold (its last epoch), with mean
 * and standard deviation (population, numpy's default, as scikit-learn users report `scores.std()`).
 */
export function foldsSummary(results: LossAndAccuracy[], spec: ExperimentSpec): FoldsSummary | null {
  if (results.length === 0) return null;
  const classification = datasetInfo(spec.dataset).task === 'classification';
  const values = results.map((r) => (classification ? r.accuracy ?? NaN : r.loss));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  return { metric: classification ? 'val_accuracy' : 'val_loss', values, mean, std };
}
