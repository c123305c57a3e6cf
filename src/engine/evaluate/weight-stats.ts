// What the weights look like while training: per layer kernel, the L2 norm, the share of weights near zero and
// the count of non-finite ones (all exact, reduced on the device) and a histogram (from a fixed random sample, so
// reading back stays small however large the layer). NaN and ±Infinity are counted, never binned: a NaN would
// otherwise land in bin 0 and a diverged layer would look like one with a few large negative weights.
import * as tf from '@tensorflow/tfjs';
import { Random } from '../../data/random';
import type { Network } from '../model/network';

/** |w| below this counts as "near zero": the threshold the L1 lesson is judged by. */
export const NEAR_ZERO = 1e-3;
const SAMPLE = 4096;
const BINS = 40;

export interface LayerWeightStats {
  layer: string;
  count: number;
  norm: number;
  nearZero: number;
  /** Bin edges run from -range to +range in BINS equal steps; counts are of the sample's finite values. */
  range: number;
  histogram: number[];
  /** Weights of the whole kernel that are NaN or ±Infinity (left out of the histogram and the range). */
  nonFinite: number;
}

export class WeightStats {
  readonly #kernels: { layer: string; kernel: tf.Variable; sample: tf.Tensor1D | null }[];
  readonly #threshold = tf.scalar(NEAR_ZERO);

  constructor(network: Network) {
    const random = new Random(0x5a3);
    this.#kernels = network.kernels.map(({ layer, kernel }) => {
      const size = kernel.size;
      // a fixed sample of flat indices (all of them for small layers), drawn once
      const sample = size > SAMPLE ? tf.keep(tf.tensor1d(Int32Array.from({ length: SAMPLE }, () => random.int(size)), 'int32')) : null;
      return { layer, kernel, sample };
    });
  }

  async read(): Promise<LayerWeightStats[]> {
    const pending = this.#kernels.map(({ kernel, sample }) => tf.tidy(() => {
      const flat = tf.reshape(kernel, [-1]);
      const reductions = tf.stack([
        tf.norm(flat),
        tf.sum(tf.cast(tf.less(tf.abs(flat), this.#threshold), 'float32')),
        tf.sum(tf.cast(tf.logicalNot(tf.isFinite(flat)), 'float32')),
      ]);
      return [reductions, sample ? tf.gather(flat, sample) : flat];
    }));
    const values = await Promise.all(pending.map(([reductions, picked]) => Promise.all([reductions.data(), picked.data()])));
    tf.dispose(pending.flat());
    return values.map(([[norm, nearZero, nonFinite], picked], i) => {
      const { layer, kernel } = this.#kernels[i];
      const finite = Array.from(picked).filter(Number.isFinite);
      const range = finite.reduce((r, w) => Math.max(r, Math.abs(w)), 1e-6);
      const histogram = new Array<number>(BINS).fill(0);
      for (const w of finite) histogram[Math.min(BINS - 1, Math.floor(((w + range) / (2 * range)) * BINS))]++;
      return { layer, count: kernel.size, norm, nearZero: nearZero / kernel.size, range, histogram, nonFinite };
    });
  }

  dispose() {
    tf.dispose([this.#threshold, ...this.#kernels.flatMap((k) => (k.sample ? [k.sample] : []))]);
  }
}
