// SGD, momentum, Adam and RMSprop with the update rules of tfjs's own optimizers (same operations in the same
// order, so losses match stock tfjs), but every hyperparameter is a tensor made once. tfjs's optimizers
// multiply by plain JS numbers, and on WebGPU each such number becomes a fresh GPU buffer on every step.
import * as tf from '@tensorflow/tfjs';
import { createFusedOptimizer } from './fast-optimizers';
import type { OptimizerName } from '../model/spec';

export interface Optimizer {
  /** One update of `variables` from `gradients` (same order). Leaves no tensors behind. */
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[]): void;
  /** Slot variables (moments, accumulators), in a fixed order: copying them copies the optimizer's state. */
  readonly slots: tf.Variable[];
  /** The learning rate the next update uses. */
  readonly learningRate: number;
  /** Changes the learning rate from the next update on (a live edit during a run); the slots are kept. */
  setLearningRate(learningRate: number): void;
  dispose(): void;
}

/** Keras and tfjs defaults. Epsilon is tfjs's float32 epsilon, as its optimizers use on float32 backends. */
export const OPTIMIZER_DEFAULTS = { momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.9, epsilon: 1e-7 } as const;

// tf.variable() keeps its initial tensor alive beside itself unless that tensor is made inside a tidy.
const slot = (init: () => tf.Tensor) => tf.tidy(() => tf.variable(init(), false));
const zerosLikeAll = (variables: tf.Variable[]) => variables.map((v) => slot(() => tf.zerosLike(v)));

/**
 * What every optimizer here shares: the learning rate as a device scalar, signed as its update rule uses it,
 * held in a variable so that a change during a run (a live edit) is one assign between two steps.
 */
