// Gradient clipping with Keras's optimizer arguments, applied to the true gradients just before the update
// (after loss scaling is undone), one of the three at a time as Keras 3 requires:
//   clipnorm         g ← g · c / max(‖g‖₂, c), each weight's gradient alone        (tf.clip_by_norm)
//   globalClipnorm   gᵢ ← gᵢ · c / max(‖(g₁ … gₙ)‖₂, c), all together             (tf.clip_by_global_norm)
//   clipvalue        g ← min(max(g, −c), c), entry by entry                          (tf.clip_by_value)
import * as tf from '@tensorflow/tfjs';
import { square } from './square';
import type { TrainingSpec } from '../model/spec';
import type { Optimizer, Write } from './optimizer';

export type Clipping = Pick<TrainingSpec, 'clipnorm' | 'clipvalue' | 'globalClipnorm'>;

export const isClipping = (c: Clipping) => c.clipnorm > 0 || c.clipvalue > 0 || c.globalClipnorm > 0;

/** Clipped copies of `gradients` (tensors the caller's tidy owns); the constants are made once per optimizer. */
export function clipGradients(gradients: tf.Tensor[], c: Clipping, limit: tf.Scalar): tf.Tensor[] {
  if (c.clipnorm > 0) {
    return gradients.map((g) => tf.mul(g, tf.div(limit, tf.maximum(tf.norm(g), limit))));
  }
  if (c.globalClipnorm > 0) {
    const squares = gradients.map((g) => tf.sum(square(g)));
    const globalNorm = tf.sqrt(squares.length === 1 ? squares[0] : tf.addN(squares));
    const scale = tf.div(limit, tf.maximum(globalNorm, limit));
    return gradients.map((g) => tf.mul(g, scale));
  }
  if (c.clipvalue > 0) return gradients.map((g) => tf.clipByValue(g, -c.clipvalue, c.clipvalue));
  return gradients;
}

/** An optimizer that clips the gradients it is given, then updates as `inner` does. */
export class ClippingOptimizer implements Optimizer {
  readonly #inner: Optimizer;
  readonly #clipping: Clipping;
  readonly #limit: tf.Scalar;

  constructor(inner: Optimizer, clipping: Clipping) {
    this.#inner = inner;
    this.#clipping = clipping;
    this.#limit = tf.keep(tf.scalar(clipping.clipnorm > 0 ? clipping.clipnorm : clipping.globalClipnorm || clipping.clipvalue));
  }

  get slots() {
    return this.#inner.slots;
  }

  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[], write?: Write): void {
    tf.tidy(() => this.#inner.applyGradients(variables, clipGradients(gradients, this.#clipping, this.#limit), write));
  }

  setLearningRate(rate: number): void {
    this.#inner.setLearningRate(rate);
  }

  dispose(): void {
    this.#limit.dispose();
    this.#inner.dispose();
  }
}
