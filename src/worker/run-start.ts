// Where a prepared run starts when it does not start from fresh weights: a checkpoint (resume, also after a lost
// device, maybe on another backend) or a saved or loaded model's weights (fine-tune, fine-tune.ts). The handler
// builds the run from the spec as for any run, then hands its one arm to `prime`.
import type { BackendChoice, ExperimentSpec } from '../engine/model/spec';
import { checkpointFromBytes } from '../engine/train/checkpoint-bytes';
import type { TrainingCheckpoint } from '../engine/train/checkpoint';
import type { Arm } from './arm';

export interface ArmStart {
  /** A cross-validation resumed: the fold it goes on with, and the last validation of the folds before it. */
  fold?: NonNullable<TrainingCheckpoint['header']['fold']>;
  /** Layers whose weights stay as they are (Keras's trainable = false): indices into spec.model.layers, its length for the output layer. */
  frozenLayers?: number[];
  /** Puts the start's state into the freshly built arm before anything trains it. */
  prime(arm: Arm): void;
}

function read(bytes: Uint8Array, side: string): TrainingCheckpoint {
  try {
    return checkpointFromBytes(bytes);
  } catch (e) {
    throw new Error(`Cannot resume${side}: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

/**
 * A resume: the run is built from the checkpoint's own spec, on `backend` when one is given (a checkpoint may
 * continue on another backend: the backend is one of the fields a resume may change), and restored to it.
 * With `variantBytes`, a paired A/B run: each arm built from its own checkpoint's spec and restored to it (the
 * two may stand at different epochs; each goes on as it would have). A cross-validation's checkpoint goes on
 * with its fold, the folds before it kept as results.
 */
export function resumeStart(bytes: Uint8Array, backend?: BackendChoice, variantBytes?: Uint8Array): { spec: ExperimentSpec; variant?: ExperimentSpec; start: ArmStart } {
  const checkpoints = [read(bytes, variantBytes ? ' side A' : ''), ...(variantBytes ? [read(variantBytes, ' side B')] : [])];
  const specs = checkpoints.map(({ header }) => {
    const saved = header.spec;
    if (saved.training.folds > 1 && (!header.fold || variantBytes)) throw new Error('Cannot resume a cross-validation from this checkpoint (it does not say which fold it is of): train it afresh.');
    return backend ? { ...saved, training: { ...saved.training, backend } } : saved;
  });
  if (specs[1] && specs[1].training.backend !== specs[0].training.backend) {
    throw new Error(`Cannot resume the A/B pair: side A trained on ${specs[0].training.backend} and side B on ${specs[1].training.backend}; a pair trains on one backend.`);
  }
  // a fine-tune's checkpoint holds its frozen layers: the resumed run holds the same ones
  const { frozenLayers, fold } = checkpoints[0].header;
  // a fold's arm has the fold's index; a pair's arms 0 and 1 take their own checkpoints
  return { spec: specs[0], variant: specs[1], start: { frozenLayers, fold, prime: (arm) => arm.restore(checkpoints[fold ? 0 : arm.index]) } };
}
