// Where a prepared run starts when it does not start from fresh weights: a checkpoint (resume, also after a lost
// device, maybe on another backend) or a saved or loaded model's weights (fine-tune, fine-tune.ts). The handler
// builds the run from the spec as for any run, then hands its one arm to `prime`.
import type { BackendChoice, ExperimentSpec } from '../engine/model/spec';
import { checkpointFromBytes } from '../engine/train/checkpoint-bytes';
import type { TrainingCheckpoint } from '../engine/train/checkpoint';
import type { Arm } from './arm';

export interface ArmStart {
  /** Layers whose weights stay as they are (Keras's trainable = false): indices into spec.model.layers, its length for the output layer. */
  frozenLayers?: number[];
  /** Puts the start's state into the freshly built arm before anything trains it. */
  prime(arm: Arm): void;
}

/**
 * A resume: the run is built from the checkpoint's own spec, on `backend` when one is given (a checkpoint may
 * continue on another backend: the backend is one of the fields a resume may change), and restored to it.
 */
export function resumeStart(bytes: Uint8Array, backend?: BackendChoice): { spec: ExperimentSpec; start: ArmStart } {
  let checkpoint: TrainingCheckpoint;
  try {
    checkpoint = checkpointFromBytes(bytes);
  } catch (e) {
    throw new Error(`Cannot resume: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const saved = checkpoint.header.spec;
  if (saved.training.folds > 1) throw new Error('Cannot resume a cross-validation from a checkpoint: train it afresh.');
  const spec = backend ? { ...saved, training: { ...saved.training, backend } } : saved;
  // a fine-tune's checkpoint holds its frozen layers: the resumed run holds the same ones
  return { spec, start: { frozenLayers: checkpoint.header.frozenLayers, prime: (arm) => arm.restore(checkpoint) } };
}
