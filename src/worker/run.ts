// The worker's live run: what it trains (one training, a paired A/B, or k folds) and its arms, with the checks
// made before one is built and the changes made to it between two chunks of batches.
import type { Dataset } from '../data/dataset';
import type { ExperimentSpec } from '../engine/model/spec';
import { hasErrors, validateSpec } from '../engine/model/validate';
import type { Float16Capabilities } from '../engine/precision/hardware-path';
import type { LossAndAccuracy } from '../engine/train/trainer';
import type { Arm, Post } from './arm';
import type { CheckpointRequest, RunMode, RunPhase } from './protocol';

export interface Run {
  id: number;
  mode: RunMode;
  specs: ExperimentSpec[];
  dataset: Dataset;
  arms: Arm[];
  phase: RunPhase;
  /** The last validation of every fold that has ended (cross-validation only). */
  foldResults: LossAndAccuracy[];
  /** What the arms' float16 paths are chosen from (prepare-precision.ts). */
  float16: Float16Capabilities;
  /** When the run sends checkpoints to the page: each arm its own (a pair's two; the current fold's). */
  checkpoints?: CheckpointRequest;
}

/** Throws what is wrong with a run's spec (and a pair's variant) before anything of it is built. */
export function checkRunSpecs(spec: ExperimentSpec, variant?: ExperimentSpec): void {
  for (const s of variant ? [spec, variant] : [spec]) {
    const problems = validateSpec(s).filter((p) => p.severity === 'error');
    if (hasErrors(problems)) throw new Error(problems.map((p) => p.message).join(' '));
  }
  if (variant && variant.dataset.name !== spec.dataset.name) {
    throw new Error('A paired run compares one technique on the same data: give the variant the baseline\'s dataset.');
  }
}

/** The arms still training: both sides of a pair, or the current fold. */
export function liveArms(run: Run): Arm[] {
  return run.arms.filter((arm) => !arm.end);
}

/**
 * Between two chunks (this runs while the drive awaits a read-back): every batch already queued keeps the old
 * rate, and the first step queued after this one takes the new rate.
 */
export function setLearningRate(run: Run, arms: number[], learningRate: number, post: Post): void {
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) return;
  // later folds are built from the run's spec, so they take the new rate too
  arms.forEach((index) => {
    const spec = run.specs[run.mode === 'paired' ? index : 0];
    if (spec) spec.training.learningRate = learningRate;
  });
  for (const arm of run.arms) {
    if (arm.end || !arms.includes(arm.index)) continue;
    arm.trainer.setBaseLearningRate(learningRate); // the schedule, if any, keeps its shape around the new rate
    const { globalStep, progress } = arm.trainer;
    post({ type: 'learningRate', runId: run.id, arm: arm.index, learningRate, step: globalStep + 1, epoch: progress });
  }
}
