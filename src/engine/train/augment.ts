// Image augmentation on the device, one batch at a time: a random shift, rotation and (where it keeps the
// label) mirror per image as a single affine map for tf.image.transform, then gaussian pixel noise.
import * as tf from '@tensorflow/tfjs';
import type { Random } from '../../data/random';
import type { Augmentation } from '../model/spec';

export const isAugmenting = (a: Augmentation) => a.shift > 0 || a.rotation > 0 || a.noise > 0 || a.flip;

/**
 * Rows [a0, a1, a2, b0, b1, b2, 0, 0] per image: tf.image.transform samples the input at
 * (a0·x + a1·y + a2, b0·x + b1·y + b2) for output pixel (x, y), i.e. the inverse of the change we want:
 * input = R(−θ)·F·(output − centre − shift) + centre, with F the left–right mirror when flipped.
 */
export function augmentationTransforms(batch: number, a: Augmentation, width: number, height: number, random: Random): Float32Array {
  const rows = new Float32Array(batch * 8);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  for (let i = 0; i < batch; i++) {
    const theta = (random.uniform(-a.rotation, a.rotation) * Math.PI) / 180;
    const dx = a.shift > 0 ? random.uniform(-a.shift, a.shift) : 0;
    const dy = a.shift > 0 ? random.uniform(-a.shift, a.shift) : 0;
    const mirror = a.flip && random.next() < 0.5 ? -1 : 1;
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    // [a0 a1; b0 b1] = R(−θ)·diag(mirror, 1); offsets keep the centre (shifted) in place
    const a0 = cos * mirror, a1 = sin, b0 = -sin * mirror, b1 = cos;
    const ox = cx + dx, oy = cy + dy;
    rows.set([a0, a1, cx - a0 * ox - a1 * oy, b0, b1, cy - b0 * ox - b1 * oy, 0, 0], i * 8);
  }
  return rows;
}

/** x [batch, height, width, channels] in [0, 1] → augmented copy, kept in [0, 1]. */
export function augmentBatch(x: tf.Tensor4D, a: Augmentation, random: Random): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, height, width] = x.shape;
    let out = x;
    if (a.shift > 0 || a.rotation > 0 || a.flip) {
      const transforms = tf.tensor2d(augmentationTransforms(batch, a, width, height, random), [batch, 8]);
      out = tf.image.transform(out, transforms, 'bilinear', 'constant', 0);
    }
    if (a.noise > 0) {
      out = tf.clipByValue(tf.add(out, tf.randomNormal(out.shape, 0, a.noise, 'float32', random.fork())), 0, 1);
    }
    return out;
  });
}
