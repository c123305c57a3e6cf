// Checkpoint and resume on the CPU backend (the CNN on WASM): 2 epochs, checkpoint, bytes and back, a new trainer, restore, 2 more
// epochs must give exactly the batch and validation losses of 4 epochs without a stop. The oracle is the same
// code run without stopping; what could differ is any state the checkpoint forgot (a generator, a slot, a counter).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/dataset';
import { loadImageDataset } from '../../../src/data/image-datasets';
import { generatePoints } from '../../../src/data/points';
import { captureCheckpoint, checkpointMismatch, restoreCheckpoint, type CheckpointCurves } from '../../../src/engine/train/checkpoint';
import { checkpointFromBytes, checkpointToBytes } from '../../../src/engine/train/checkpoint-bytes';
import { TrainingLoop } from '../../../src/engine/train/loop';
import { batchNorm, conv2d, dense, dropout, flatten, maxPool, presetSpec } from '../../../src/engine/model/presets';
import type { ExperimentSpec } from '../../../src/engine/model/spec';
import { Trainer } from '../../../src/engine/train/trainer';
import { onWasm } from '../../wasm-backend';

const DATASETS = join(import.meta.dirname, '..', '..', '..', 'datasets');

function pointsFor(spec: ExperimentSpec): Dataset {
  if (spec.dataset.kind !== 'points') throw new Error('points only');
  return generatePoints({ ...spec.dataset, seed: spec.training.seed });
}

/** Every batch loss and every validation loss, from one batch at a time (stepOnce reports each batch alone). */
interface Trace {
  batches: number[];
  validation: number[];
}

function tracedLoop(trainer: Trainer, trace: Trace, curves?: CheckpointCurves): TrainingLoop {
  return new TrainingLoop(trainer, {
    onBatches: (r) => { trace.batches.push(r.loss); curves?.batches.push(r); },
    onEpoch: (r) => { trace.validation.push(r.validation?.loss ?? NaN); curves?.epochs.push(r); },
  });
}

async function trainEpochs(loop: TrainingLoop, epochs: number): Promise<void> {
  const until = loop.trainer.epoch + epochs;
  while (loop.trainer.epoch < until) {
    const end = await loop.stepOnce();
    if (end && end.reason !== 'finished') throw new Error(`training ended early: ${end.reason}`);
  }
}

/** 4 epochs straight, and 2 + checkpoint → bytes → bytes → new trainer → restore + 2; returns both traces and the size. */
async function straightAndResumed(spec: ExperimentSpec, dataset: Dataset) {
  spec.training.epochs = 4;
  const straight: Trace = { batches: [], validation: [] };
  const a = new Trainer(spec, dataset);
  const loopA = tracedLoop(a, straight);
  await trainEpochs(loopA, 4);
  loopA.dispose();
  a.dispose();

  const resumed: Trace = { batches: [], validation: [] };
  const curves: CheckpointCurves = { batches: [], epochs: [] };
  const b = new Trainer(spec, dataset);
  const loopB = tracedLoop(b, resumed, curves);
  await trainEpochs(loopB, 2);
  const bytes = checkpointToBytes(await captureCheckpoint(loopB, curves));
  loopB.dispose();
  b.dispose(); // the first trainer is gone entirely: nothing of it can leak into the resumed run

  const checkpoint = checkpointFromBytes(bytes.slice());
  const c = new Trainer(checkpoint.header.spec, dataset);
  const loopC = tracedLoop(c, resumed);
  restoreCheckpoint(loopC, checkpoint);
  expect(c.epoch).toBe(2);
  await trainEpochs(loopC, 2);
  loopC.dispose();
  c.dispose();
  return { straight, resumed, bytes: bytes.length, curves: checkpoint.header.curves };
}

