// Saliency maps for image models: the gradient of one class's score (its logit) with respect to the input
// pixels, |∂score/∂x| with the largest value over channels per pixel (Simonyan et al. 2013), and SmoothGrad
// (Smilkov et al. 2017): the same gradient averaged over `samples` copies of the image with Gaussian noise of
// standard deviation `noise` · (max − min) of the image added, which removes much of the plain map's speckle.
import * as tf from '@tensorflow/tfjs';
import { Random } from '../../data/random';
import type { Network } from '../model/network';

export interface SmoothGradOptions {
  samples: number;
  /** Noise level as a share of the image's value range (SmoothGrad's paper found 0.1–0.2 best). */
  noise: number;
  seed: number;
}

export const SMOOTHGRAD_DEFAULTS: SmoothGradOptions = { samples: 20, noise: 0.15, seed: 0x5a11 };

/**
 * Saliency of `images` [n, h, w, c] (as the network takes them) for one class per image: [n, h, w] maps,
 * row-major, each pixel the largest |gradient| over its channels. With `smooth`, SmoothGrad's average.
 */
export async function saliencyMaps(network: Network, images: tf.Tensor4D, classes: readonly number[], smooth?: SmoothGradOptions): Promise<Float32Array> {
  const [n, h, w] = images.shape;
  if (classes.length !== n) throw new Error(`Saliency needs one class per image: got ${classes.length} classes for ${n} images.`);
  if (network.task !== 'classification') throw new Error('Saliency explains a class score: this model does regression.');
  const random = new Random(smooth?.seed ?? 0);
  const maps = tf.tidy(() => {
    const kernels = network.kernels;
    const units = kernels[kernels.length - 1].kernel.shape[1] as number;
    const pick = tf.oneHot(tf.tensor1d(classes as number[], 'int32'), units);
    // Σ over the batch of each image's chosen logit: each image's gradient is its own, as images do not mix
    const score = (x: tf.Tensor) => tf.sum(tf.mul(network.forward(x, { training: false }), pick));
    const gradient = tf.grad(score);
    const copies = smooth?.samples ?? 1;
    let sum: tf.Tensor = tf.zerosLike(images);
    const range = smooth ? tf.sub(tf.max(images, [1, 2, 3], true), tf.min(images, [1, 2, 3], true)) : null;
    for (let s = 0; s < copies; s++) {
      const x = smooth && range
        ? tf.add(images, tf.mul(gaussian(images.shape, random), tf.mul(range, smooth.noise)))
        : images;
      const g = gradient(x);
      // SmoothGrad averages the signed gradients, then takes the magnitude (as the paper's maps do)
      sum = tf.add(sum, g);
    }
    return tf.max(tf.abs(tf.div(sum, copies)), 3);
  });
  const values = (await maps.data()) as Float32Array;
  maps.dispose();
  return values.length === n * h * w ? values : Float32Array.from(values);
}

/** Standard normal noise from a seeded generator, so a map is the same every time it is drawn. */
function gaussian(shape: number[], random: Random): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => random.normal()), shape);
}
