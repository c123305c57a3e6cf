// What a finished arm explains about its predictions: for image models, saliency and SmoothGrad maps of test
// images (at the end, the first few of the page's sample grid; later, the one the page picks) for their true and
// predicted classes; for tables and 2D sets, permutation importance on the test set and integrated gradients of
// one test row (the first at the end, later the one the page picks), one value per input feature, named.
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
  /** Which test images the maps are of (indices into the test set, and so into the page's sample grid). */
  indices: Int32Array;
  width: number;
  height: number;
  /** Per image: the true and the predicted class. */
  trueClasses: Int32Array;
  predicted: Int32Array;
  /** [count, height, width] maps for the true class, then for the predicted class; plain and SmoothGrad. */
  plain: { truth: Float32Array; predicted: Float32Array };
  smooth: { truth: Float32Array; predicted: Float32Array };
  /** CNNs: the first conv layer's filters, and every conv layer's feature maps for the first image shown. */
  filters: ConvFilters | null;
  featureMaps: FeatureMaps[];
}

/** Integrated gradients of one test row for its predicted class (or the regression output). */
export interface RowAttribution {
  row: number;
  /** The row's inputs as the model sees them (tables: standardized, one-hot), and its label. */
  input: Float32Array;
  truth: number;
  target: number;
  values: Float32Array;
  output: number;
  baselineOutput: number;
}

export interface FeatureView {
  names: string[];
  importance: ImportanceResult;
  attribution: RowAttribution;
}

export type Explanations = { kind: 'saliency'; saliency: SaliencyView } | { kind: 'features'; features: FeatureView };

/** The explanations an arm sends when it ends: the first test images, or importance and the first test row. */
export async function explainArm(trainer: Trainer, dataset: Dataset): Promise<Explanations | null> {
  const { network } = trainer;
  const test = trainer.data.test;
  if (test.count === 0) return null;
  if (network.inputShape.length === 3) {
    if (network.task !== 'classification') return null;
    const count = Math.min(EXPLAINED_IMAGES, test.count);
    return { kind: 'saliency', saliency: await explainImages(trainer, Array.from({ length: count }, (_, i) => i)) };
  }
  const features = network.inputShape[0];
  const rows = Math.min(IMPORTANCE_ROWS, test.count);
  const x = (await test.x.data()).slice(0, rows * features) as Float32Array;
  const y = (await test.y.data()).slice(0, rows) as Int32Array | Float32Array;
  const importance = await permutationImportance(network, x, y, rows, { seed: trainer.spec.training.seed });
  const names = dataset.featureNames?.length === features ? dataset.featureNames
    : features === 2 ? ['x₁', 'x₂'] : Array.from({ length: features }, (_, i) => `input ${i + 1}`);
  return { kind: 'features', features: { names, importance, attribution: await explainRow(trainer, 0) } };
}

function checkIndex(what: string, index: number, count: number) {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`There is no test ${what} ${index}: pick one from 0 to ${count - 1}.`);
  }
}

/** Saliency (plain and SmoothGrad, true and predicted class) of the test images at `indices`. */
export async function explainImages(trainer: Trainer, indices: number[]): Promise<SaliencyView> {
  const { network } = trainer;
  const test = trainer.data.test;
  if (network.inputShape.length !== 3 || network.task !== 'classification') throw new Error('Saliency explains image classifiers only.');
  if (indices.length === 0) throw new RangeError('Pick at least one test image to explain.');
  for (const i of indices) checkIndex('image', i, test.count);
  const images = tf.tidy(() => tf.gather(test.x, indices)) as tf.Tensor4D;
  try {
    const predictedTensor = tf.tidy(() => tf.argMax(network.predict(images), 1));
    const predicted = Int32Array.from(await predictedTensor.data());
    predictedTensor.dispose();
    const labels = tf.gather(test.y, indices);
    const trueClasses = Int32Array.from(await labels.data());
    labels.dispose();
    const maps = async (classes: Int32Array, smooth: boolean) => saliencyMaps(network, images, Array.from(classes), smooth ? SMOOTHGRAD_DEFAULTS : undefined);
    const [height, width] = network.inputShape;
    return {
      count: indices.length, indices: Int32Array.from(indices), width, height, trueClasses, predicted,
      plain: { truth: await maps(trueClasses, false), predicted: await maps(predicted, false) },
      smooth: { truth: await maps(trueClasses, true), predicted: await maps(predicted, true) },
      filters: await firstConvFilters(network),
      featureMaps: await firstImageMaps(trainer, images),
    };
  } finally {
    images.dispose();
  }
}

/** Integrated gradients of test row `row`, for the class the model predicts for it (or the regression output). */
export async function explainRow(trainer: Trainer, row: number): Promise<RowAttribution> {
  const { network } = trainer;
  const test = trainer.data.test;
  if (network.inputShape.length !== 1) throw new Error('Attributions per feature explain tables and 2D sets only.');
  checkIndex('row', row, test.count);
  const features = network.inputShape[0];
  const [xRow, yRow] = tf.tidy(() => [tf.slice(test.x, [row, 0], [1, features]), tf.slice(test.y, [row], [1])]);
  const input = (await xRow.data()) as Float32Array;
  const truth = (await yRow.data())[0];
  yRow.dispose();
  let target = 0;
  if (network.task === 'classification') {
    const p = tf.tidy(() => tf.argMax(network.predict(xRow), 1));
    target = (await p.data())[0];
    p.dispose();
  }
  xRow.dispose();
  const ig = await integratedGradients(network, input, target);
  return { row, input, truth, target, values: ig.attributions, output: ig.output, baselineOutput: ig.baselineOutput };
}

async function firstImageMaps(trainer: Trainer, images: tf.Tensor4D): Promise<FeatureMaps[]> {
  const first = tf.slice(images, 0, 1);
  try {
    return await featureMaps(trainer.network, first);
  } finally {
    first.dispose();
  }
}
