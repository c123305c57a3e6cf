// Small trained models for the export tests: the moons MLP preset, and a tiny CNN (with batch normalization, so
// its moving statistics are exported too) on a few hundred MNIST images read from datasets/ on disk.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from '../../../src/data/dataset';
import { loadImageDataset } from '../../../src/data/image-datasets';
import { generatePoints } from '../../../src/data/points';
import { TrainingLoop } from '../../../src/engine/train/loop';
import { batchNorm, conv2d, dense, flatten, maxPool, presetSpec } from '../../../src/engine/model/presets';
import type { ExperimentSpec } from '../../../src/engine/model/spec';
import { Trainer } from '../../../src/engine/train/trainer';
import { onWasm } from '../../wasm-backend';

const DATASETS = join(import.meta.dirname, '..', '..', '..', 'datasets');

export interface Trained {
  spec: ExperimentSpec;
  dataset: Dataset;
  trainer: Trainer;
}

async function train(spec: ExperimentSpec, dataset: Dataset): Promise<Trained> {
  const trainer = new Trainer(spec, dataset);
  const end = await new TrainingLoop(trainer, {}).run();
  if (end.reason !== 'finished') throw new Error(`training the fixture stopped: ${end.reason}`);
  return { spec, dataset, trainer };
}

/**
 * Trains on WASM whatever backend the test runs on, then goes back to it: tfjs's CPU backend took 8 s for these
 * two epochs of a CNN (its convolution gradients), WASM under a second. The trained tensors move to the test's
 * backend when it first uses them (tfjs moves a tensor's data between backends on demand), so every prediction
 * and export the test compares still runs there.
 */
const trainOnWasm = (spec: ExperimentSpec, dataset: Dataset) => onWasm(() => train(spec, dataset));

/** 'moons-mlp' trained for `epochs` epochs at its seed. */
export async function trainedMoons(epochs = 5): Promise<Trained> {
  const spec = presetSpec('moons-mlp');
  spec.training.epochs = epochs;
  if (spec.dataset.kind !== 'points') throw new Error('moons-mlp is a points preset');
  return train(spec, generatePoints({ ...spec.dataset, seed: spec.training.seed }));
}

/** conv(4, 3×3) → batch norm → pool → dense(16) → softmax, trained 2 epochs on 300 MNIST images (on WASM). */
export async function trainedTinyCnn(): Promise<Trained> {
  const spec = presetSpec('mnist-cnn');
  spec.model.layers = [conv2d(4, 3), batchNorm, maxPool(), flatten, dense(16)];
  spec.training = { ...spec.training, epochs: 2, batchSize: 32, validationSplit: 0 };
  if (spec.dataset.kind !== 'images') throw new Error('mnist-cnn is an image preset');
  spec.dataset = { ...spec.dataset, trainSize: 300, testSize: 100 };
  const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(DATASETS, path)));
  return trainOnWasm(spec, await loadImageDataset('mnist', { trainSize: 300, testSize: 100, fetchBytes }));
}
