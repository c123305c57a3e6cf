// What a finished arm explains about its predictions, computed once at the end of training: for image models,
// saliency and SmoothGrad maps of the first few test images (the first of the page's sample grid) for their
// true and predicted classes; for tables and 2D sets, permutation importance on the test set and integrated
// gradients of the first test row, one value per input feature, named.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset';
import { integratedGradients } from '../engine/evaluate/attribution';
import { permutationImportance, type ImportanceResult } from '../engine/evaluate/importance';
import { saliencyMaps, SMOOTHGRAD_DEFAULTS } from '../engine/evaluate/saliency';
import { featureMaps, firstConvFilters, type ConvFilters, type FeatureMaps } from '../engine/evaluate/conv-views';
import type { Trainer } from '../engine/train/trainer';

export const EXPLAINED_IMAGES = 4;
/** Test rows permutation importance scores at most: each feature costs `repeats` passes over them. */
const IMPORTANCE_ROWS = 1000;

export interface SaliencyView {
  count: number;
  width: number;
  height: number;
  /** Per image: the true and the predicted class. */
  trueClasses: Int32Array;
  predicted: Int32Array;
  /** [count, height, width] maps for the true class, then for the predicted class; plain and SmoothGrad. */
  plain: { truth: Float32Array; predicted: Float32Array };
  smooth: { truth: Float32Array; predicted: Float32Array };
  /** CNNs: the first conv layer's filters, and every conv layer's feature maps for the first image. */
  filters: ConvFilters | null;
  featureMaps: FeatureMaps[];
}

export interface FeatureView {
  names: string[];
  importance: ImportanceResult;
  /** Integrated gradients of one test row for its predicted class (or the regression output). */
  attribution: { row: number; target: number; values: Float32Array; output: number; baselineOutput: number };
}

export type Explanations = { kind: 'saliency'; saliency: SaliencyView } | { kind: 'features'; features: FeatureView };

export async function explainArm(trainer: Trainer, dataset: Dataset): Promise<Explanations | null> {
  const { network } = trainer;
  const test = trainer.data.test;
  if (test.count === 0) return null;
  const shape = network.inputShape;
  if (shape.length === 3) {
    if (network.task !== 'classification') return null;
    const count = Math.min(EXPLAINED_IMAGES, test.count);
    const images = tf.slice(test.x, 0, count) as tf.Tensor4D;
    try {
      const predictedTensor = tf.tidy(() => tf.argMax(network.predict(images), 1));
      const predicted = Int32Array.from(await predictedTensor.data());
      predictedTensor.dispose();
      const labels = tf.slice(test.y, 0, count);
      const trueClasses = Int32Array.from(await labels.data());
      labels.dispose();
      const maps = async (classes: Int32Array, smooth: boolean) => saliencyMaps(network, images, Array.from(classes), smooth ? SMOOTHGRAD_DEFAULTS : undefined);
      const [height, width] = shape;
      return { kind: 'saliency', saliency: {
        count, width, height, trueClasses, predicted,
        plain: { truth: await maps(trueClasses, false), predicted: await maps(predicted, false) },
        smooth: { truth: await maps(trueClasses, true), predicted: await maps(predicted, true) },
        filters: await firstConvFilters(network),
        featureMaps: await firstImageMaps(trainer, images),
      } };
    } finally {
      images.dispose();
    }
  }
  const features = shape[0];
  const rows = Math.min(IMPORTANCE_ROWS, test.count);
  const x = (await test.x.data()).slice(0, rows * features) as Float32Array;
  const y = (await test.y.data()).slice(0, rows) as Int32Array | Float32Array;
  const importance = await permutationImportance(network, x, y, rows, { seed: trainer.spec.training.seed });
  const row = x.slice(0, features);
  let target = 0;
  if (network.task === 'classification') {
    const p = tf.tidy(() => tf.argMax(network.predict(tf.tensor2d(row, [1, features])), 1));
    target = (await p.data())[0];
    p.dispose();
  }
  const ig = await integratedGradients(network, row, target);
  const names = dataset.featureNames?.length === features ? dataset.featureNames
    : features === 2 ? ['x₁', 'x₂'] : Array.from({ length: features }, (_, i) => `input ${i + 1}`);
  return { kind: 'features', features: { names, importance, attribution: { row: 0, target, values: ig.attributions, output: ig.output, baselineOutput: ig.baselineOutput } } };
}

async function firstImageMaps(trainer: Trainer, images: tf.Tensor4D): Promise<FeatureMaps[]> {
  const first = tf.slice(images, 0, 1);
  try {
    return await featureMaps(trainer.network, first);
  } finally {
    first.dispose();
  }
}
