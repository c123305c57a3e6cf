// Paired A/B runs start from the same weights: every weight the variant shares with the baseline (same layer
// name, same weight name, same shape) is copied over, so the difference between the runs is the technique.
import type { Network } from './network';

export interface Pairing {
  /** Weight tensors copied from the baseline. */
  shared: number;
  /** Weight tensors the variant has. */
  total: number;
}

export function shareInitialWeights(baseline: Network, variant: Network): Pairing {
  const source = new Map(baseline.model.weights.map((w) => [w.originalName, w]));
  let shared = 0;
  for (const w of variant.model.weights) {
    const from = source.get(w.originalName);
    if (from && from.shape.join() === w.shape.join()) {
      w.write(from.read());
      shared += 1;
    }
  }
  return { shared, total: variant.model.weights.length };
}