describe('checkpoint and resume (CPU backend, exact)', () => {
  it('MLP with dropout, batch norm, Adam and early stopping: the same losses as 4 epochs without a stop, no tensor left', async () => {
    const before = tf.memory().numTensors;
    const spec = presetSpec('moons-mlp');
    spec.model.layers = [dense(16), dropout(0.3), batchNorm, dense(16), dropout(0.2)];
    spec.training = { ...spec.training, optimizer: 'adam', batchSize: 32, earlyStopping: { enabled: true, monitor: 'val_loss', patience: 50, restoreBestWeights: true } };
    const { straight, resumed, bytes, curves } = await straightAndResumed(spec, pointsFor(spec));
    expect(resumed.batches.length).toBe(straight.batches.length);
    expect(straight.batches.length).toBeGreaterThan(20);
    expect(resumed.batches).toEqual(straight.batches);
    expect(resumed.validation).toEqual(straight.validation);
    expect(curves.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(curves.batches.map((b) => b.loss)).toEqual(straight.batches.slice(0, curves.batches.length));
    expect(bytes).toBeGreaterThan(0);
    console.log(`MLP checkpoint: ${bytes} bytes`);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a schedule (reduce on plateau that cuts at once) and momentum resume with the same losses', async () => {
    const spec = presetSpec('xor-mlp');
    spec.training = { ...spec.training, optimizer: 'momentum', schedule: { ...spec.training.schedule, kind: 'reduceOnPlateau', patience: 1, factor: 0.5 } };
    const { straight, resumed } = await straightAndResumed(spec, pointsFor(spec));
    expect(resumed.batches).toEqual(straight.batches);
    expect(resumed.validation).toEqual(straight.validation);
  });

  it('cosine decay with warm-up and RMSprop resume with the same losses', async () => {
    const spec = presetSpec('circle-mlp');
    spec.training = { ...spec.training, optimizer: 'rmsprop', schedule: { ...spec.training.schedule, kind: 'cosineDecay', warmupEpochs: 1, alpha: 0.1 } };
    const { straight, resumed } = await straightAndResumed(spec, pointsFor(spec));
    expect(resumed.batches).toEqual(straight.batches);
  });

  it('mixed float16 (loss scale that grows every 3 steps) resumes with the same losses', async () => {
    const spec = presetSpec('moons-mlp');
    spec.training = { ...spec.training, precision: 'mixed_float16', lossScaling: { initialScale: 256, growthInterval: 3 } };
    const { straight, resumed } = await straightAndResumed(spec, pointsFor(spec));
    expect(resumed.batches).toEqual(straight.batches);
    expect(resumed.validation).toEqual(straight.validation);
  });

  // on WASM: the CPU backend took 7 s for these epochs of a CNN (its convolution gradients), WASM half a second;
  // a resume must be exact on any backend, and the checkpoint bytes do not depend on which
  it('a CNN with augmentation (shift, rotation, noise, flips) resumes with the same losses, on WASM', () => onWasm(async () => {
    const before = tf.memory().numTensors;
    const spec = presetSpec('mnist-cnn');
    if (spec.dataset.kind !== 'images') throw new Error('mnist-cnn is an image preset');
    spec.model.layers = [conv2d(4, 3), maxPool(), flatten, dropout(0.25), dense(16)];
    spec.dataset = { ...spec.dataset, trainSize: 160, testSize: 40, augmentation: { shift: 2, rotation: 10, noise: 0.1, flip: true } };
    spec.training = { ...spec.training, batchSize: 32, validationSplit: 0.2 };
    const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(DATASETS, path)));
    const dataset = await loadImageDataset('mnist', { trainSize: 160, testSize: 40, fetchBytes });
    const { straight, resumed, bytes } = await straightAndResumed(spec, dataset);
    expect(resumed.batches).toEqual(straight.batches);
    expect(resumed.validation).toEqual(straight.validation);
    console.log(`CNN checkpoint: ${bytes} bytes`);
    expect(tf.memory().numTensors).toBe(before);
  }));

  it('without the restore the resumed losses differ (the test can fail)', async () => {
    const spec = presetSpec('moons-mlp');
    spec.model.layers.splice(1, 0, dropout(0.3));
    spec.training.epochs = 4;
    const straight: Trace = { batches: [], validation: [] };
    const a = new Trainer(spec, pointsFor(spec));
    const loopA = tracedLoop(a, straight);
    await trainEpochs(loopA, 4);
    const fresh: Trace = { batches: [], validation: [] };
    const b = new Trainer(spec, pointsFor(spec));
    const loopB = tracedLoop(b, fresh);
    await trainEpochs(loopB, 2);
    // the weights carried over by hand, nothing else: the batch order and dropout masks start again
    const c = new Trainer(spec, pointsFor(spec));
    c.network.model.weights.forEach((w, i) => (w.read() as tf.Variable).assign(b.network.model.weights[i].read()));
    c.epoch = 2;
    const loopC = tracedLoop(c, fresh);
    await trainEpochs(loopC, 2);
    expect(fresh.batches.slice(-5)).not.toEqual(straight.batches.slice(-5));
    for (const l of [loopA, loopB, loopC]) l.dispose();
    for (const t of [a, b, c]) t.dispose();
  });
});

