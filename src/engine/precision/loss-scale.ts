// Keras's dynamic loss scaling (LossScaleOptimizer) for mixed_float16, with every piece of state on the device:
// the loss is multiplied by the scale before backprop so small gradients stay above float16's flush threshold,
// the gradients are divided by it before the update, and a step whose gradients are not all finite is skipped
// and halves the scale. After `growthInterval` good steps in a row the scale doubles. Nothing is read back and
// nothing uploaded per step: the skip is a tf.where on the device (see guard), the constants are made once.
import * as tf from '@tensorflow/tfjs';
import { FLOAT16_FLUSH_THRESHOLD } from './float16';
import type { LossScaling } from '../model/spec';

/**
 * Where the optimizer's update should take the new value: `newValue` where `finite` (a bool scalar) is true,
 * `oldValue` otherwise, so a skipped step leaves weights and slots as they were without leaving the device.
 */
export function guard<T extends tf.Tensor>(finite: tf.Tensor, newValue: T, oldValue: T): T {
  return tf.where(finite, newValue, oldValue);
}

/** True (bool scalar) when every value of every tensor is finite. */
export function allFinite(tensors: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tensors.map((t) => tf.all(tf.isFinite(t))).reduce((a, b) => tf.logicalAnd(a, b)) as tf.Scalar);
}

export class DynamicLossScale {
  readonly growthInterval: number;
  /** The current scale (float32 scalar variable). */
  readonly scale: tf.Variable;
  /** Good steps since the scale last changed. */
  readonly goodSteps: tf.Variable;
  /** Steps skipped because a gradient overflowed, since the start. */
  readonly skippedSteps: tf.Variable;
  /** [values whose unscaled magnitude would flush, values whose scaled magnitude would flush], summed over observe() calls. */
  readonly #flushCounts: tf.Variable;
  #observed = 0;
  readonly #c: Record<'zero' | 'one' | 'two' | 'half' | 'interval' | 'flush', tf.Scalar>;

  constructor(settings: LossScaling) {
    if (!(settings.initialScale >= 1) || !Number.isFinite(settings.initialScale)) {
      throw new Error(`The initial loss scale must be a finite number ≥ 1, got ${settings.initialScale}: Keras starts at 2^15 = 32768.`);
    }
    if (!Number.isInteger(settings.growthInterval) || settings.growthInterval < 1) {
      throw new Error(`The loss scale's growth interval must be a whole number of steps ≥ 1, got ${settings.growthInterval}: Keras uses 2000.`);
    }
    this.growthInterval = settings.growthInterval;
    this.#c = {
      zero: tf.scalar(0), one: tf.scalar(1), two: tf.scalar(2), half: tf.scalar(0.5),
      interval: tf.scalar(settings.growthInterval), flush: tf.scalar(FLOAT16_FLUSH_THRESHOLD),
    };
    // made inside a tidy, so tf.variable does not keep its initial tensor alive beside it
    const variable = (init: () => tf.Tensor) => tf.tidy(() => tf.variable(init(), false));
    this.scale = variable(() => tf.scalar(settings.initialScale));
    this.goodSteps = variable(() => tf.scalar(0));
    this.skippedSteps = variable(() => tf.scalar(0));
    this.#flushCounts = variable(() => tf.zeros([2]));
  }

  /** loss · scale: backprop from this, and every gradient comes out multiplied by the scale. */
  scaleLoss(loss: tf.Scalar): tf.Scalar {
    return tf.mul(loss, this.scale);
  }

  /** The gradients divided by the scale (exact: the scale is a power of two), and whether all of them are finite. */
  unscale(grads: tf.Tensor[]): { grads: tf.Tensor[]; finite: tf.Scalar } {
    const inverse = tf.div(this.#c.one, this.scale);
    const unscaled = grads.map((g) => tf.mul(g, inverse));
    inverse.dispose();
    return { grads: unscaled, finite: allFinite(unscaled) };
  }

  /**
   * After a step: if `finite`, count a good step, and once `growthInterval` of them are in a row double the
   * scale (kept as it is if doubling would overflow float32) and start counting again; otherwise halve the
   * scale (never below 1), reset the count and count a skipped step. Keras's rules exactly.
   */
  update(finite: tf.Scalar): void {
    const c = this.#c;
    tf.tidy(() => {
      const good = tf.where(finite, tf.add(this.goodSteps, c.one), c.zero);
      const reached = tf.greaterEqual(good, c.interval);
      const doubled = tf.mul(this.scale, c.two);
      const grown = tf.where(tf.logicalAnd(reached, tf.isFinite(doubled)), doubled, this.scale);
      const halved = tf.maximum(tf.mul(this.scale, c.half), c.one);
      this.scale.assign(tf.where(finite, grown, halved));
      this.goodSteps.assign(tf.where(reached, c.zero, good));
      this.skippedSteps.assign(tf.add(this.skippedSteps, tf.where(finite, c.zero, c.one)));
    });
  }

  /**
   * Counts, on the device, the gradient values that binary16 would flush to zero: non-zero values with
   * |g| ≤ 2^-25 (2^-25 itself is the tie between 0 and 2^-24 and goes to 0, the even one). `scaled` are the
   * gradients as backprop made them from the scaled loss, before any float16 rounding; the raw count applies the
   * rule to scaled/scale, i.e. what would have flushed without loss scaling. NaN and ±Infinity count as neither.
   */
  observe(scaled: tf.Tensor): void {
    const c = this.#c;
    tf.tidy(() => {
      const magnitude = tf.abs(scaled);
      const nonZero = tf.greater(magnitude, c.zero);
      const count = (threshold: tf.Tensor) => tf.sum(tf.cast(tf.logicalAnd(nonZero, tf.lessEqual(magnitude, threshold)), 'float32'));
      const counts = tf.stack([count(tf.mul(c.flush, this.scale)), count(c.flush)]);
      this.#flushCounts.assign(tf.add(this.#flushCounts, counts));
    });
    this.#observed += scaled.size;
  }

  /**
   * How many observed gradient values would flush, as [raw, scaled] (float32 tensor of 2; the caller disposes
   * it, and divides by `observed` for the shares), and how many values were observed; both start again at zero.
   */
  takeFlushCounts(): { counts: tf.Tensor1D; observed: number } {
    const counts = this.#flushCounts.clone() as tf.Tensor1D;
    const observed = this.#observed;
    tf.tidy(() => this.#flushCounts.assign(tf.zerosLike(this.#flushCounts)));
    this.#observed = 0;
    return { counts, observed };
  }

  /** [scale, goodSteps, skippedSteps] in one tensor, for one read-back when the page wants them. */
  state(): tf.Tensor1D {
    return tf.stack([this.scale, this.goodSteps, this.skippedSteps]) as tf.Tensor1D;
  }

  dispose(): void {
    tf.dispose([this.scale, this.goodSteps, this.skippedSteps, this.#flushCounts, ...Object.values(this.#c)]);
  }
}
