// spec → tf.LayersModel. Standard tfjs layers only, so predict(), save() and export give a model that stock
// tfjs loads; the training step (train-step.ts) walks these layers itself to seed dropout and apply policies.
import * as tf from '@tensorflow/tfjs';
import { datasetInfo } from '../../data/catalog';
import { Random } from '../../data/random';
import type { ExperimentSpec, KernelInitializer, LayerSpec } from './spec';
import { layerNames, outputUnits } from './summary';

/** tfjs calls our "swish" activation by that name too; all our names are tfjs activation identifiers. */
type TfActivation = Parameters<typeof tf.layers.dense>[0]['activation'];

function kernelRegularizer(layer: { l1: number; l2: number }) {
  return layer.l1 > 0 || layer.l2 > 0 ? tf.regularizers.l1l2({ l1: layer.l1, l2: layer.l2 }) : undefined;
}

/**
 * The standard deviation of a standard normal cut at ±2. Keras divides its normal variance-scaling σ by it so
 * the truncated samples have σ = √(scale / fan); tfjs 4.22 does not (its heNormal samples are 12% narrower),
 * so the scale given to tfjs is corrected by its square.
 */
const TRUNCATED_STDDEV = 0.87962566103423978;
const kerasNormal = (scale: number, mode: 'fanIn' | 'fanAvg', seed: number) =>
  tf.initializers.varianceScaling({ scale: scale / TRUNCATED_STDDEV ** 2, mode, distribution: 'normal', seed });

/** The layer's kernel initializer, by its Keras name and with Keras's statistics, seeded. */
export function kernelInitializer(layer: { kernelInitializer: KernelInitializer; initStddev: number }, seed: number) {
  const i = tf.initializers;
  switch (layer.kernelInitializer) {
    case 'glorotUniform': return i.glorotUniform({ seed });
    case 'glorotNormal': return kerasNormal(1, 'fanAvg', seed);
    case 'heNormal': return kerasNormal(2, 'fanIn', seed);
    case 'heUniform': return i.heUniform({ seed });
    case 'lecunNormal': return kerasNormal(1, 'fanIn', seed);
    case 'randomNormal': return i.randomNormal({ mean: 0, stddev: layer.initStddev, seed });
    case 'zeros': return i.zeros();
  }
}

function tfLayer(layer: LayerSpec, name: string, seed: number, inputShape?: number[]): tf.layers.Layer {
  const common = { name, inputShape };
  switch (layer.type) {
    case 'dense':
      return tf.layers.dense({
        ...common, units: layer.units, activation: layer.activation as TfActivation,
        kernelInitializer: kernelInitializer(layer, seed), kernelRegularizer: kernelRegularizer(layer),
      });
    case 'conv2d':
      return tf.layers.conv2d({
        ...common, filters: layer.filters, kernelSize: layer.kernelSize, strides: layer.strides, padding: layer.padding,
        activation: layer.activation as TfActivation,
        kernelInitializer: kernelInitializer(layer, seed), kernelRegularizer: kernelRegularizer(layer),
      });
    case 'maxPooling2d':
      return tf.layers.maxPooling2d({ ...common, poolSize: layer.poolSize, strides: layer.strides });
    case 'averagePooling2d':
      return tf.layers.averagePooling2d({ ...common, poolSize: layer.poolSize, strides: layer.strides });
    case 'batchNormalization':
      return tf.layers.batchNormalization({ ...common });
    case 'dropout':
      return tf.layers.dropout({ ...common, rate: layer.rate });
    case 'flatten':
      return tf.layers.flatten({ ...common });
  }
}

/**
 * A layer's initialiser seed, from the run's seed and the layer's name: dense_1 starts from the same weights
 * whether or not a dropout layer was added before dense_2, so a run with a technique and one without it start
 * alike. (FNV-1a over the name, mixed with the seed by the project's generator.)
 */
export function layerSeed(seed: number, name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return new Random((seed ^ h) >>> 0).fork();
}

/**
 * Builds the model the spec describes: its hidden layers, then a dense output layer with softmax over the
 * classes (or one linear unit for regression). Kernels are initialised from the spec's seed, so the same spec
 * gives bit-identical initial weights.
 */
export function buildModel(spec: ExperimentSpec): tf.Sequential {
  const info = datasetInfo(spec.dataset);
  const names = layerNames(spec.model.layers);
  const seed = (name: string) => layerSeed(spec.training.seed, name);
  const model = tf.sequential({ name: 'sandbox' });
  spec.model.layers.forEach((layer, i) => {
    model.add(tfLayer(layer, names[i], seed(names[i]), i === 0 ? info.inputShape : undefined));
  });
  model.add(tf.layers.dense({
    name: 'output',
    units: outputUnits(info),
    activation: info.task === 'regression' ? 'linear' : 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed: seed('output') }),
    inputShape: spec.model.layers.length === 0 ? info.inputShape : undefined,
  }));
  return model;
}
