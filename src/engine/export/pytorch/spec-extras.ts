// The spec fields the exported script reads that not every spec has yet: a layer's kernel initializer (and the
// stddev of randomNormal), gradient clipping and a learning-rate schedule. Read here, in one place, with
// Keras's defaults where a field is absent, so the rest of the generator sees plain values.
import type { LayerSpec, TrainingSpec } from '../../model/spec';

export interface KernelInit {
  initializer: string;
  /** Standard deviation for randomNormal (Keras's default 0.05). */
  stddev: number;
}

export interface Clipping {
  /** Keras's clipnorm (each gradient tensor to this L2 norm), 0 = off. */
  clipnorm: number;
  /** Keras's clipvalue (each gradient value into ±this), 0 = off. */
  clipvalue: number;
  /** Keras's global_clipnorm (all gradients together to this L2 norm), 0 = off. */
  globalClipnorm: number;
}

type Loose = Record<string, unknown>;
const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

export function kernelInitOf(layer: LayerSpec): KernelInit {
  const loose = layer as unknown as Loose;
  const initializer = typeof loose.kernelInitializer === 'string' ? loose.kernelInitializer : 'glorotUniform';
  return { initializer, stddev: num(loose.initStddev, 0.05) };
}

export function clippingOf(training: TrainingSpec): Clipping {
  const loose = training as unknown as Loose;
  return { clipnorm: num(loose.clipnorm, 0), clipvalue: num(loose.clipvalue, 0), globalClipnorm: num(loose.globalClipnorm, 0) };
}

/** The learning-rate schedule as the spec holds it (any shape), or null for a constant rate. */
export function scheduleOf(training: TrainingSpec): unknown {
  const schedule = (training as unknown as Loose).schedule;
  return schedule === undefined || schedule === null ? null : schedule;
}
