// What the page draws from the model while it trains: a decision surface for 2D sets, predictions for a few
// test images. Small tensors, computed in inference mode and read back asynchronously.
import * as tf from '@tensorflow/tfjs';
import type { Network } from '../model/network';

/** A square grid of points covering [-extent, extent]², row-major from the top (y = +extent) down. */
export function gridPoints(resolution: number, extent: number): Float32Array {
  const xy = new Float32Array(resolution * resolution * 2);
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) {
      const i = row * resolution + col;
      xy[2 * i] = -extent + (2 * extent * (col + 0.5)) / resolution;
      xy[2 * i + 1] = extent - (2 * extent * (row + 0.5)) / resolution;
    }
  }
  return xy;
}

/** P(class 1) over the grid for a two-class task, or the predicted value for regression. */
export async function decisionSurface(network: Network, grid: tf.Tensor2D): Promise<Float32Array> {
  const out = tf.tidy(() => {
    const p = network.predict(grid);
    return network.task === 'classification' ? tf.slice(p, [0, 1], [-1, 1]) : p;
  });
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

/** Predicted class (argmax) and its probability for each example of x. */
export async function classify(network: Network, x: tf.Tensor): Promise<{ predicted: Int32Array; confidence: Float32Array }> {
  const [classes, probs] = tf.tidy(() => {
    const p = network.predict(x);
    return [tf.argMax(p, 1), tf.max(p, 1)];
  });
  const [predicted, confidence] = await Promise.all([classes.data(), probs.data()]);
  tf.dispose([classes, probs]);
  return { predicted: predicted as Int32Array, confidence: confidence as Float32Array };
}
