// A training checkpoint: everything a TrainingLoop needs to go on exactly as if it had never stopped, as plain
// JSON and one Float32Array (no tensors), taken at an epoch boundary. Weights (batch-norm moving statistics
// included), optimizer slots (Adam's moments and βᵗ powers, momentum, RMSprop's mean square), the loss scale of
// mixed_float16, early stopping's counters and best-weights copy, the three seeded generators (batch order,
// augmentation, host dropout masks) and the device dropout masks' step seed, the learning-rate controller,
// and the curves so far. checkpoint-format.ts says what it holds (without tfjs, for the page), checkpoint-bytes.ts
// turns it into bytes and back.
import * as tf from '@tensorflow/tfjs';
import type { TrainingLoop } from './loop';
import {
  CHECKPOINT_FORMAT, checkpointMismatch, TENSOR_GROUPS, type CheckpointCurves, type CheckpointHeader, type TensorGroup, type TrainingCheckpoint,
} from './checkpoint-format';

export { CHECKPOINT_FORMAT, checkpointMismatch, type CheckpointCurves, type CheckpointHeader, type TrainingCheckpoint };

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function groupTensors(loop: TrainingLoop): Record<TensorGroup, tf.Tensor[]> {
  const { trainer } = loop;
  const step = trainer.step;
  return {
    weights: trainer.network.model.weights.map((w) => w.read()),
    slots: step.optimizer.slots,
    lossScale: step.precision.stateVariables ?? [],
    deviceDropout: step.deviceDropoutSeed ? [step.deviceDropoutSeed] : [],
    bestWeights: [...(loop.earlyStopping?.snapshot ?? [])],
  };
}

/**
 * Reads the loop's whole state back (one read of one concatenated tensor). Only between epochs: mid-epoch the
 * batch order and the step's running totals would have to be kept too.
 */
export async function captureCheckpoint(loop: TrainingLoop, curves: CheckpointCurves, validation: CheckpointHeader['validation'] = null,
  foldResults: NonNullable<CheckpointHeader['fold']>['results'] = []): Promise<TrainingCheckpoint> {
  const { trainer } = loop;
  if (trainer.batch !== 0) {
    throw new Error(`A checkpoint is taken between epochs, and this run is at batch ${trainer.batch} of epoch ${trainer.epoch + 1}: take it when the epoch ends.`);
  }
  const groups = groupTensors(loop);
  const all = TENSOR_GROUPS.flatMap((g) => groups[g]);
  const flat = tf.tidy(() => (all.length ? tf.concat(all.map((t) => tf.reshape(tf.cast(t, 'float32'), [-1]))) : tf.zeros([0])));
  const values = new Float32Array(await flat.data());
  flat.dispose();
  const shapes = Object.fromEntries(TENSOR_GROUPS.map((g) => [g, groups[g].map((t) => [...t.shape])])) as Record<TensorGroup, number[][]>;
  return {
    header: {
      format: CHECKPOINT_FORMAT,
      spec: structuredClone(trainer.spec),
      epoch: trainer.epoch,
      globalStep: trainer.globalStep,
      learningRate: trainer.learningRate,
      randoms: {
        shuffle: trainer.randoms.shuffle.state(), augment: trainer.randoms.augment.state(), dropout: trainer.step.dropoutRandom.state(),
      },
      rates: trainer.rates.state(),
      earlyStopping: loop.earlyStopping?.state() ?? null,
      shapes,
      ...(trainer.frozenLayers.length ? { frozenLayers: [...trainer.frozenLayers] } : {}),
      ...(trainer.fold ? { fold: { ...trainer.fold, results: structuredClone(foldResults) } } : {}),
      curves: structuredClone(curves),
      validation,
      savedAt: new Date().toISOString(),
    },
    values,
  };
}

/**
 * Writes a checkpoint into a loop built from the same spec (checkpointMismatch says when it is not): after
 * this, training goes on with the losses the checkpointed run would have had. Leaves no tensor behind.
 */
