// Dropout masks drawn on the device: a hash of (unit index, step seed) computed with tensor ops, so no mask is
// built in JS and uploaded on every step. The step seed is a scalar variable that starts from the run's seed
// and advances on the device after each step, so the same seed gives the same masks on the same backend.
//
// The hash is the shader world's rand(): u = fract(sin(θ)·43758.5453), with θ a weighted sum of small exact
// integers (the unit's index split into low and high parts, the step split the same way, the layer), so that
// float32 keeps every input exact. It is float-only (WebGL has no integer bit operations) and cheap; its values
// are close to uniform and uncorrelated between neighbouring units, layers and steps, which
// tests/engine/train/dropout.test.ts measures.
import * as tf from '@tensorflow/tfjs';
import type { Random } from '../../data/random';
import type { ScalarCache } from './losses';

/** Indices and steps are split into value mod SPLIT and value div SPLIT, each exact and small in float32. */
const SPLIT = 2048;
/** The step counter wraps here (2^24, the last integer float32 holds exactly). */
const SEED_RANGE = 1 << 24;
const W = { low: 12.9898, high: 78.233, stepLow: 37.719, stepHigh: 4.581, layer: 91.1173 };

let deviceDropout = true;
/** Whether GPU backends draw masks on the device (the default) or take the JS ones: for the benchmark's before/after. */
export function useDeviceDropout(on: boolean): void {
  deviceDropout = on;
}
export const deviceDropoutOn = () => deviceDropout;

export class DeviceDropout {
  /** This step's seed: an integer-valued float32 scalar in [0, SEED_RANGE). */
  readonly #step: tf.Variable;
  readonly #scalars: ScalarCache;
  /** Per mask size, made once: index mod SPLIT · W.low + index div SPLIT · W.high, the unit's part of θ. */
  readonly #units = new Map<number, tf.Tensor1D>();

  constructor(random: Random, scalars: ScalarCache) {
    this.#scalars = scalars;
    this.#step = tf.tidy(() => tf.variable(tf.scalar(random.uint32() % SEED_RANGE), false));
  }

  /** Inverted dropout mask of `shape` for hidden layer `layer`: 1/(1 − rate) with probability 1 − rate, else 0. */
  mask(layer: number, rate: number, shape: number[]): tf.Tensor {
    const size = shape.reduce((a, b) => a * b, 1);
    const k = (v: number) => this.#scalars.get(v);
    let units = this.#units.get(size);
    if (!units) {
      units = tf.keep(tf.tidy(() => {
        const index = tf.range(0, size, 1, 'float32');
        const high = tf.floor(tf.div(index, SPLIT));
        const low = tf.sub(index, tf.mul(high, SPLIT));
        return tf.add(tf.mul(low, W.low), tf.mul(high, W.high)) as tf.Tensor1D;
      }));
      this.#units.set(size, units);
    }
    const stepHigh = tf.floor(tf.div(this.#step, k(SPLIT)));
    const stepLow = tf.sub(this.#step, tf.mul(stepHigh, k(SPLIT)));
    const stepPart = tf.add(tf.add(tf.mul(stepLow, k(W.stepLow)), tf.mul(stepHigh, k(W.stepHigh))), k(layer * W.layer));
    const r = tf.mul(tf.sin(tf.add(units, stepPart)), k(43758.5453));
    const u = tf.sub(r, tf.floor(r));
    // kept where u ≥ rate: step(u − rate) is 1 there (tf.step gives 0 at exactly 0, so use greaterEqual)
    const kept = tf.cast(tf.greaterEqual(u, k(rate)), 'float32');
    return tf.reshape(tf.mul(kept, k(1 / (1 - rate))), shape);
  }

  /** The step seed variable (a checkpoint reads it and writes it back). */
  get stepSeed(): tf.Variable {
    return this.#step;
  }

  /** Moves to the next step's seed, on the device. */
  advance(): void {
    tf.tidy(() => this.#step.assign(tf.mod(tf.add(this.#step, this.#scalars.get(1)), this.#scalars.get(SEED_RANGE))));
  }

  dispose(): void {
    this.#step.dispose();
    tf.dispose([...this.#units.values()]);
    this.#units.clear();
  }
}
