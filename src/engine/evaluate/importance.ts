// Permutation importance (Breiman 2001; scikit-learn's permutation_importance): the model's score on the test
// set, then again with one feature's column shuffled across rows (breaking its link to the label while keeping
// its distribution), `repeats` times per feature; a feature's importance is the mean drop in score, ± the
// standard deviation over repeats (population, ddof = 0, as scikit-learn). The score is accuracy for
// classification and R² for regression (scikit-learn's estimator.score). Shuffles come from a seeded generator.
import * as tf from '@tensorflow/tfjs';
import { Random, permutation } from '../../data/random';
import type { Network } from '../model/network';

export interface FeatureImportance {
  feature: number;
  mean: number;
  std: number;
  /** The drop of each repeat. */
  drops: number[];
}

export interface ImportanceResult {
  /** The score on the unshuffled rows. */
  baseline: number;
  metric: 'accuracy' | 'r2';
  features: FeatureImportance[];
}

/** `x`: rows [count, features] row-major (as the network takes them); `y`: labels or targets. */
export async function permutationImportance(network: Network, x: Float32Array, y: Int32Array | Float32Array, count: number,
  { repeats = 5, seed = 0x1e5 }: { repeats?: number; seed?: number } = {}): Promise<ImportanceResult> {
  if (count < 2) throw new Error('Permutation importance needs at least two test rows to shuffle.');
  const features = x.length / count;
  if (!Number.isInteger(features)) throw new Error(`${x.length} values do not make ${count} rows of equal width.`);
  if (network.inputShape.length !== 1) throw new Error('Permutation importance shuffles table columns: this model takes images; use saliency instead.');
  const metric = network.task === 'classification' ? 'accuracy' : 'r2';
  const score = async (rows: Float32Array) => scoreOf(network, rows, y, count, features, metric);
  const baseline = await score(x);
  const random = new Random(seed);
  const result: FeatureImportance[] = [];
  for (let j = 0; j < features; j++) {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const order = permutation(count, random);
      const shuffled = x.slice();
      for (let i = 0; i < count; i++) shuffled[i * features + j] = x[order[i] * features + j];
      drops.push(baseline - (await score(shuffled)));
    }
    const mean = drops.reduce((a, b) => a + b, 0) / repeats;
    const std = Math.sqrt(drops.reduce((a, d) => a + (d - mean) ** 2, 0) / repeats);
    result.push({ feature: j, mean, std, drops });
  }
  return { baseline, metric, features: result };
}

async function scoreOf(network: Network, rows: Float32Array, y: Int32Array | Float32Array, count: number, features: number, metric: 'accuracy' | 'r2'): Promise<number> {
  const out = tf.tidy(() => {
    const p = network.predict(tf.tensor2d(rows, [count, features]));
    return metric === 'accuracy' ? tf.argMax(p, 1) : tf.reshape(p, [-1]);
  });
  const values = await out.data();
  out.dispose();
  if (metric === 'accuracy') {
    let correct = 0;
    for (let i = 0; i < count; i++) if (values[i] === y[i]) correct++;
    return correct / count;
  }
  let mean = 0;
  for (let i = 0; i < count; i++) mean += y[i] / count;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    residual += (y[i] - values[i]) ** 2;
    total += (y[i] - mean) ** 2;
  }
  return total > 0 ? 1 - residual / total : 0;
}
