// What the weights look like while training: per layer kernel, the L2 norm and the share of weights near zero
// (both exact, reduced on the device) and a histogram (from a fixed random sample, so reading back stays small
// however large the layer).
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
  /** Bin edges run from -range to +range in BINS equal steps; counts are of the sample. */
  range: number;
  histogram: number[];
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
      ]);
      return [reductions, sample ? tf.gather(flat, sample) : flat];
    }));
    const values = await Promise.all(pending.map(([reductions, picked]) => Promise.all([reductions.data(), picked.data()])));
    tf.dispose(pending.flat());
    return values.map(([[norm, nearZero], picked], i) => {
      const { layer, kernel } = this.#kernels[i];
      const range = Math.max(1e-6, ...Array.from(picked, Math.abs));
      const histogram = new Array<number>(BINS).fill(0);
      for (const w of picked) histogram[Math.min(BINS - 1, Math.floor(((w + range) / (2 * range)) * BINS))]++;
      return { layer, count: kernel.size, norm, nearZero: nearZero / kernel.size, range, histogram };
    });
  }

  dispose() {
    tf.dispose([this.#threshold, ...this.#kernels.flatMap((k) => (k.sample ? [k.sample] : []))]);
  }
}