abstract class RateOptimizer {
  #learningRate: number;
  readonly #sign: 1 | -1;
  protected readonly rate: tf.Variable;
  constructor(learningRate: number, sign: 1 | -1) {
    this.#learningRate = learningRate;
    this.#sign = sign;
    this.rate = slot(() => tf.scalar(sign * learningRate));
  }
  get learningRate() {
    return this.#learningRate;
  }
  setLearningRate(learningRate: number) {
    this.#learningRate = learningRate;
    tf.tidy(() => this.rate.assign(tf.scalar(this.#sign * learningRate)));
  }
  protected disposeRate() {
    this.rate.dispose();
  }
}

/** w ← w − lr·g */
class Sgd extends RateOptimizer implements Optimizer {
  readonly slots: tf.Variable[] = [];
  constructor(learningRate: number) {
    super(learningRate, -1);
  }
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[]) {
    tf.tidy(() => variables.forEach((v, i) => v.assign(tf.add(tf.mul(this.rate, gradients[i]), v))));
  }
  dispose() {
    this.disposeRate();
  }
}

/** a ← m·a + g;  w ← w − lr·a  (tfjs's MomentumOptimizer without Nesterov) */
class Momentum extends RateOptimizer implements Optimizer {
  readonly slots: tf.Variable[];
  readonly #m = tf.scalar(OPTIMIZER_DEFAULTS.momentum);
  constructor(learningRate: number, variables: tf.Variable[]) {
    super(learningRate, -1);
    this.slots = zerosLikeAll(variables);
  }
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[]) {
    tf.tidy(() => variables.forEach((v, i) => {
      const accumulation = tf.add(tf.mul(this.#m, this.slots[i]), gradients[i]);
      this.slots[i].assign(accumulation);
      v.assign(tf.add(tf.mul(this.rate, accumulation), v));
    }));
  }
  dispose() {
    this.disposeRate();
    tf.dispose([this.#m, ...this.slots]);
  }
}

/**
 * m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← w − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
 * β₁ᵗ and β₂ᵗ live on the device and are multiplied there, so no step uploads anything.
 */
class Adam extends RateOptimizer implements Optimizer {
  readonly slots: tf.Variable[];
  readonly #c = {
    beta1: tf.scalar(OPTIMIZER_DEFAULTS.beta1), oneMinusBeta1: tf.scalar(1 - OPTIMIZER_DEFAULTS.beta1),
    beta2: tf.scalar(OPTIMIZER_DEFAULTS.beta2), oneMinusBeta2: tf.scalar(1 - OPTIMIZER_DEFAULTS.beta2),
    one: tf.scalar(1), epsilon: tf.scalar(OPTIMIZER_DEFAULTS.epsilon),
  };
  constructor(learningRate: number, variables: tf.Variable[]) {
    super(learningRate, -1);
    // slots: first moments, second moments, then the two running powers βᵗ
    this.slots = [
      ...zerosLikeAll(variables), ...zerosLikeAll(variables),
      slot(() => tf.scalar(OPTIMIZER_DEFAULTS.beta1)), slot(() => tf.scalar(OPTIMIZER_DEFAULTS.beta2)),
    ];
  }
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[]) {
    const n = variables.length;
    const c = this.#c;
    const [accBeta1, accBeta2] = this.slots.slice(2 * n);
    tf.tidy(() => {
      const oneMinusAccBeta1 = tf.sub(c.one, accBeta1);
      const oneMinusAccBeta2 = tf.sub(c.one, accBeta2);
      variables.forEach((w, i) => {
        const g = gradients[i];
        const m = tf.add(tf.mul(this.slots[i], c.beta1), tf.mul(g, c.oneMinusBeta1));
        const v = tf.add(tf.mul(this.slots[n + i], c.beta2), tf.mul(tf.square(g), c.oneMinusBeta2));
        const mHat = tf.div(m, oneMinusAccBeta1);
        const vHat = tf.div(v, oneMinusAccBeta2);
        this.slots[i].assign(m);
        this.slots[n + i].assign(v);
        w.assign(tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), c.epsilon)), this.rate), w));
      });
      accBeta1.assign(tf.mul(accBeta1, c.beta1));
      accBeta2.assign(tf.mul(accBeta2, c.beta2));
    });
  }
  dispose() {
    this.disposeRate();
    tf.dispose([...Object.values(this.#c), ...this.slots]);
  }
}

/** s ← ρs + (1−ρ)g²;  a ← 0·a + lr·g/√(s+ε);  w ← w − a  (tfjs's RMSPropOptimizer, momentum 0, not centred) */
class RmsProp extends RateOptimizer implements Optimizer {
  readonly slots: tf.Variable[];
  readonly #c = {
    rho: tf.scalar(OPTIMIZER_DEFAULTS.rho), oneMinusRho: tf.scalar(1 - OPTIMIZER_DEFAULTS.rho),
    epsilon: tf.scalar(OPTIMIZER_DEFAULTS.epsilon),
  };
  constructor(learningRate: number, variables: tf.Variable[]) {
    super(learningRate, 1);
    this.slots = zerosLikeAll(variables);
  }
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[]) {
    const c = this.#c;
    tf.tidy(() => variables.forEach((w, i) => {
      const g = gradients[i];
      const meanSquare = tf.add(tf.mul(this.slots[i], c.rho), tf.mul(tf.square(g), c.oneMinusRho));
      this.slots[i].assign(meanSquare);
      // tfjs keeps a momentum accumulator even at momentum 0; adding 0·a changes nothing, so it is left out.
      w.assign(tf.sub(w, tf.div(tf.mul(g, this.rate), tf.sqrt(tf.add(meanSquare, c.epsilon)))));
    }));
  }
  dispose() {
    this.disposeRate();
    tf.dispose([...Object.values(this.#c), ...this.slots]);
  }
}

export function createOptimizer(name: OptimizerName, learningRate: number, variables: tf.Variable[]): Optimizer {
  // On WebGPU, one fused dispatch per weight (fast-optimizers.ts); these classes everywhere else
  const fused = createFusedOptimizer(name, learningRate, variables, OPTIMIZER_DEFAULTS);
  if (fused) return fused;
  switch (name) {
    case 'sgd': return new Sgd(learningRate);
    case 'momentum': return new Momentum(learningRate, variables);
    case 'adam': return new Adam(learningRate, variables);
    case 'rmsprop': return new RmsProp(learningRate, variables);
  }
}

/** The stock tfjs optimizer with the same settings: the reference our implementations are tested against. */
export function stockOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  const d = OPTIMIZER_DEFAULTS;
  switch (name) {
    case 'sgd': return tf.train.sgd(learningRate);
    case 'momentum': return tf.train.momentum(learningRate, d.momentum);
    case 'adam': return tf.train.adam(learningRate, d.beta1, d.beta2, d.epsilon);
    case 'rmsprop': return tf.train.rmsprop(learningRate, d.rho, 0, d.epsilon);
  }
}
