// The model as the engine computes it: the tf.Sequential built from the spec holds the variables (and is what
// export saves), while forward() below walks its layers with our own ops. Owning the forward pass is what lets
// the training step seed each step's dropout masks, read weights through a precision policy, and swap in
// fused kernels, without touching tfjs-layers' internals.
import * as tf from '@tensorflow/tfjs';
import { datasetInfo } from '../../data/catalog';
import { buildModel } from './build';
import type { Activation, ExperimentSpec, LayerSpec } from './spec';
import { layerNames } from './summary';

/** Keras's BatchNormalization defaults, which tfjs-layers uses too. */
const BN_MOMENTUM = 0.99;
const BN_EPSILON = 1e-3;

export interface ForwardOptions {
  training: boolean;
  /** The dropout mask ([batch, …] of 0 or 1/(1−rate)) for hidden layer `index`; training only. */
  dropoutMask?: (index: number, rate: number, shape: number[]) => tf.Tensor;
  /** How a weight is read for computing: identity for float32, rounded copies under a float16 policy. */
  readWeight?: (weight: tf.Tensor) => tf.Tensor;
  /** Applied to every layer's output: identity for float32, float16 rounding under a float16 policy. */
  castActivation?: (activation: tf.Tensor) => tf.Tensor;
  /** Sees every hidden layer's output (after its activation), e.g. for activation statistics (gradient-stats.ts). */
  onLayer?: (index: number, output: tf.Tensor) => void;
}

interface LayerParams {
  kernel?: tf.Variable;
  bias?: tf.Variable;
  gamma?: tf.Variable;
  beta?: tf.Variable;
  movingMean?: tf.Variable;
  movingVariance?: tf.Variable;
}

const identity = (t: tf.Tensor) => t;

/** Activations tfjs fuses into its matMul and conv2d kernels (the ones tfjs-layers fuses too, plus sigmoid). */
const FUSABLE = new Set<Activation>(['relu', 'elu', 'sigmoid', 'linear']);

/** The activations tfjs cannot fuse, with tfjs-layers' definitions. */
function activate(z: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'tanh': return tf.tanh(z);
    case 'selu': return tf.selu(z);
    case 'swish': return tf.mul(tf.sigmoid(z), z);
    default: throw new Error(`activation ${activation} is fused, not applied separately`);
  }
}

export class Network {
  readonly model: tf.Sequential;
  readonly spec: ExperimentSpec;
  readonly task: 'classification' | 'regression';
  /** Hidden layer names (dense_1, …) then "output", as in the summary. */
  readonly names: string[];
  /** Every trainable variable, in layer order (kernel before bias, gamma before beta). */
  readonly trainable: tf.Variable[];
  /** Every dense and conv2d kernel (the output layer's included), by layer name. */
  readonly kernels: { layer: string; kernel: tf.Variable }[];
  /** Kernels that carry an L1/L2 penalty, with their rates. */
  readonly regularized: { kernel: tf.Variable; l1: number; l2: number }[];
  /** Forward hooks used when a call gives none: the precision policy's float16 casts for inference (precision/policy.ts). */
  castDefaults: Pick<ForwardOptions, 'readWeight' | 'castActivation'> = {};
  readonly #params: LayerParams[];
  readonly #bn = { momentum: tf.scalar(1 - BN_MOMENTUM) };