describe('checkpoint faults', () => {
  async function smallCheckpoint() {
    const spec = presetSpec('xor-mlp');
    spec.training.epochs = 2;
    const trainer = new Trainer(spec, pointsFor(spec));
    const loop = new TrainingLoop(trainer, {});
    await trainEpochs(loop, 1);
    const bytes = checkpointToBytes(await captureCheckpoint(loop, { batches: [], epochs: [] }));
    loop.dispose();
    trainer.dispose();
    return { spec, bytes };
  }

  it('refuses bytes cut short, of another format, or not a checkpoint, with the reason', async () => {
    const { bytes } = await smallCheckpoint();
    expect(() => checkpointFromBytes(bytes.subarray(0, bytes.length - 8))).toThrow(/the checkpoint is cut short: \d+ bytes where \d+ were written/);
    const older = bytes.slice();
    new DataView(older.buffer).setUint32(4, 0, true);
    expect(() => checkpointFromBytes(older)).toThrow('the checkpoint has format 0, made by an older version of the sandbox, and this one reads format 1: train the run afresh');
    expect(() => checkpointFromBytes(new Uint8Array(64))).toThrow('these bytes are not a training checkpoint');
  });

  it('refuses a checkpoint of another model, naming the difference, and allows another backend or base rate', async () => {
    const { spec, bytes } = await smallCheckpoint();
    const { header } = checkpointFromBytes(bytes);
    const other = structuredClone(spec);
    other.model.layers[0] = dense(9, 'tanh');
    expect(checkpointMismatch(header, other)).toBe('the checkpoint is of another experiment: its model.layers.0.units is 8, this run\'s is 9. Open the checkpoint\'s own run, or start this one afresh.');
    const before = tf.memory().numTensors;
    const trainer = new Trainer(other, pointsFor(other));
    const loop = new TrainingLoop(trainer, {});
    expect(() => restoreCheckpoint(loop, checkpointFromBytes(bytes))).toThrow(/^Cannot resume: the checkpoint is of another experiment: its model.layers.0.units is 8/);
    loop.dispose();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const moved = structuredClone(spec);
    moved.training.backend = 'wasm';
    moved.training.learningRate = 0.5;
    expect(checkpointMismatch(header, moved)).toBeNull();
  });

  it('is taken only between epochs', async () => {
    const spec = presetSpec('xor-mlp');
    const trainer = new Trainer(spec, pointsFor(spec));
    const loop = new TrainingLoop(trainer, {});
    await loop.stepOnce();
    await expect(captureCheckpoint(loop, { batches: [], epochs: [] })).rejects.toThrow(/A checkpoint is taken between epochs, and this run is at batch 1 of epoch 1/);
    loop.dispose();
    trainer.dispose();
  });
});
