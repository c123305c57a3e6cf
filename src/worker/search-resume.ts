// A search's trial checkpoints across the worker boundary: the page keeps the newest one of each unfinished job
// (state/search-checkpoints.ts) and hands them back when the search resumes; here each is read and checked
// against the job it is for before that job goes on from it. One that cannot be used is named in words and its
// trial trains from its start instead, so a damaged checkpoint costs time, never a wrong figure.
import type { Job } from '../engine/search/schedule';
import type { ExperimentSpec } from '../engine/model/spec';
import { checkpointFromBytes } from '../engine/train/checkpoint-bytes';
import { checkpointMismatch, type TrainingCheckpoint } from '../engine/train/checkpoint';

/** The newest checkpoint of one job (a trial at a rung): after `epoch` of the job's epochs. */
export interface TrialCheckpoint {
  trial: number;
  rung: number;
  epoch: number;
  bytes: Uint8Array;
}

export const sameJob = (a: { trial: number; rung: number }, b: { trial: number; rung: number }) => a.trial === b.trial && a.rung === b.rung;

/**
 * The checkpoint `job` goes on from, or none; `refused` says why a kept one cannot be used. `spec` is the
 * trial's spec, its epochs those of the job (as train-trial.ts builds its trainer).
 */
export function trialStart(kept: TrialCheckpoint[], job: Job, spec: ExperimentSpec): { from?: TrainingCheckpoint; refused?: string } {
  const found = kept.find((c) => sameJob(c, job));
  if (!found) return {};
  try {
    const checkpoint = checkpointFromBytes(found.bytes);
    const mismatch = checkpointMismatch(checkpoint.header, { ...spec, training: { ...spec.training, epochs: job.epochs } });
    if (mismatch) throw new Error(mismatch);
    return { from: checkpoint };
  } catch (e) {
    return { refused: `Trial ${job.trial + 1}'s checkpoint after epoch ${found.epoch} was not used (${e instanceof Error ? e.message : String(e)}): it trains again from its start.` };
  }
}
