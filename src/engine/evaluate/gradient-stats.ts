// What the gradients and activations look like while training, measured on one fixed probe batch (the first
// PROBE_SIZE fitted examples) every so often rather than on every step, so training pays for one extra forward
// and backward pass per read, not one per step. Per kernel: the L2 norm of the data loss's gradient and the count
// of non-finite entries; per hidden dense/conv2d layer: the mean and standard deviation of its output, the share
// of dead ReLU units (zero for every probe example) and the share of saturated sigmoid/tanh outputs. The probe
// runs in inference mode (no dropout, batch norm on its moving statistics), so reading it changes nothing.
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../model/spec';
import type { Network } from '../model/network';

export const PROBE_SIZE = 64;
/**
 * A sigmoid output closer than this to 0 or 1 counts as saturated (its derivative σ(1−σ) is then below 0.02);
 * tanh = 2σ(2z) − 1, so a tanh output counts when |a| > 1 − 2·SATURATION.
 */
export const SATURATION = 0.02;

export interface LayerGradientStats {
  layer: string;
  /** ‖∂loss/∂kernel‖₂ on the probe batch. */
  norm: number;
  /** Gradient entries that are NaN or ±Infinity. */
  nonFinite: number;
}

export interface LayerActivationStats {
  layer: string;
  activation: Activation;
  mean: number;
  std: number;
  /** ReLU only: share of units (every output position of one example) that are 0 for all probe examples. */
  dead: number | null;
  /** sigmoid and tanh only: share of output values in the flat tails. */
  saturated: number | null;
}

export interface InsideStats {
  gradients: LayerGradientStats[];
  activations: LayerActivationStats[];
}

export class GradientProbe {
  readonly #network: Network;
  readonly #x: tf.Tensor;
  /** One-hot [batch, classes] for classification, targets [batch, 1] for regression. */
  readonly #y: tf.Tensor;

  /** `x` and `y` as the device split holds them (int32 labels or float32 [n, 1] targets); the first PROBE_SIZE are kept. */
  constructor(network: Network, x: tf.Tensor, y: tf.Tensor, numClasses: number, size = PROBE_SIZE) {
    const n = Math.min(size, x.shape[0]);
    if (n === 0) throw new Error('The gradient probe needs at least one training example.');
    this.#network = network;
    this.#x = tf.keep(tf.slice(x, 0, n));
    this.#y = tf.keep(tf.tidy(() => network.task === 'classification'
      ? tf.oneHot(tf.slice(y as tf.Tensor1D, 0, n), numClasses).toFloat()
      : tf.slice(y, 0, n)));
  }

  async read(): Promise<InsideStats> {
    const network = this.#network;
    const layers = network.spec.model.layers;
    const kernels = network.kernels;
    /** Per measured layer [mean, std, dead, saturated]; kept out of variableGrads' own tidy. */
    const measured: { index: number; activation: Activation; values: tf.Tensor1D }[] = [];
    const packed = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const out = network.forward(this.#x, {
          training: false,
          onLayer: (index, h) => {
            const layer = layers[index];
            if (layer.type !== 'dense' && layer.type !== 'conv2d') return;
            measured.push({ index, activation: layer.activation, values: tf.keep(activationStats(h, layer.activation)) });
          },
        });
        return network.task === 'classification'
          ? tf.losses.softmaxCrossEntropy(this.#y, out)
          : tf.losses.meanSquaredError(this.#y, out);
      }, kernels.map((k) => k.kernel));
      const rows = kernels.map(({ kernel }) => {
        const g = grads[kernel.name];
        return tf.stack([tf.norm(g), tf.sum(tf.cast(tf.logicalNot(tf.isFinite(g)), 'float32'))]);
      });
      return tf.concat([...rows, ...measured.map((m) => m.values)]);
    });
    let values: Float32Array;
    try {
      values = (await packed.data()) as Float32Array;
    } finally {
      tf.dispose([packed, ...measured.map((m) => m.values)]);
    }
    const gradients = kernels.map(({ layer }, i) => ({ layer, norm: values[2 * i], nonFinite: values[2 * i + 1] }));
    const offset = 2 * kernels.length;
    const activations = measured.map(({ index, activation }, j) => {
      const [mean, std, dead, saturated] = values.subarray(offset + 4 * j, offset + 4 * j + 4);
      return {
        layer: network.names[index], activation, mean, std,
        dead: activation === 'relu' ? dead : null,
        saturated: activation === 'sigmoid' || activation === 'tanh' ? saturated : null,
      };
    });
    return { gradients, activations };
  }

  dispose() {
    tf.dispose([this.#x, this.#y]);
  }
}

/** [mean, std, dead share, saturated share] of a layer's output h [batch, …units]. */
function activationStats(h: tf.Tensor, activation: Activation): tf.Tensor1D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(h);
    const flat = tf.reshape(h, [h.shape[0], -1]);
    // a unit is dead when its largest output over the batch is not above 0
    const dead = tf.mean(tf.cast(tf.lessEqual(tf.max(flat, 0), 0), 'float32'));
    const distance = activation === 'tanh'
      ? tf.sub(1, tf.abs(flat)) // to ±1, in tanh's units: twice sigmoid's
      : tf.minimum(flat, tf.sub(1, flat));
    const threshold = activation === 'tanh' ? 2 * SATURATION : SATURATION;
    const saturated = tf.mean(tf.cast(tf.less(distance, threshold), 'float32'));
    return tf.stack([mean, tf.sqrt(variance), dead, saturated]) as tf.Tensor1D;
  });
}
