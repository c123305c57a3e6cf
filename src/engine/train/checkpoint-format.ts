// What a training checkpoint holds (checkpoint.ts takes and restores it) and whether it fits a spec, without
// tfjs: the page reads checkpoint headers and checks them before any worker is asked to resume.
import type { ExperimentSpec } from '../model/spec';
import type { EarlyStoppingState } from './early-stopping';
import type { BatchReport, EpochReport } from './loop';
import type { LearningRateState } from './schedules';

/** Bumped whenever what a checkpoint holds changes; an older one is refused with the reason. */
export const CHECKPOINT_FORMAT = 1;

/** The curves up to the checkpoint, so a resumed run's charts start where they stopped. */
export interface CheckpointCurves {
  batches: BatchReport[];
  epochs: EpochReport[];
}

/** The groups of tensors a checkpoint holds, in this order in `values`. */
export const TENSOR_GROUPS = ['weights', 'slots', 'lossScale', 'deviceDropout', 'bestWeights'] as const;
export type TensorGroup = (typeof TENSOR_GROUPS)[number];

export interface CheckpointHeader {
  format: number;
  /** The spec the run was built from (with any live learning-rate edit): a resume builds its trainer from it. */
  spec: ExperimentSpec;
  /** Completed epochs; the checkpoint is taken between epochs. */
  epoch: number;
  globalStep: number;
  learningRate: number;
  randoms: { shuffle: number[]; augment: number[]; dropout: number[] };
  rates: LearningRateState;
  earlyStopping: EarlyStoppingState | null;
  /** Shapes of each group's tensors, in order; their values follow one another in `values`. */
  shapes: Record<TensorGroup, number[][]>;
  curves: CheckpointCurves;
  /**
   * Layers a fine-tune holds (indices into spec.model.layers, its length for the output layer); absent when
   * none: a resume holds the same ones, so its updates are those of the run that never stopped.
   */
  frozenLayers?: number[];
  /**
   * A cross-validation's checkpoint: the fold it is of, and the last validation of every fold before it, so a
   * resume trains the folds left and its summary still counts every fold.
   */
  fold?: { index: number; folds: number; results: { loss: number; accuracy: number | null }[] };
  /** The last validation loss and accuracy, for listing and for "best" (null without a validation split). */
  validation: { loss: number; accuracy: number | null } | null;
  savedAt: string;
}

export interface TrainingCheckpoint {
  header: CheckpointHeader;
  /** Every group's values, flattened and concatenated in TENSOR_GROUPS order. */
  values: Float32Array;
}

/** The first place where two values differ, as a dotted path ("model.layers.1.units"), or null when equal. */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b) ? null : path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/** Fields a checkpoint may be resumed under with another value: the backend it runs on, the (edited) base rate. */
const FREE_FIELDS = ['backend', 'learningRate'] as const;

/**
 * Why `checkpoint` cannot continue a run of `spec` (another dataset, model or training setting), in words, or
 * null when it can. Backend and base learning rate may differ: the checkpoint carries the rate it was using.
 */
export function checkpointMismatch(header: CheckpointHeader, spec: ExperimentSpec): string | null {
  const strip = (s: ExperimentSpec) => {
    const training: Record<string, unknown> = { ...s.training };
    for (const f of FREE_FIELDS) delete training[f];
    return { dataset: s.dataset, model: s.model, training };
  };
  const where = firstDifference(strip(header.spec), strip(spec), '');
  if (!where) return null;
  const read = (s: ExperimentSpec) => JSON.stringify(where.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], strip(s))) ?? 'absent';
  return `the checkpoint is of another experiment: its ${where} is ${read(header.spec)}, this run's is ${read(spec)}. Open the checkpoint's own run, or start this one afresh.`;
}