export function restoreCheckpoint(loop: TrainingLoop, checkpoint: TrainingCheckpoint): void {
  const { header, values } = checkpoint;
  const { trainer } = loop;
  if (header.format !== CHECKPOINT_FORMAT) {
    throw new Error(`This checkpoint has format ${header.format} and this version of the sandbox reads format ${CHECKPOINT_FORMAT}: train the run afresh.`);
  }
  const mismatch = checkpointMismatch(header, trainer.spec);
  if (mismatch) throw new Error(`Cannot resume: ${mismatch}`);
  if (trainer.globalStep !== 0) throw new Error('A checkpoint is restored into a freshly built trainer, and this one has already trained: build a new one.');
  if ((header.fold?.index ?? -1) !== (trainer.fold?.index ?? -1)) {
    throw new Error(`Cannot resume: the checkpoint is of ${header.fold ? `fold ${header.fold.index + 1}` : 'no fold'} and this run trains ${trainer.fold ? `fold ${trainer.fold.index + 1}` : 'no fold'}.`);
  }
  const frozen = (header.frozenLayers ?? []).join();
  if (frozen !== trainer.frozenLayers.join()) {
    throw new Error(`Cannot resume: the checkpoint holds layers [${frozen}] frozen and this run [${trainer.frozenLayers.join()}]: build the run with the checkpoint's frozen layers.`);
  }
  const groups = groupTensors(loop);
  const wantsBest = header.shapes.bestWeights.length > 0;
  if (wantsBest && !loop.earlyStopping) throw new Error('Cannot resume: the checkpoint keeps early stopping\'s best weights, and this run has no early stopping.');
  let offset = 0;
  const take = (size: number) => values.subarray(offset, (offset += size));
  let snapshot: tf.Tensor[] = [];
  tf.tidy(() => {
    for (const group of TENSOR_GROUPS) {
      const shapes = header.shapes[group];
      if (group === 'bestWeights') {
        snapshot = shapes.map((shape) => tf.keep(tf.tensor(take(sizeOf(shape)), shape)));
        continue;
      }
      const targets = groups[group] as tf.Variable[];
      // The GPU backends draw dropout masks on the device from a seed, the others from the JS generator: a run
      // resumed on another kind of backend (after a lost device) keeps its weights and optimizer state, and
      // draws its masks afresh from there on
      if (group === 'deviceDropout' && (shapes.length === 0) !== (targets.length === 0)) {
        take(shapes.reduce((n, s) => n + sizeOf(s), 0));
        continue;
      }
      // Slots are matched by their total size: WebGPU's fused Adam keeps β₁ᵗ, β₂ᵗ in one [2] slot, the tensor-op
      // Adam in two scalars, and their values come in the same order.
      const total = shapes.reduce((n, s) => n + sizeOf(s), 0);
      const targetTotal = targets.reduce((n, t) => n + t.size, 0);
      const sameShapes = shapes.length === targets.length && shapes.every((s, i) => s.join() === targets[i].shape.join());
      if (group === 'slots' ? total !== targetTotal : !sameShapes) {
        throw new Error(`Cannot resume: the checkpoint's ${group} have shapes ${JSON.stringify(shapes)}, and this run's ${JSON.stringify(targets.map((t) => t.shape))}.`);
      }
      for (const target of targets) target.assign(tf.tensor(take(target.size), target.shape, target.dtype));
    }
  });
  if (offset !== values.length) tf.dispose(snapshot);
  if (offset !== values.length) throw new Error(`The checkpoint holds ${values.length} values and its header describes ${offset}: it is damaged.`);
  trainer.epoch = header.epoch;
  trainer.batch = 0;
  trainer.globalStep = header.globalStep;
  trainer.learningRate = header.learningRate;
  trainer.randoms.shuffle.setState(header.randoms.shuffle);
  trainer.randoms.augment.setState(header.randoms.augment);
  trainer.step.dropoutRandom.setState(header.randoms.dropout);
  trainer.rates.restore(header.rates);
  if (loop.earlyStopping && header.earlyStopping) loop.earlyStopping.restore(header.earlyStopping, wantsBest ? snapshot : null);
}
