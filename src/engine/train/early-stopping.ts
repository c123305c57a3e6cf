// Keras's EarlyStopping: stop when the monitored validation value has not improved for `patience` epochs;
// optionally put back the weights of the best epoch (kept as device copies, so nothing is read back).
import * as tf from '@tensorflow/tfjs';
import type { Network } from '../model/network';
import type { EarlyStopping as EarlyStoppingSpec } from '../model/spec';
import type { LossAndAccuracy } from './trainer';

export interface EarlyStop {
  /** The epoch after which training stopped. */
  epoch: number;
  bestEpoch: number;
  best: number;
  monitor: EarlyStoppingSpec['monitor'];
  restored: boolean;
}

/** EarlyStopping's counters as JSON (an infinite best, before any epoch, is null). */
export interface EarlyStoppingState {
  best: number | null;
  bestEpoch: number;
  wait: number;
}

export class EarlyStopping {
  readonly #config: EarlyStoppingSpec;
  readonly #network: Network;
  #best: number;
  #bestEpoch = 0;
  #wait = 0;
  #snapshot: tf.Tensor[] | null = null;

  constructor(config: EarlyStoppingSpec, network: Network) {
    this.#config = config;
    this.#network = network;
    this.#best = config.monitor === 'val_loss' ? Infinity : -Infinity;
  }

  /** Records epoch `epoch`'s validation; returns how training stopped, or null to go on. Keras's min_delta is 0. */
  update(epoch: number, validation: LossAndAccuracy): EarlyStop | null {
    const value = this.#config.monitor === 'val_loss' ? validation.loss : validation.accuracy ?? NaN;
    const improved = this.#config.monitor === 'val_loss' ? value < this.#best : value > this.#best;
    if (improved) {
      this.#best = value;
      this.#bestEpoch = epoch;
      this.#wait = 0;
      if (this.#config.restoreBestWeights) this.#keep();
      return null;
    }
    this.#wait += 1;
    if (this.#wait < this.#config.patience) return null;
    // As Keras does, the best weights come back only when training is cut short.
    const restored = this.#config.restoreBestWeights && this.#snapshot !== null;
    if (restored) this.#restore();
    return { epoch, bestEpoch: this.#bestEpoch, best: this.#best, monitor: this.#config.monitor, restored };
  }

  /** What a checkpoint keeps: best value and epoch, the wait, and whether a best-weights copy exists. */
  state(): EarlyStoppingState {
    return { best: Number.isFinite(this.#best) ? this.#best : null, bestEpoch: this.#bestEpoch, wait: this.#wait };
  }

  /** The best-weights copy (device tensors, owned here), or null. */
  get snapshot(): readonly tf.Tensor[] | null {
    return this.#snapshot;
  }

  /** Puts back a checkpoint's state; `snapshot` (tensors handed over to this object) is the best-weights copy. */
  restore(state: EarlyStoppingState, snapshot: tf.Tensor[] | null): void {
    this.#best = state.best ?? (this.#config.monitor === 'val_loss' ? Infinity : -Infinity);
    this.#bestEpoch = state.bestEpoch;
    this.#wait = state.wait;
    tf.dispose(this.#snapshot ?? []);
    this.#snapshot = snapshot;
  }

  #weights(): tf.Variable[] {
    return this.#network.model.weights.map((w) => w.read() as tf.Variable);
  }

  #keep() {
    tf.dispose(this.#snapshot ?? []);
    this.#snapshot = this.#weights().map((w) => tf.keep(tf.clone(w)));
  }

  #restore() {
    const snapshot = this.#snapshot!;
    this.#weights().forEach((w, i) => w.assign(snapshot[i]));
  }

  dispose() {
    tf.dispose(this.#snapshot ?? []);
    this.#snapshot = null;
  }
}
