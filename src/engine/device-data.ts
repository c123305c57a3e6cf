// The dataset uploaded once to the device: inputs as float32 (images scaled to [0, 1]), labels as int32 class
// indices or float32 targets, the training split cut into the part fitted and the held-out validation part.
import * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../data/dataset';

export interface DeviceSplit {
  x: tf.Tensor;
  /** int32 [n] class indices, or float32 [n, 1] regression targets. */
  y: tf.Tensor;
  count: number;
}

export interface DeviceData {
  fit: DeviceSplit;
  validation: DeviceSplit | null;
  test: DeviceSplit;
  numClasses: number;
  dispose(): void;
}

/** Uploads in chunks so a 60,000-image split never needs one 188 MB Float32Array in JS. */
const CHUNK = 10_000;

function toFloat(x: Float32Array | Uint8Array, start: number, end: number): Float32Array {
  if (x instanceof Float32Array) return x.subarray(start, end);
  const out = new Float32Array(end - start);
  for (let i = start; i < end; i++) out[i - start] = x[i] / 255;
  return out;
}

function upload(split: Split, from: number, to: number, inputShape: number[], regression: boolean): DeviceSplit {
  const size = inputShape.reduce((a, b) => a * b, 1);
  const count = to - from;
  const chunks: tf.Tensor[] = [];
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    chunks.push(tf.tensor(toFloat(split.x, start * size, end * size), [end - start, ...inputShape]));
  }
  const x = chunks.length === 1 ? chunks[0] : tf.tidy(() => tf.concat(chunks));
  if (chunks.length > 1) tf.dispose(chunks);
  const labels = split.y.subarray(from, to);
  const y = regression ? tf.tensor2d(labels as Float32Array, [count, 1]) : tf.tensor1d(labels as Int32Array, 'int32');
  return { x, y, count };
}

/** Keras's validationSplit: the last share of the (already shuffled) training examples is held out. */
export function uploadDataset(dataset: Dataset, validationSplit: number): DeviceData {
  const { info, train, test } = dataset;
  const regression = info.task === 'regression';
  const validationCount = Math.floor(train.count * validationSplit);
  const fitCount = train.count - validationCount;
  const fit = upload(train, 0, fitCount, info.inputShape, regression);
  const validation = validationCount > 0 ? upload(train, fitCount, train.count, info.inputShape, regression) : null;
  const testSplit = upload(test, 0, test.count, info.inputShape, regression);
  return {
    fit, validation, test: testSplit,
    numClasses: regression ? 1 : info.classNames.length,
    dispose: () => tf.dispose([fit.x, fit.y, testSplit.x, testSplit.y, ...(validation ? [validation.x, validation.y] : [])]),
  };
}
