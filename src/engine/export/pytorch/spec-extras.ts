// The spec fields of version 2 the exported script reads: a layer's kernel initializer (and the stddev of
// randomNormal), gradient clipping and the learning-rate schedule, as plain values for the generator.
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

export function kernelInitOf(layer: LayerSpec): KernelInit {
  return layer.type === 'dense' || layer.type === 'conv2d'
    ? { initializer: layer.kernelInitializer, stddev: layer.initStddev }
    : { initializer: 'glorotUniform', stddev: 0.05 };
}

export function clippingOf(training: TrainingSpec): Clipping {
  return { clipnorm: training.clipnorm, clipvalue: training.clipvalue, globalClipnorm: training.globalClipnorm };
}

/** The learning-rate schedule, or null for a constant rate. */
export function scheduleOf(training: TrainingSpec): TrainingSpec['schedule'] | null {
  return training.schedule.kind === 'constant' ? null : training.schedule;
}
