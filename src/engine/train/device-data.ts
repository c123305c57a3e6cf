// The dataset uploaded once to the device: inputs as float32 (images scaled to [0, 1]), labels as int32 class
// indices or float32 targets. The training split is made imbalanced if the spec asks, then cut into the part
// fitted and the held-out validation part (Keras's validationSplit, or one fold of k for cross-validation).
import * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../../data/dataset';
import { makeImbalanced } from '../../data/imbalance';
import type { ExperimentSpec } from '../model/spec';
import { validationRange } from '../../data/validation-range';

export interface DeviceSplit {
  x: tf.Tensor;
  /** int32 [n] class indices, or float32 [n, 1] regression targets. */
  y: tf.Tensor;
  count: number;
}

export interface DeviceData {
  fit: DeviceSplit;
  /** The fitted examples' labels, kept in JS for class weights and oversampling; null for regression. */
  fitLabels: Int32Array | null;
  validation: DeviceSplit | null;
  test: DeviceSplit;
  numClasses: number;
  dispose(): void;
}

/** Uploads in chunks so a 60,000-image split never needs one 188 MB Float32Array in JS. */
const CHUNK = 10_000;

type Range = [start: number, end: number];

export { validationRange };

/**
 * Joins the upload chunks on the device, as one unpacked texture on WebGL. tfjs packs concat's output there, but
 * the gather that takes each batch reads unpacked textures, so a packed split would be unpacked whole on every
 * step: 10,500 MNIST images trained at 274 examples/s against 863 for 10,000 (SwiftShader), and Fashion-MNIST's
 * 60,000 would move 188 MB a step on a real GPU.
 */
function joinChunks(chunks: tf.Tensor[]): tf.Tensor {
  if (tf.getBackend() !== 'webgl') return tf.concat(chunks);
  const flag = 'WEBGL_PACK_ARRAY_OPERATIONS';
  const packs = tf.env().getBool(flag);
  tf.env().set(flag, false);
  try {
    return tf.concat(chunks);
  } finally {
    tf.env().set(flag, packs);
  }
}

function toFloat(x: Float32Array | Uint8Array, start: number, end: number): Float32Array {
  if (x instanceof Float32Array) return x.subarray(start, end);
  const out = new Float32Array(end - start);
  for (let i = start; i < end; i++) out[i - start] = x[i] / 255;
  return out;
}

/** The examples of `ranges` (in order) as device tensors. */
function upload(split: Split, ranges: Range[], inputShape: number[], regression: boolean): DeviceSplit {
  const size = inputShape.reduce((a, b) => a * b, 1);
  const count = ranges.reduce((n, [from, to]) => n + to - from, 0);
  const labels = regression ? new Float32Array(count) : new Int32Array(count);
  const chunks: tf.Tensor[] = [];
  let x: tf.Tensor | null = null;
  try {
    let at = 0;
    for (const [from, to] of ranges) {
      for (let start = from; start < to; start += CHUNK) {
        const end = Math.min(to, start + CHUNK);
        chunks.push(tf.tensor(toFloat(split.x, start * size, end * size), [end - start, ...inputShape]));
      }
      labels.set(split.y.subarray(from, to), at);
      at += to - from;
    }
    x = chunks.length === 1 ? chunks[0] : tf.tidy(() => joinChunks(chunks));
    if (chunks.length > 1) tf.dispose(chunks);
    const y = regression ? tf.tensor2d(labels, [count, 1]) : tf.tensor1d(labels, 'int32');
    return { x, y, count };
  } catch (e) {
    tf.dispose([...chunks, ...(x ? [x] : [])]); // disposing twice is harmless in tfjs
    throw e;
  }
}

function concatRanges(values: Int32Array, ranges: Range[]): Int32Array {
  const out = new Int32Array(ranges.reduce((n, [a, b]) => n + b - a, 0));
  let at = 0;
  for (const [a, b] of ranges) {
    out.set(values.subarray(a, b), at);
    at += b - a;
  }
  return out;
}

export function uploadDataset(dataset: Dataset, spec: ExperimentSpec, fold?: { index: number; folds: number }): DeviceData {
  const { info } = dataset;
  const regression = info.task === 'regression';
  const exampleSize = info.inputShape.reduce((a, b) => a * b, 1);
  const { minorityClass, keep } = spec.dataset.imbalance;
  const train = regression ? dataset.train : makeImbalanced(dataset.train, minorityClass, keep, exampleSize);
  const [vStart, vEnd] = validationRange(train.count, spec.training.validationSplit, fold);
  const fitRanges: Range[] = ([[0, vStart], [vEnd, train.count]] as Range[]).filter(([a, b]) => b > a);
  // any upload can fail (the device out of memory, or lost): the splits already uploaded go with it
  const uploaded: DeviceSplit[] = [];
  const held = (split: DeviceSplit) => (uploaded.push(split), split);
  try {
    const fit = held(upload(train, fitRanges, info.inputShape, regression));
    const validation = vEnd > vStart ? held(upload(train, [[vStart, vEnd]], info.inputShape, regression)) : null;
    const test = held(upload(dataset.test, [[0, dataset.test.count]], info.inputShape, regression));
    const fitLabels = regression ? null : concatRanges(train.y as Int32Array, fitRanges);
    return {
      fit, fitLabels, validation, test,
      numClasses: regression ? 1 : info.classNames.length,
      dispose: () => tf.dispose(uploaded.flatMap((s) => [s.x, s.y])),
    };
  } catch (e) {
    tf.dispose(uploaded.flatMap((s) => [s.x, s.y]));
    throw e;
  }
}
