// The still preview of a 2D set: the same points the worker will generate for this spec (same generator, same
// seed), made on the main thread before any run, so a reader sees the data with no worker, tfjs or GPU.
import { generatePoints } from '../data/points';
import type { ExperimentSpec } from '../engine/model/spec';
import type { PointsView } from '../worker/protocol';

export function previewPoints(spec: ExperimentSpec): PointsView | null {
  const d = spec.dataset;
  if (d.kind !== 'points') return null;
  const { train, test } = generatePoints({ name: d.name, numPoints: d.numPoints, noise: d.noise, trainRatio: d.trainRatio, seed: spec.training.seed });
  return { trainX: Float32Array.from(train.x), trainY: Float32Array.from(train.y), testX: Float32Array.from(test.x), testY: Float32Array.from(test.y) };
}
