// Losses on the output layer's pre-activation, as tensors. Every constant is a tensor made once, per batch size.
import * as tf from '@tensorflow/tfjs';
import { square } from './square';

/** Scalars by value, made once and kept: a plain JS number in an op would upload a fresh buffer every step. */
export class ScalarCache {
  readonly #values = new Map<number, tf.Scalar>();
  get(value: number): tf.Scalar {
    let s = this.#values.get(value);
    if (!s) {
      s = tf.keep(tf.scalar(value));
      this.#values.set(value, s);
    }
    return s;
  }
  dispose() {
    tf.dispose([...this.#values.values()]);
    this.#values.clear();
  }
}

/**
 * Mean softmax cross-entropy: mean over the batch of −w_y·Σ_c y_c·log softmax(z)_c, with y one-hot
 * [batch, classes] and w_y the weight of the example's class (1 without class weights, as Keras's class_weight).
 * The gradient is written out, w_y·(softmax(z) − y)/batch, rather than differentiated through logSoftmax.
 */
export function softmaxCrossEntropy(logits: tf.Tensor, oneHot: tf.Tensor, invBatch: tf.Scalar, classWeights: tf.Tensor1D | null = null): tf.Scalar {
  const loss = tf.customGrad((z, save) => {
    const logProbs = tf.logSoftmax(z as tf.Tensor2D);
    // [batch, 1] weight per example, or none
    const rowWeights = classWeights ? tf.sum(tf.mul(oneHot, classWeights), -1, true) : null;
    // The forward pass runs in its own scope: whatever the gradient needs must be saved, oneHot included.
    (save as tf.GradSaveFunc)(rowWeights ? [logProbs, oneHot, rowWeights] : [logProbs, oneHot]);
    const perClass = rowWeights ? tf.mul(tf.mul(oneHot, rowWeights), logProbs) : tf.mul(oneHot, logProbs);
    return {
      value: tf.neg(tf.mul(tf.sum(perClass), invBatch)),
      gradFunc: (dy, [savedLogProbs, savedOneHot, savedWeights]) => {
        const error = tf.sub(tf.exp(savedLogProbs), savedOneHot);
        const weighted = savedWeights ? tf.mul(error, savedWeights) : error;
        return tf.mul(tf.mul(weighted, invBatch), dy);
      },
    };
  });
  return loss(logits) as tf.Scalar;
}

/** Mean squared error: mean over the batch of (ŷ − y)², predictions and targets [batch, 1]. */
export function meanSquaredError(predictions: tf.Tensor, targets: tf.Tensor, invBatch: tf.Scalar): tf.Scalar {
  return tf.mul(tf.sum(square(tf.sub(predictions, targets))), invBatch) as tf.Scalar;
}

/** Keras's kernel penalty, Σ over kernels of l1·Σ|w| + l2·Σw², added to the loss. */
export function kernelPenalty(kernels: { kernel: tf.Tensor; l1: number; l2: number }[], scalars: ScalarCache): tf.Scalar | null {
  let total: tf.Tensor | null = null;
  for (const { kernel, l1, l2 } of kernels) {
    if (l1 > 0) total = add(total, tf.mul(scalars.get(l1), tf.sum(tf.abs(kernel))));
    if (l2 > 0) total = add(total, tf.mul(scalars.get(l2), tf.sum(square(kernel))));
  }
  return total as tf.Scalar | null;
}

const add = (a: tf.Tensor | null, b: tf.Tensor) => (a ? tf.add(a, b) : b);

/** Number of rows whose largest logit is at the true class, as a float scalar (stays on the device). */
export function correctCount(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar;
}
