// A training step's precision policy (TrainingSpec.precision), applied around the float32 step of train-step.ts:
//   float32        nothing changes.
//   mixed_float16  weights are read through castFloat16 (the float32 variables stay the master copy), every
//                  layer's output is cast, the loss is multiplied by a dynamic loss scale before backprop and the
//                  gradients divided by it after; a step whose gradients are not all finite is undone on the
//                  device (weights and optimizer slots keep their old values) and halves the scale.
//   float16        weights, activations and the loss are float16 values, and after every update the weights and
//                  optimizer slots are rounded to float16: no master copy, no loss scaling.
// Nothing here reads back: loss scale, skipped steps and flush counts stay on the device until the loop reads
// them together with the loss (see stats()).
import * as tf from '@tensorflow/tfjs';
import { castFloat16, roundFloat16 } from './float16-op';
import { DynamicLossScale, guard } from './loss-scale';
import type { ForwardOptions } from '../model/network';
import type { Optimizer } from '../train/optimizer';
import type { PrecisionPolicy, TrainingSpec } from '../model/spec';

/** What a policy reports per chunk of steps, read back with the loss. */
export interface PrecisionStats {
  policy: PrecisionPolicy;
  /** The loss scale after the chunk; null without loss scaling (float16). */
  lossScale: number | null;
  /** Steps skipped since the start of the run because a gradient overflowed. */
  skippedSteps: number;
  /** Share of weight-gradient values in the chunk that float16 flushes to zero without loss scaling. */
  flushShare: number;
  /** The same share with the gradients as loss scaling makes them (equal to flushShare without scaling). */
  flushShareScaled: number;
}

type CastOptions = Pick<ForwardOptions, 'readWeight' | 'castActivation'>;

const castOnly = (t: tf.Tensor) => castFloat16(t);

export class Precision {
  readonly policy: PrecisionPolicy;
  /** mixed_float16: the dynamic loss scale. float16: a scale fixed at 1, used only to count flushed gradients. */
  readonly #scale: DynamicLossScale | null;
  readonly #observe: ((dy: tf.Tensor) => void) | undefined;

  constructor(training: Pick<TrainingSpec, 'precision' | 'lossScaling'>) {
    this.policy = training.precision;
    this.#scale = this.policy === 'mixed_float16' ? new DynamicLossScale(training.lossScaling)
      : this.policy === 'float16' ? new DynamicLossScale({ initialScale: 1, growthInterval: 1 }) : null;
    const scale = this.#scale;
    this.#observe = scale ? (dy) => scale.observe(dy) : undefined;
  }

  get active(): boolean {
    return this.policy !== 'float32';
  }

  /** Forward hooks for training: weights read as float16 (their gradients observed), activations cast. */
  trainingForward(): CastOptions {
    if (!this.active) return {};
    const observe = this.#observe;
    return { readWeight: (w) => castFloat16(w, observe), castActivation: castOnly };
  }

  /** Forward hooks for inference: the same float16 values, nothing observed. */
  inferenceForward(): CastOptions {
    return this.active ? { readWeight: castOnly, castActivation: castOnly } : {};
  }

  /** The scalar to differentiate: loss·scale (mixed), the loss as a float16 value (float16), or the loss. */
  differentiable(loss: tf.Scalar): tf.Scalar {
    if (this.policy === 'mixed_float16') return this.#scale!.scaleLoss(loss);
    if (this.policy === 'float16') return castFloat16(loss);
    return loss;
  }

  /**
   * Applies `grads` (of differentiable(loss), same order as `vars`) with `optimizer` under the policy. Call
   * inside a tidy. `afterUpdate` runs after the (possibly skipped) update.
   */
  applyGradients(optimizer: Optimizer, vars: tf.Variable[], grads: tf.Tensor[], afterUpdate?: () => void): void {
    if (this.policy === 'mixed_float16') {
      const scale = this.#scale!;
      const { grads: unscaled, finite } = scale.unscale(grads);
      // skipped on the device: every weight and slot is written its new value only where the gradients were
      // all finite, and keeps its old one otherwise (no copy of the state is made)
      optimizer.applyGradients(vars, unscaled, (target, value) => target.assign(guard(finite, value, target)));
      afterUpdate?.();
      scale.update(finite);
      return;
    }
    optimizer.applyGradients(vars, grads);
    afterUpdate?.();
    if (this.policy === 'float16') {
      // no float32 master copy: what the optimizer wrote is stored as float16
      for (const v of [...vars, ...optimizer.slots]) v.assign(roundFloat16(v));
    }
  }

  /**
   * [scale, skipped steps, flushed raw, flushed scaled] (float32 tensor of 4, the caller disposes it) and how
   * many gradient values were observed since the last call, or null for float32. Counts start again at zero.
   */
  take(): { values: tf.Tensor1D; observed: number } | null {
    if (!this.#scale) return null;
    const { counts, observed } = this.#scale.takeFlushCounts();
    const values = tf.tidy(() => tf.concat([tf.stack([this.#scale!.scale, this.#scale!.skippedSteps]), counts])) as tf.Tensor1D;
    counts.dispose();
    return { values, observed };
  }

  /** [scale, good steps since the scale last changed, skipped steps] (the caller disposes it), or null for float32. */
  lossScaleState(): tf.Tensor1D | null {
    return this.#scale?.state() ?? null;
  }

  /** The loss scale's variables [scale, good steps, skipped steps] (null under float32): checkpoint state. */
  get stateVariables(): tf.Variable[] | null {
    const s = this.#scale;
    return s ? [s.scale, s.goodSteps, s.skippedSteps] : null;
  }

  /** The stats from take()'s values, read back. */
  stats(values: ArrayLike<number>, observed: number): PrecisionStats {
    const share = (n: number) => (observed > 0 ? n / observed : 0);
    return {
      policy: this.policy,
      lossScale: this.policy === 'mixed_float16' ? values[0] : null,
      skippedSteps: values[1],
      flushShare: share(values[2]),
      flushShareScaled: share(values[3]),
    };
  }

  dispose(): void {
    this.#scale?.dispose();
  }
}