  constructor(spec: ExperimentSpec) {
    this.spec = spec;
    this.task = datasetInfo(spec.dataset).task;
    this.model = buildModel(spec);
    this.names = [...layerNames(spec.model.layers), 'output'];
    this.#params = this.model.layers.map((layer) => {
      const byName: LayerParams = {};
      for (const w of layer.weights) {
        // tfjs names them kernel, bias, gamma, beta, moving_mean, moving_variance
        const key = w.originalName.split('/').pop()!.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) as keyof LayerParams;
        byName[key] = w.read() as tf.Variable;
      }
      return byName;
    });
    this.trainable = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.kernels = this.#params.flatMap((p, i) => (p.kernel ? [{ layer: this.names[i], kernel: p.kernel }] : []));
    this.regularized = spec.model.layers.flatMap((layer, i) =>
      (layer.type === 'dense' || layer.type === 'conv2d') && (layer.l1 > 0 || layer.l2 > 0)
        ? [{ kernel: this.#params[i].kernel!, l1: layer.l1, l2: layer.l2 }]
        : []);
  }

  /**
   * The trainable variables left when the model layers at `frozen` are frozen (indices into spec.model.layers;
   * spec.model.layers.length is the output layer), as Keras's layer.trainable = false: their weights stay as
   * they are. Refuses an index that is no layer, and a frozen batch normalization (Keras then runs it in
   * inference mode, which this network does not do in training).
   */
  trainableExcept(frozen: readonly number[]): tf.Variable[] {
    if (frozen.length === 0) return this.trainable;
    const layers = this.spec.model.layers;
    for (const index of frozen) {
      if (!Number.isInteger(index) || index < 0 || index > layers.length) {
        throw new Error(`Cannot freeze layer ${index}: the model has layers 0 to ${layers.length - 1} and the output layer ${layers.length}.`);
      }
      if (layers[index]?.type === 'batchNormalization') {
        throw new Error(`Cannot freeze layer ${index} (${this.names[index]}): a frozen batch normalization would have to run in inference mode; freeze the layers around it instead.`);
      }
    }
    const held = new Set(frozen.flatMap((i) => this.model.layers[i].trainableWeights.map((w) => w.read())));
    const left = this.trainable.filter((v) => !held.has(v));
    if (left.length === 0) throw new Error('Every layer with weights is frozen: nothing would train. Leave at least one layer (the output layer, say) trainable.');
    return left;
  }

  /** Logits [batch, classes] for classification, values [batch, 1] for regression: the output layer's pre-activation. */
  forward(x: tf.Tensor, options: ForwardOptions): tf.Tensor {
    const read = options.readWeight ?? this.castDefaults.readWeight ?? identity;
    const cast = options.castActivation ?? this.castDefaults.castActivation ?? identity;
    let h = cast(x);
    this.spec.model.layers.forEach((layer, i) => {
      h = cast(this.#applyHidden(layer, i, h, options, read));
      options.onLayer?.(i, h);
    });
    const out = this.#params[this.#params.length - 1];
    return cast(tf.fused.matMul({ a: h as tf.Tensor2D, b: read(out.kernel!) as tf.Tensor2D, bias: read(out.bias!) }));
  }

  /** Class probabilities (softmax of the logits) or regression values, in inference mode. */
  predict(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const out = this.forward(x, { training: false });
      return this.task === 'classification' ? tf.softmax(out) : out;
    });
  }

  #applyHidden(layer: LayerSpec, i: number, h: tf.Tensor, options: ForwardOptions, read: (w: tf.Tensor) => tf.Tensor): tf.Tensor {
    const p = this.#params[i];
    switch (layer.type) {
      case 'dense': {
        const fused = FUSABLE.has(layer.activation);
        const z = tf.fused.matMul({
          a: h as tf.Tensor2D, b: read(p.kernel!) as tf.Tensor2D, bias: read(p.bias!),
          activation: fused ? (layer.activation as tf.fused.Activation) : 'linear',
        });
        return fused ? z : activate(z, layer.activation);
      }
      case 'conv2d': {
        const fused = FUSABLE.has(layer.activation);
        const z = tf.fused.conv2d({
          x: h as tf.Tensor4D, filter: read(p.kernel!) as tf.Tensor4D, bias: read(p.bias!),
          strides: layer.strides, pad: layer.padding,
          activation: fused ? (layer.activation as tf.fused.Activation) : 'linear',
        });
        return fused ? z : activate(z, layer.activation);
      }
      case 'maxPooling2d':
        return tf.maxPool(h as tf.Tensor4D, layer.poolSize, layer.strides, 'valid');
      case 'averagePooling2d':
        return tf.avgPool(h as tf.Tensor4D, layer.poolSize, layer.strides, 'valid');
      case 'batchNormalization':
        return this.#batchNorm(h, p, options.training, read);
      case 'dropout':
        if (!options.training || layer.rate === 0 || !options.dropoutMask) return h;
        return tf.mul(h, options.dropoutMask(i, layer.rate, h.shape));
      case 'flatten':
        return tf.reshape(h, [h.shape[0], -1]);
    }
  }

  /** Normalises over every axis but the last; in training, with the batch's statistics, moving the averages. */
  #batchNorm(h: tf.Tensor, p: LayerParams, training: boolean, read: (w: tf.Tensor) => tf.Tensor): tf.Tensor {
    const gamma = read(p.gamma!) as tf.Tensor1D;
    const beta = read(p.beta!) as tf.Tensor1D;
    if (!training) {
      return tf.batchNorm(h, p.movingMean!, p.movingVariance!, beta, gamma, BN_EPSILON);
    }
    const axes = h.shape.map((_, k) => k).slice(0, -1);
    const { mean, variance } = tf.moments(h, axes);
    // moving ← moving − (moving − batch)·(1 − momentum), as tfjs-layers does; statistics carry no gradient
    for (const [moving, batch] of [[p.movingMean!, mean], [p.movingVariance!, variance]] as const) {
      moving.assign(tf.sub(moving, tf.mul(tf.sub(moving, batch), this.#bn.momentum)));
    }
    return tf.batchNorm(h, mean, variance, beta, gamma, BN_EPSILON);
  }

  /** Shape of one example, e.g. [2] or [28, 28, 1]. */
  get inputShape(): number[] {
    return datasetInfo(this.spec.dataset).inputShape;
  }

  dispose() {
    this.model.dispose();
    this.#bn.momentum.dispose();
  }
}
