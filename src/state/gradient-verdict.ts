// What the per-layer gradient norms say, in words: vanishing (the first layer's gradient orders of magnitude
// below the output layer's), exploding (non-finite, or grown by orders of magnitude since the first reading),
// or healthy. Judged on the probe's kernels in layer order, input side first.
import type { LayerGradientStats } from '../engine/evaluate/gradient-stats';

export const GRADIENT_THRESHOLDS = {
  /** First layer's norm over the output layer's below this: vanishing. */
  vanishing: 1e-2,
  /** Largest norm over the largest of the first reading above this: exploding. */
  growth: 1e2,
} as const;

export type GradientLevel = 'vanishing' | 'exploding' | 'healthy';

export interface GradientVerdict {
  level: GradientLevel;
  message: string;
}

const largest = (layers: LayerGradientStats[]) => Math.max(...layers.map((l) => l.norm));

/** `latest` and `first`: the newest and the first reading of one arm, kernels in layer order. */
export function gradientVerdict(latest: LayerGradientStats[], first: LayerGradientStats[] = latest): GradientVerdict | null {
  if (latest.length === 0) return null;
  const broken = latest.find((l) => l.nonFinite > 0 || !Number.isFinite(l.norm));
  if (broken) {
    return { level: 'exploding', message: `Exploding: ${broken.layer}'s gradient is not finite (NaN or ∞). Lower the learning rate or clip the gradients (clipnorm).` };
  }
  const grown = largest(latest) / largest(first);
  if (first !== latest && grown > GRADIENT_THRESHOLDS.growth) {
    return { level: 'exploding', message: `Exploding: the largest gradient norm grew ${Math.round(grown).toLocaleString('en')}× since training began. Lower the learning rate or clip the gradients.` };
  }
  const input = latest[0];
  const output = latest[latest.length - 1];
  const ratio = input.norm / output.norm;
  if (latest.length > 1 && output.norm > 0 && ratio < GRADIENT_THRESHOLDS.vanishing) {
    const orders = Math.floor(-Math.log10(ratio));
    return { level: 'vanishing', message: `Vanishing: ${input.layer}'s gradient is ${orders} orders of magnitude below ${output.layer}'s, so the first layers barely learn. Try ReLU with heNormal, or batch normalization.` };
  }
  return { level: 'healthy', message: 'Healthy: gradients of similar size in every layer.' };
}
