// Magnitude pruning: in every dense and conv2d kernel, the share `sparsity` of weights with the smallest |w| is
// set to zero and kept there by a mask. Per layer, as tfmot's prune_low_magnitude does: each kernel reaches the
// target, so no layer is emptied. A global threshold would strip the wide dense layers (whose Glorot-initialised
// weights are smallest) far past the target and spare the small conv kernels. Biases and batch-normalization
// parameters are left alone: they are few, and zeroing them shifts activations instead of removing connections.
import * as tf from '@tensorflow/tfjs';

export interface KernelSparsity {
  layer: string;
  /** Weights in the kernel. */
  count: number;
  /** Weights that are exactly zero now. */
  zeros: number;
  sparsity: number;
}

export interface SparsityReport {
  target: number;
  kernels: KernelSparsity[];
  /** Zeros over all pruned kernels / their weights. */
  overall: number;
}

interface Masked {
  layer: string;
  kernel: tf.Variable;
  /** 0 where pruned, 1 elsewhere; same shape as the kernel. */
  mask: tf.Tensor;
}

/** Layer classes whose `kernel` is pruned. */
const PRUNABLE = new Set(['Dense', 'Conv2D']);

export class PruningMasks {
  readonly target: number;
  readonly #masked: Masked[];

  constructor(target: number, masked: Masked[]) {
    this.target = target;
    this.#masked = masked;
  }

  /** kernel ← kernel · mask for every pruned kernel. Give it to TrainStep.afterUpdate to keep pruned weights at 0. */
  apply(): void {
    tf.tidy(() => {
      for (const { kernel, mask } of this.#masked) kernel.assign(tf.mul(kernel, mask));
    });
  }

  /** Zeros per kernel, counted on the kernels as they are now (one read-back). */
  async report(): Promise<SparsityReport> {
    const zeros = tf.tidy(() => tf.stack(this.#masked.map(({ kernel }) => tf.sum(tf.cast(tf.equal(kernel, 0), 'int32')))));
    const counts = await zeros.data();
    zeros.dispose();
    const kernels = this.#masked.map(({ layer, kernel }, i) => ({ layer, count: kernel.size, zeros: counts[i], sparsity: counts[i] / kernel.size }));
    const total = kernels.reduce((n, k) => n + k.count, 0);
    const zero = kernels.reduce((n, k) => n + k.zeros, 0);
    return { target: this.target, kernels, overall: total === 0 ? 0 : zero / total };
  }

  dispose(): void {
    tf.dispose(this.#masked.map((m) => m.mask));
  }
}

/**
 * Zeros the round(sparsity · n) smallest-magnitude weights of each dense and conv2d kernel of `model` (ties
 * broken by position, so the count is exact) and returns the masks. Prunes in place: prune a copy to keep the
 * original (see pruned-copy.ts).
 */
export function magnitudePrune(model: tf.LayersModel, sparsity: number): PruningMasks {
  if (!(sparsity >= 0 && sparsity < 1)) {
    throw new Error(`sparsity is ${sparsity}; give the share of weights to remove, from 0 (none) up to but not including 1`);
  }
  const masked: Masked[] = [];
  for (const layer of model.layers) {
    if (!PRUNABLE.has(layer.getClassName())) continue;
    const weight = layer.weights.find((w) => w.originalName.endsWith('/kernel'));
    if (!weight) continue;
    const kernel = weight.read() as tf.Variable;
    const values = kernel.dataSync();
    const order = Array.from(values.keys()).sort((a, b) => Math.abs(values[a]) - Math.abs(values[b]) || a - b);
    const mask = new Float32Array(values.length).fill(1);
    const prune = Math.round(sparsity * values.length);
    for (let i = 0; i < prune; i++) mask[order[i]] = 0;
    masked.push({ layer: layer.name, kernel, mask: tf.tensor(mask, kernel.shape) });
  }
  const masks = new PruningMasks(sparsity, masked);
  masks.apply();
  return masks;
}
