// The data the engine trains on, loaded under Node as the worker loads it: generated points, or the shipped
// .tsds files read from the datasets folder (each image set decoded once per test file).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from '../../src/data/dataset';
import { loadImageDataset } from '../../src/data/image-datasets';
import { generatePoints } from '../../src/data/points';
import type { ExperimentSpec } from '../../src/engine/model/spec';

export const DATASETS_DIR = join(import.meta.dirname, '../../datasets');

const images = new Map<string, Promise<Dataset>>();
const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(DATASETS_DIR, path)));

export async function engineDataset(spec: ExperimentSpec): Promise<Dataset> {
  const d = spec.dataset;
  if (d.kind === 'points') {
    return generatePoints({ name: d.name, numPoints: d.numPoints, noise: d.noise, trainRatio: d.trainRatio, seed: spec.training.seed });
  }
  if (d.kind !== 'images') throw new Error('the Python tier runs the shipped datasets only');
  const key = `${d.name}:${d.trainSize}:${d.testSize}`;
  if (!images.has(key)) images.set(key, loadImageDataset(d.name, { trainSize: d.trainSize, testSize: d.testSize, fetchBytes }));
  return images.get(key)!;
}
