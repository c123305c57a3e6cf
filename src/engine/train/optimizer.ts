// What every optimizer of the training step is (the Optimizer interface) and the Keras/tfjs default constants,
// shared by the tensor-op optimizers (optimizers.ts) and the fused WebGPU ones (fast-optimizers.ts). In a file
// of its own so that optimizers.ts can choose a fused optimizer without the two importing each other.
import type * as tf from '@tensorflow/tfjs';

/**
 * How an update is stored: `target.assign(value)` by default. mixed_float16 passes one that keeps the old value
 * where the step's gradients were not finite, so a skipped step needs no copy of every weight and slot.
 */
export type Write = (target: tf.Variable, value: tf.Tensor) => void;
export const assign: Write = (target, value) => target.assign(value);

export interface Optimizer {
  /** One update of `variables` from `gradients` (same order), stored through `write`. Leaves no tensors behind. */
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[], write?: Write): void;
  /** Slot variables (moments, accumulators), in a fixed order: copying them copies the optimizer's state. */
  readonly slots: tf.Variable[];
  /** The rate from the next update on (a schedule, a live edit). */
  setLearningRate(rate: number): void;
  dispose(): void;
}

/** Keras and tfjs defaults. Epsilon is tfjs's float32 epsilon, as its optimizers use on float32 backends. */
export const OPTIMIZER_DEFAULTS = { momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.9, epsilon: 1e-7 } as const;

export type OptimizerConstants = { readonly [K in keyof typeof OPTIMIZER_DEFAULTS]: number };
