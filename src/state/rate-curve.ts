// The learning-rate schedule over a whole run, as the page draws it beside the loss: the schedule's value at
// sampled steps, with each live change of the base rate taking effect from the step the worker named (the
// schedule keeps its shape around the new base, as LearningRateController.setBase does). reduceOnPlateau's cuts
// depend on validation losses not yet seen, so its plan is flat; the rates actually used show the cuts.
import { scheduledRate } from '../engine/train/schedules';
import type { LearningRateSchedule } from '../engine/model/spec';
import type { Point } from './curves.svelte';

export const RATE_CURVE_SAMPLES = 240;

export interface RateChange {
  /** First step that uses the new rate. */
  step: number;
  learningRate: number;
}

/** Points (x in epochs) of the planned rate over `epochs` of `batchesPerEpoch` steps, from `base` and the live changes. */
export function plannedRates(schedule: LearningRateSchedule, base: number, run: { batchesPerEpoch: number; epochs: number },
  changes: readonly RateChange[] = [], samples = RATE_CURVE_SAMPLES): Point[] {
  const { batchesPerEpoch } = run;
  const totalSteps = Math.max(1, batchesPerEpoch * run.epochs);
  const clock = { stepsPerEpoch: batchesPerEpoch, totalSteps };
  const sorted = [...changes].sort((a, b) => a.step - b.step);
  const baseAt = (step: number) => sorted.reduce((b, c) => (c.step <= step ? c.learningRate : b), base);
  // evenly spread steps, plus both sides of every change so a change draws as a step, not a slope
  const steps = new Set<number>();
  for (let i = 0; i <= samples; i++) steps.add(Math.round((i / samples) * (totalSteps - 1)));
  for (const c of sorted) if (c.step > 0 && c.step < totalSteps) steps.add(c.step - 1).add(c.step);
  return [...steps].sort((a, b) => a - b).map((step) => ({ x: step / batchesPerEpoch, y: scheduledRate(schedule, baseAt(step), step, clock) }));
}
