// The reference models of ../shared/gpu/torch_reference.py as engine specs, and random MNIST-shaped data, so the
// app, the bare tfjs loops, the engine and PyTorch all train the same network on the same shapes.
import { IMAGE_DATASETS } from '../src/data/catalog';
import type { Dataset } from '../src/data/dataset';
import { Random } from '../src/data/random';
import { conv2d, dense, flatten, maxPool, presetSpec } from '../src/engine/model/presets';
import type { ExperimentSpec, LayerSpec, OptimizerName } from '../src/engine/model/spec';

export type ReferenceModel = 'mlp' | 'cnn' | 'mlp-small' | 'mnist-cnn';

/**
 * 784-512-512-10 (the output layer follows from the dataset) and conv32-pool-conv64-pool-dense128-10; for the CPU
 * table also 784-128-128-10 and the MNIST CNN preset (conv8 5×5 same-pool-conv16 5×5-pool-dense120-dense84-10).
 */
export const REFERENCE_LAYERS: Record<ReferenceModel, LayerSpec[]> = {
  mlp: [flatten, dense(512), dense(512)],
  cnn: [conv2d(32, 3), maxPool(), conv2d(64, 3), maxPool(), flatten, dense(128)],
  'mlp-small': [flatten, dense(128), dense(128)],
  'mnist-cnn': [conv2d(8, 5, 'relu', 'same'), maxPool(), conv2d(16, 5), maxPool(), flatten, dense(120), dense(84)],
};

export interface ReferenceOptions {
  batchSize: number;
  /** MNIST training examples the spec asks for (the app loads these); at most 8,000. */
  trainSize?: number;
  validationSplit?: number;
  epochs?: number;
  optimizer?: OptimizerName;
  learningRate?: number;
  backend?: ExperimentSpec['training']['backend'];
}

/** The reference model on MNIST with Adam at 1e-3, as torch_reference.py trains it. */
export function referenceSpec(model: ReferenceModel, o: ReferenceOptions): ExperimentSpec {
  const spec = presetSpec('mnist-mlp');
  spec.model.layers = structuredClone(REFERENCE_LAYERS[model]);
  if (spec.dataset.kind !== 'images') throw new Error('the mnist-mlp preset is an image preset');
  spec.dataset.trainSize = o.trainSize ?? spec.dataset.trainSize;
  Object.assign(spec.training, {
    batchSize: o.batchSize, optimizer: o.optimizer ?? 'adam', learningRate: o.learningRate ?? 1e-3,
    validationSplit: o.validationSplit ?? 0, epochs: o.epochs ?? 1, backend: o.backend ?? 'auto',
  });
  return spec;
}

/** `count` random 28×28 byte images with random labels, seeded: speed does not depend on what the pixels show. */
export function randomImages(count: number, seed = 1): Dataset {
  const random = new Random(seed);
  const size = 28 * 28;
  const split = (n: number) => {
    const x = new Uint8Array(n * size);
    for (let i = 0; i < x.length; i++) x[i] = random.uint32() & 0xff;
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) y[i] = random.uint32() % 10;
    return { x, y, count: n };
  };
  return { info: IMAGE_DATASETS.mnist, train: split(count), test: split(64) };
}
