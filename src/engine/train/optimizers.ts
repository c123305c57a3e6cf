// SGD, momentum, Adam and RMSprop with the update rules of tfjs's own optimizers (same operations in the same
// order, so losses match stock tfjs; g² is g · g, which gives the same values, square.ts says why), but every
// hyperparameter is a tensor made once. tfjs's optimizers multiply by plain JS numbers, and on WebGPU each such
// number becomes a fresh GPU buffer on every step.
import * as tf from '@tensorflow/tfjs';
import { square } from './square';
import { createFusedOptimizer } from './fast-optimizers';
import { assign, OPTIMIZER_DEFAULTS, type Optimizer } from './optimizer';
import type { OptimizerName } from '../model/spec';

// tf.variable() keeps its initial tensor alive beside itself unless that tensor is made inside a tidy.
const slot = (init: () => tf.Tensor) => tf.tidy(() => tf.variable(init(), false));
const zerosLikeAll = (variables: tf.Variable[]) => variables.map((v) => slot(() => tf.zerosLike(v)));

/**
 * The learning rate (times `sign`) as a device scalar that is written again only when the rate changes: a
 * schedule uploads one number per step, a constant rate none after the first.
 */
class Rate {
  readonly tensor: tf.Variable;
  #rate: number;
  constructor(rate: number, readonly sign: 1 | -1) {
    this.#rate = rate;
    this.tensor = slot(() => tf.scalar(sign * rate));
  }
  set(rate: number) {
    if (rate === this.#rate) return;
    this.#rate = rate;
    tf.tidy(() => this.tensor.assign(tf.scalar(this.sign * rate)));
  }
}

/** w ← w − lr·g */
class Sgd implements Optimizer {
  readonly slots: tf.Variable[] = [];
  readonly #negLr: Rate;
  constructor(learningRate: number) {
    this.#negLr = new Rate(learningRate, -1);
  }
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[], write = assign) {
    tf.tidy(() => variables.forEach((v, i) => write(v, tf.add(tf.mul(this.#negLr.tensor, gradients[i]), v))));
  }
  setLearningRate(rate: number) {
    this.#negLr.set(rate);
  }
  dispose() {
    this.#negLr.tensor.dispose();
  }
}

/** a ← m·a + g;  w ← w − lr·a  (tfjs's MomentumOptimizer without Nesterov) */
class Momentum implements Optimizer {
  readonly slots: tf.Variable[];
  readonly #negLr: Rate;
  readonly #m = tf.scalar(OPTIMIZER_DEFAULTS.momentum);
  constructor(learningRate: number, variables: tf.Variable[]) {
    this.#negLr = new Rate(learningRate, -1);
    this.slots = zerosLikeAll(variables);
  }
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[], write = assign) {
    tf.tidy(() => variables.forEach((v, i) => {
      const accumulation = tf.add(tf.mul(this.#m, this.slots[i]), gradients[i]);
      write(this.slots[i], accumulation);
      write(v, tf.add(tf.mul(this.#negLr.tensor, accumulation), v));
    }));
  }
  setLearningRate(rate: number) {
    this.#negLr.set(rate);
  }
  dispose() {
    tf.dispose([this.#negLr.tensor, this.#m, ...this.slots]);
  }
}

/**
 * m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← w − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
 * β₁ᵗ and β₂ᵗ live on the device and are multiplied there, so no step uploads anything.
 */
class Adam implements Optimizer {
  readonly slots: tf.Variable[];
  readonly #negLr: Rate;
  readonly #c = {
    beta1: tf.scalar(OPTIMIZER_DEFAULTS.beta1), oneMinusBeta1: tf.scalar(1 - OPTIMIZER_DEFAULTS.beta1),
    beta2: tf.scalar(OPTIMIZER_DEFAULTS.beta2), oneMinusBeta2: tf.scalar(1 - OPTIMIZER_DEFAULTS.beta2),
    one: tf.scalar(1), epsilon: tf.scalar(OPTIMIZER_DEFAULTS.epsilon),
  };
  constructor(learningRate: number, variables: tf.Variable[]) {
    this.#negLr = new Rate(learningRate, -1);
    // slots: first moments, second moments, then the two running powers βᵗ
    this.slots = [
      ...zerosLikeAll(variables), ...zerosLikeAll(variables),
      slot(() => tf.scalar(OPTIMIZER_DEFAULTS.beta1)), slot(() => tf.scalar(OPTIMIZER_DEFAULTS.beta2)),
    ];
  }
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[], write = assign) {
    const n = variables.length;
    const c = this.#c;
    const [accBeta1, accBeta2] = this.slots.slice(2 * n);
    tf.tidy(() => {
      const oneMinusAccBeta1 = tf.sub(c.one, accBeta1);
      const oneMinusAccBeta2 = tf.sub(c.one, accBeta2);
      variables.forEach((w, i) => {
        const g = gradients[i];
        const m = tf.add(tf.mul(this.slots[i], c.beta1), tf.mul(g, c.oneMinusBeta1));
        const v = tf.add(tf.mul(this.slots[n + i], c.beta2), tf.mul(square(g), c.oneMinusBeta2));
        const mHat = tf.div(m, oneMinusAccBeta1);
        const vHat = tf.div(v, oneMinusAccBeta2);
        write(this.slots[i], m);
        write(this.slots[n + i], v);
        write(w, tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), c.epsilon)), this.#negLr.tensor), w));
      });
      write(accBeta1, tf.mul(accBeta1, c.beta1));
      write(accBeta2, tf.mul(accBeta2, c.beta2));
    });
  }
  setLearningRate(rate: number) {
    this.#negLr.set(rate);
  }
  dispose() {
    tf.dispose([this.#negLr.tensor, ...Object.values(this.#c), ...this.slots]);
  }
}

/** s ← ρs + (1−ρ)g²;  a ← 0·a + lr·g/√(s+ε);  w ← w − a  (tfjs's RMSPropOptimizer, momentum 0, not centred) */
class RmsProp implements Optimizer {
  readonly slots: tf.Variable[];
  readonly #lr: Rate;
  readonly #c = {
    rho: tf.scalar(OPTIMIZER_DEFAULTS.rho), oneMinusRho: tf.scalar(1 - OPTIMIZER_DEFAULTS.rho),
    epsilon: tf.scalar(OPTIMIZER_DEFAULTS.epsilon),
  };
  constructor(learningRate: number, variables: tf.Variable[]) {
    this.#lr = new Rate(learningRate, 1);
    this.slots = zerosLikeAll(variables);
  }
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[], write = assign) {
    const c = this.#c;
    tf.tidy(() => variables.forEach((w, i) => {
      const g = gradients[i];
      const meanSquare = tf.add(tf.mul(this.slots[i], c.rho), tf.mul(square(g), c.oneMinusRho));
      write(this.slots[i], meanSquare);
      // tfjs keeps a momentum accumulator even at momentum 0; adding 0·a changes nothing, so it is left out.
      write(w, tf.sub(w, tf.div(tf.mul(g, this.#lr.tensor), tf.sqrt(tf.add(meanSquare, c.epsilon)))));
    }));
  }
  setLearningRate(rate: number) {
    this.#lr.set(rate);
  }
  dispose() {
    tf.dispose([this.#lr.tensor, ...Object.values(this.#c), ...this.slots]);
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
