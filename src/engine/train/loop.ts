// Drives a Trainer without stalling the GPU: batches are queued in chunks sized to about one report interval,
// and each chunk's totals are read back while the next chunk runs. Used by the worker and by Node alike.
import { EarlyStopping, type EarlyStop } from './early-stopping';
import type { PrecisionStats } from '../precision/policy';
import type { Trainer, LossAndAccuracy } from './trainer';

export interface BatchReport {
  /** Progress in epochs, fractional. */
  epoch: number;
  step: number;
  /** Mean training loss over the batches since the last report. */
  loss: number;
  /** Training accuracy over those batches; null for regression. */
  accuracy: number | null;
  examplesPerSecond: number;
  /** The learning rate of the last of these batches (it moves under a schedule or a live edit). */
  learningRate: number;
  /** Under a float16 policy: loss scale, skipped steps and flush shares over these batches. */
  precision?: PrecisionStats;
}

export interface EpochReport {
  epoch: number;
  validation: LossAndAccuracy | null;
  /** Under a float16 policy: the newest stats (as in the epoch's last batch report). */
  precision?: PrecisionStats;
}

export type LoopEnd =
  | { reason: 'finished' }
  | { reason: 'early-stopped'; stop: EarlyStop }
  | { reason: 'paused' }
  /** `epoch` and `step` are where the counter stands once the steps that went non-finite are counted. */
  | { reason: 'diverged'; message: string; epoch?: number; step?: number };

export interface LoopCallbacks {
  onBatches?(report: BatchReport): void;
  onEpoch?(report: EpochReport): void | Promise<void>;
  /**
   * After an epoch that training goes on from, once early stopping has seen it: the loop's whole state is
   * consistent here, so this is where checkpoints are taken (checkpoint.ts).
   */
  afterEpoch?(): void | Promise<void>;
}

const now = () => performance.now();

/**
 * Says where the loss went non-finite in the counter's own terms (the step and fractional epoch the page shows),
 * and what to change. `steps` is how many steps the report that found it covered: the loss is read once per
 * report, so with several steps it is only known to lie between the first and the last of them.
 */
export function divergenceMessage(trainer: Trainer, loss: number, steps = 1): string {
  const { optimizer, precision } = trainer.spec.training;
  const { learningRate } = trainer;
  const step = trainer.globalStep;
  const at = steps <= 1 ? `at step ${step}` : `between steps ${step - steps + 1} and ${step}`;
  const where = `${at} (epoch ${trainer.progress.toFixed(2)})`;
  if (precision === 'float16') {
    return `The loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'} ${where} under pure float16: ` +
      (optimizer === 'adam' || optimizer === 'rmsprop'
        ? `${optimizer === 'adam' ? "Adam's" : "RMSprop's"} running mean of g² underflows to 0 in float16 for small gradients, so its step divides by ε alone and the weights blow up. `
        : 'a value overflowed float16\'s largest number, 65504. ') +
      'Choose mixed float16 (float32 master weights and loss scaling), then reset and train again.';
  }
  return `The loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'} ${where}: the weights blew up. ` +
    `Lower the learning rate (now ${learningRate} with ${optimizer}; try ${learningRate / 10}), ` +
    `or add batch normalization, then reset and train again.`;
}

export class TrainingLoop {
  readonly trainer: Trainer;
  readonly #callbacks: LoopCallbacks;
  readonly #reportEveryMs: number;
  /** Batches per chunk, adapted to the measured time per batch so a chunk lasts about one report interval. */
  #chunk = 1;
  #lastReportAt = now();
  /** Time spent validating since the last report, left out of examples per second. */
  #validatingMs = 0;
  #pending: Promise<LoopEnd | null> | null = null;
  #ended: LoopEnd | null = null;
  readonly #earlyStopping: EarlyStopping | null;
  #precision: PrecisionStats | undefined;

  constructor(trainer: Trainer, callbacks: LoopCallbacks, reportEveryMs = 200) {
    this.trainer = trainer;
    this.#callbacks = callbacks;
    this.#reportEveryMs = reportEveryMs;
    const { earlyStopping } = trainer.spec.training;
    this.#earlyStopping = earlyStopping.enabled && trainer.data.validation ? new EarlyStopping(earlyStopping, trainer.network) : null;
  }

  /** Trains until the last epoch, an early stop, a divergence, or shouldContinue() turning false (checked between chunks). */
  async run(shouldContinue: () => boolean = () => true): Promise<LoopEnd> {
    this.#lastReportAt = now();
    while (shouldContinue()) {
      const ended = await this.chunk();
      if (ended) return ended;
    }
    return this.settle();
  }

