// The optimizers of optimizers.ts as one fused WebGPU dispatch per weight (kernels/fused-optimizers-webgpu.ts),
// chosen when a run starts on WebGPU with the fast path on; elsewhere createOptimizer keeps the tensor-op classes.
// Per step, Adam on the reference MLP (6 weight tensors) goes from 88 dispatches (14 per weight, 4 for the powers)
// to 7. Slots keep the documented meaning (copying them copies the state), with Adam's two powers in one [2] slot.
import * as tf from '@tensorflow/tfjs';
import { fusedWebGpu } from './fast-path';
import {
  FUSED_ADAM, FUSED_ADAM_POWERS, FUSED_MOMENTUM, FUSED_RMSPROP, FUSED_SGD, registerFusedOptimizerKernels,
} from '../kernels/fused-optimizers-webgpu';
import type { Optimizer, OptimizerConstants, Write } from './optimizer';
import type { OptimizerName } from '../model/spec';

const slot = (init: () => tf.Tensor) => tf.tidy(() => tf.variable(init(), false));
const zerosLikeAll = (variables: tf.Variable[]) => variables.map((v) => slot(() => tf.zerosLike(v)));

function run(kernel: string, inputs: tf.NamedTensorMap, attrs: Record<string, number>): tf.Tensor[] {
  if (tf.getBackend() !== 'webgpu') {
    throw new Error(`This optimizer was made for WebGPU's fused kernels, but the backend is now ${tf.getBackend()}: make a new one.`);
  }
  return tf.engine().runKernel(kernel, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
}

/** One fused kernel per weight: `update(w, g, i)` returns [w′, …slots′] and the slots are assigned. */
abstract class FusedOptimizer implements Optimizer {
  abstract readonly slots: tf.Variable[];
  abstract setLearningRate(rate: number): void;
  /** New weight, then the new value of each of this weight's slots (in `slotsOf` order). */
  protected abstract update(w: tf.Variable, g: tf.Tensor, i: number): tf.Tensor[];
  protected abstract slotsOf(i: number, n: number): tf.Variable[];
  protected afterAll(_write: Write): void {}

  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[], write: Write = (t, v) => t.assign(v)) {
    tf.tidy(() => {
      variables.forEach((w, i) => {
        const [next, ...slotValues] = this.update(w, gradients[i], i);
        this.slotsOf(i, variables.length).forEach((s, k) => write(s, slotValues[k]));
        write(w, next);
      });
      this.afterAll(write);
    });
  }

  dispose() {
    tf.dispose(this.slots);
  }
}

class FusedSgd extends FusedOptimizer {
  readonly slots: tf.Variable[] = [];
  constructor(private learningRate: number) {
    super();
  }
  setLearningRate(rate: number) {
    this.learningRate = rate;
  }
  protected update(w: tf.Variable, g: tf.Tensor) {
    return run(FUSED_SGD, { w, g }, { negLr: -this.learningRate });
  }
  protected slotsOf() {
    return [];
  }
}

class FusedMomentum extends FusedOptimizer {
  readonly slots: tf.Variable[];
  constructor(private learningRate: number, readonly momentum: number, variables: tf.Variable[]) {
    super();
    this.slots = zerosLikeAll(variables);
  }
  setLearningRate(rate: number) {
    this.learningRate = rate;
  }
  protected update(w: tf.Variable, g: tf.Tensor, i: number) {
    return run(FUSED_MOMENTUM, { w, g, a: this.slots[i] }, { negLr: -this.learningRate, momentum: this.momentum });
  }
  protected slotsOf(i: number) {
    return [this.slots[i]];
  }
}

class FusedAdam extends FusedOptimizer {
  /** First moments, second moments, then [β₁ᵗ, β₂ᵗ]. */
  readonly slots: tf.Variable[];
  readonly #attrs: Record<string, number>;
  constructor(learningRate: number, c: OptimizerConstants, variables: tf.Variable[]) {
    super();
    this.slots = [...zerosLikeAll(variables), ...zerosLikeAll(variables), slot(() => tf.tensor1d([c.beta1, c.beta2]))];
    // the same float32 values as the scalars of optimizers.ts (1 − β computed in double, then rounded)
    this.#attrs = { negLr: -learningRate, beta1: c.beta1, oneMinusBeta1: 1 - c.beta1, beta2: c.beta2, oneMinusBeta2: 1 - c.beta2, epsilon: c.epsilon };
  }
  setLearningRate(rate: number) {
    this.#attrs.negLr = -rate;
  }
  protected update(w: tf.Variable, g: tf.Tensor, i: number) {
    const n = (this.slots.length - 1) / 2;
    return run(FUSED_ADAM, { w, g, m: this.slots[i], v: this.slots[n + i], p: this.slots[2 * n] }, this.#attrs);
  }
  protected slotsOf(i: number, n: number) {
    return [this.slots[i], this.slots[n + i]];
  }
  protected afterAll(write: Write) {
    const powers = this.slots[this.slots.length - 1];
    write(powers, run(FUSED_ADAM_POWERS, { p: powers }, this.#attrs)[0]);
  }
}

class FusedRmsProp extends FusedOptimizer {
  readonly slots: tf.Variable[];
  readonly #attrs: Record<string, number>;
  constructor(learningRate: number, c: OptimizerConstants, variables: tf.Variable[]) {
    super();
    this.slots = zerosLikeAll(variables);
    this.#attrs = { lr: learningRate, rho: c.rho, oneMinusRho: 1 - c.rho, epsilon: c.epsilon };
  }
  setLearningRate(rate: number) {
    this.#attrs.lr = rate;
  }
  protected update(w: tf.Variable, g: tf.Tensor, i: number) {
    return run(FUSED_RMSPROP, { w, g, s: this.slots[i] }, this.#attrs);
  }
  protected slotsOf(i: number) {
    return [this.slots[i]];
  }
}

/** A fused optimizer when the active backend is WebGPU and the fast path is on; null otherwise. */
export function createFusedOptimizer(name: OptimizerName, learningRate: number, variables: tf.Variable[], c: OptimizerConstants): Optimizer | null {
  if (!fusedWebGpu()) return null;
  registerFusedOptimizerKernels();
  switch (name) {
    case 'sgd': return new FusedSgd(learningRate);
    case 'momentum': return new FusedMomentum(learningRate, c.momentum, variables);
    case 'adam': return new FusedAdam(learningRate, c, variables);
    case 'rmsprop': return new FusedRmsProp(learningRate, c, variables);
  }
}
