// Learning-rate schedules, as Keras defines them, on the run's step count (step 0 is the first batch):
//   constant           lr = base
//   stepDecay          lr = base · factor^⌊epoch / period⌋                (epoch = step / stepsPerEpoch)
//   exponentialDecay   lr = base · factor^(step / (period · stepsPerEpoch))   (Keras ExponentialDecay)
//   cosineDecay        warm-up: lr = base · step / warmupSteps; then with t = min(step − warmupSteps, decaySteps),
//                      lr = base · ((1 − α) · ½(1 + cos(π t / decaySteps)) + α), decaySteps = total − warmupSteps
//                      (Keras CosineDecay with warmup_target = base, initial rate 0)
//   cyclical           Smith's triangular: stepSize = period · stepsPerEpoch, cycle = ⌊1 + step / (2·stepSize)⌋,
//                      x = |step / stepSize − 2·cycle + 1|, lr = base + (max − base) · max(0, 1 − x)
//   reduceOnPlateau    Keras's ReduceLROnPlateau on val_loss (min_delta 1e-4, no cooldown): after `patience`
//                      epochs without a loss below best − min_delta, lr = max(lr · factor, minLearningRate)
// Pure numbers, no tfjs: the trainer sets the optimizer's rate from rateAt() before each step.
import type { LearningRateSchedule } from '../model/spec';

/** Keras's ReduceLROnPlateau default min_delta. */
export const PLATEAU_MIN_DELTA = 1e-4;

export interface ScheduleClock {
  stepsPerEpoch: number;
  totalSteps: number;
}

/** The rate a step-driven schedule gives at `step`; reduceOnPlateau returns `base` (it moves at epoch ends). */
export function scheduledRate(schedule: LearningRateSchedule, base: number, step: number, clock: ScheduleClock): number {
  const { stepsPerEpoch, totalSteps } = clock;
  switch (schedule.kind) {
    case 'stepDecay':
      return base * schedule.factor ** Math.floor(step / stepsPerEpoch / schedule.everyEpochs);
    case 'exponentialDecay':
      return base * schedule.factor ** (step / (schedule.everyEpochs * stepsPerEpoch));
    case 'cosineDecay': {
      const warmupSteps = Math.round(schedule.warmupEpochs * stepsPerEpoch);
      if (step < warmupSteps) return base * step / warmupSteps;
      const decaySteps = Math.max(1, totalSteps - warmupSteps);
      const t = Math.min(step - warmupSteps, decaySteps);
      return base * ((1 - schedule.alpha) * 0.5 * (1 + Math.cos(Math.PI * t / decaySteps)) + schedule.alpha);
    }
    case 'cyclical': {
      const stepSize = Math.max(1, schedule.everyEpochs * stepsPerEpoch);
      const cycle = Math.floor(1 + step / (2 * stepSize));
      const x = Math.abs(step / stepSize - 2 * cycle + 1);
      return base + (schedule.maxLearningRate - base) * Math.max(0, 1 - x);
    }
    default:
      return base;
  }
}

/** LearningRateController's state as JSON (Infinity, not JSON, is written null). */
export interface LearningRateState {
  base: number;
  plateau: { rate: number; best: number | null; wait: number };
}

/** The learning rate of one run: the schedule's value at each step, plateau cuts, and live edits of the base rate. */
export class LearningRateController {
  readonly #schedule: LearningRateSchedule;
  readonly #clock: ScheduleClock;
  #base: number;
  /** reduceOnPlateau's current rate, the best validation loss seen and the epochs since. */
  #plateau: { rate: number; best: number; wait: number };

  constructor(schedule: LearningRateSchedule, base: number, clock: ScheduleClock) {
    this.#schedule = schedule;
    this.#clock = clock;
    this.#base = base;
    this.#plateau = { rate: base, best: Infinity, wait: 0 };
  }

  /** The rate for the step about to run. */
  rateAt(step: number): number {
    return this.#schedule.kind === 'reduceOnPlateau' ? this.#plateau.rate : scheduledRate(this.#schedule, this.#base, step, this.#clock);
  }

  /** After an epoch's validation: reduceOnPlateau may cut the rate. */
  epochEnd(validationLoss: number): void {
    if (this.#schedule.kind !== 'reduceOnPlateau') return;
    const p = this.#plateau;
    if (validationLoss < p.best - PLATEAU_MIN_DELTA) {
      p.best = validationLoss;
      p.wait = 0;
      return;
    }
    p.wait += 1;
    if (p.wait >= this.#schedule.patience) {
      p.rate = Math.max(p.rate * this.#schedule.factor, this.#schedule.minLearningRate);
      p.wait = 0;
    }
  }

  /** What a checkpoint keeps: the base rate (live edits) and the plateau's rate, best loss and wait. */
  state(): LearningRateState {
    return { base: this.#base, plateau: { ...this.#plateau, best: this.#plateau.best === Infinity ? null : this.#plateau.best } };
  }

  restore(state: LearningRateState): void {
    this.#base = state.base;
    this.#plateau = { ...state.plateau, best: state.plateau.best ?? Infinity };
  }

  /** A new base rate from now on (a live edit): the schedule keeps its shape around it. */
  setBase(base: number): void {
    if (this.#schedule.kind === 'reduceOnPlateau') this.#plateau.rate *= base / this.#base;
    this.#base = base;
  }
}