  /**
   * Queues one chunk of batches and waits for the previous chunk's totals, so the GPU always has the next chunk
   * while results come back. Returns how training ended, or null while it goes on. Interleaving two loops'
   * chunks trains two runs side by side.
   */
  async chunk(): Promise<LoopEnd | null> {
    if (this.#ended) return this.#ended;
    if (this.trainer.done) return this.settle();
    let epochEnded = false;
    const queuing = now();
    for (let i = 0; i < this.#chunk && !epochEnded; i++) epochEnded = this.trainer.runBatch();
    const previous = this.#pending;
    this.#pending = this.#report(now() - queuing);
    const endedBefore = previous ? await previous : null;
    if (endedBefore) return this.#finish(endedBefore);
    if (epochEnded) {
      const ended = await this.#pending;
      this.#pending = null;
      if (ended) return this.#finish(ended);
      const stop = await this.#epochEnd();
      if (stop) return this.#finish({ reason: 'early-stopped', stop });
    }
    return this.trainer.done ? this.settle() : null;
  }

  /** Waits for the last totals; returns 'finished' at the last epoch, else 'paused'. */
  async settle(): Promise<LoopEnd> {
    const last = this.#pending ? await this.#pending : null;
    this.#pending = null;
    if (last) return this.#finish(last);
    if (this.#ended) return this.#ended;
    return this.trainer.done ? this.#finish({ reason: 'finished' }) : { reason: 'paused' };
  }

  async #finish(end: LoopEnd): Promise<LoopEnd> {
    if (this.#pending) await this.#pending;
    this.#pending = null;
    this.#ended = end;
    return end;
  }

  /** Exactly one batch, reported as soon as it is done. */
  async stepOnce(): Promise<LoopEnd | null> {
    if (this.#ended) return this.#ended;
    if (this.trainer.done) return this.settle();
    await this.settle();
    this.#lastReportAt = now();
    const epochEnded = this.trainer.runBatch();
    const ended = await this.#report(now() - this.#lastReportAt);
    if (ended) return this.#finish(ended);
    const stop = epochEnded ? await this.#epochEnd() : null;
    if (stop) return this.#finish({ reason: 'early-stopped', stop });
    return this.trainer.done ? this.#finish({ reason: 'finished' }) : null;
  }

  async #epochEnd(): Promise<EarlyStop | null> {
    const { validation } = this.trainer.data;
    const started = now();
    const evaluation = validation ? await this.trainer.evaluate(validation) : null;
    if (evaluation) this.trainer.afterValidation(evaluation);
    await this.#callbacks.onEpoch?.({ epoch: this.trainer.epoch, validation: evaluation, ...(this.#precision ? { precision: this.#precision } : {}) });
    const stop = evaluation && this.#earlyStopping ? this.#earlyStopping.update(this.trainer.epoch, evaluation) : null;
    // Examples per second measure training: the time spent validating is not counted against it. (Subtracted
    // rather than restarting the clock: on CPU and WASM the next chunk's batches have already run by now.)
    if (!stop) await this.#callbacks.afterEpoch?.();
    this.#validatingMs += now() - started;
    return stop;
  }

  /** The run's early stopping (null when off or without a validation split): checkpoints read and restore it. */
  get earlyStopping(): EarlyStopping | null {
    return this.#earlyStopping;
  }

  dispose() {
    this.#earlyStopping?.dispose();
  }

  /**
   * Reads back the totals since the last report; resolves to a LoopEnd if the loss is no longer finite.
   * `queueMs` is how long queuing the chunk took: on a GPU next to nothing (its time is the wait for the read),
   * on CPU and WASM the whole computation, which may have run before the previous report's read came back.
   */
  async #report(queueMs: number): Promise<LoopEnd | null> {
    const { trainer } = this;
    const totals = trainer.step.take();
    const epoch = trainer.progress;
    const step = trainer.globalStep;
    if (totals.steps === 0) {
      totals.sums.dispose();
      return null;
    }
    const values = await totals.sums.data();
    totals.sums.dispose();
    const [lossSum, correct] = values;
    const { precision } = trainer.step;
    if (precision.active) this.#precision = precision.stats(values.subarray(2), totals.observed);
    const t = now();
    const elapsed = Math.max(t - this.#lastReportAt - this.#validatingMs, queueMs, 0.01);
    this.#lastReportAt = t;
    this.#validatingMs = 0;
    const msPerBatch = elapsed / totals.steps;
    this.#chunk = Math.max(1, Math.min(1000, Math.round(this.#reportEveryMs / Math.max(msPerBatch, 0.01))));
    const loss = lossSum / totals.steps;
    if (!Number.isFinite(loss)) return { reason: 'diverged', message: divergenceMessage(trainer, loss, totals.steps), epoch, step };
    this.#callbacks.onBatches?.({
      epoch, step, loss,
      accuracy: trainer.network.task === 'classification' ? correct / totals.examples : null,
      examplesPerSecond: (totals.examples / elapsed) * 1000,
      learningRate: trainer.learningRate,
      ...(this.#precision ? { precision: this.#precision } : {}),
    });
    return null;
  }
}
