// Integrated gradients (Sundararajan et al. 2017) for one input row: attribution_i = (x_i − x'_i) ·
// ∫₀¹ ∂f(x' + α(x − x'))/∂x_i dα, with f the chosen class's probability (or the regression output) and x' the
// baseline (all zeros: for standardized table columns, the average row). The integral is the trapezoid rule over
// `steps` equal intervals, all points in one batch. Completeness: Σ attribution ≈ f(x) − f(x'), which the result
// carries so a reader (and a test) can see how close the sum came.
import * as tf from '@tensorflow/tfjs';
import type { Network } from '../model/network';

export const IG_STEPS = 64;

export interface Attribution {
  /** One value per input feature, in f's units. */
  attributions: Float32Array;
  /** f at the input and at the baseline. */
  output: number;
  baselineOutput: number;
}

/** `row`: one example, flattened [features]; `target`: the class (ignored for regression). */
export async function integratedGradients(network: Network, row: Float32Array, target: number, baseline = new Float32Array(row.length), steps = IG_STEPS): Promise<Attribution> {
  if (baseline.length !== row.length) throw new Error(`The baseline has ${baseline.length} values but the row has ${row.length}: give one value per input.`);
  if (!(steps >= 1)) throw new Error('Integrated gradients need at least one step.');
  const shape = network.inputShape;
  const f = (x: tf.Tensor) => {
    const out = network.forward(x, { training: false });
    const values = network.task === 'classification' ? tf.softmax(out) : out;
    return tf.squeeze(tf.slice(values, [0, network.task === 'classification' ? target : 0], [-1, 1]), [1]);
  };
  const [attributions, ends] = tf.tidy(() => {
    const x = tf.tensor1d(row);
    const x0 = tf.tensor1d(baseline);
    const alphas = tf.linspace(0, 1, steps + 1).reshape([steps + 1, 1]);
    const path = tf.add(x0, tf.mul(alphas, tf.sub(x, x0))).reshape([steps + 1, ...shape]);
    // Σ over the path of f: each point's gradient is its own
    const grads = tf.grad((p: tf.Tensor) => tf.sum(f(p)))(path).reshape([steps + 1, row.length]);
    // trapezoid: the two ends weigh half
    const weights = tf.tensor1d(Array.from({ length: steps + 1 }, (_, i) => (i === 0 || i === steps ? 0.5 : 1) / steps)).reshape([steps + 1, 1]);
    const average = tf.sum(tf.mul(grads, weights), 0);
    const outputs = f(tf.stack([x0, x]).reshape([2, ...shape]));
    return [tf.mul(tf.sub(x, x0), average), outputs];
  });
  const [values, [baselineOutput, output]] = await Promise.all([attributions.data(), ends.data()]);
  tf.dispose([attributions, ends]);
  return { attributions: values as Float32Array, output, baselineOutput };
}
