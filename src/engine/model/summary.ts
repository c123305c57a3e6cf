// Per-layer output shapes and parameter counts, computed from the spec alone (no tfjs), so the page can show
// them as the user types and refuse a model that cannot work before anything is built.
import { datasetInfo, type DatasetInfo } from '../../data/catalog';
import { layerProblems } from './field-check';
import type { ExperimentSpec, LayerSpec, LayerType } from './spec';

export interface LayerSummary {
  /** Keras-style name: dense_1, conv2d_2, …; the implicit last layer is "output". */
  name: string;
  type: LayerType | 'output';
  /** Shape of one example's output, batch dimension left out; empty when it cannot be computed. */
  outputShape: number[];
  params: number;
  trainableParams: number;
  /** Why this layer cannot work on its input, phrased as what to change. */
  problem?: string;
}

export interface ModelSummary {
  inputShape: number[];
  layers: LayerSummary[];
  totalParams: number;
  trainableParams: number;
}

const SNAKE_NAMES: Record<LayerType, string> = {
  dense: 'dense', conv2d: 'conv2d', maxPooling2d: 'max_pooling2d', averagePooling2d: 'average_pooling2d',
  batchNormalization: 'batch_normalization', dropout: 'dropout', flatten: 'flatten',
};

/** Keras-style names (dense_1, dropout_2, …), numbered per type in order. */
export function layerNames(layers: LayerSpec[]): string[] {
  const counts = new Map<LayerType, number>();
  return layers.map((layer) => {
    const n = (counts.get(layer.type) ?? 0) + 1;
    counts.set(layer.type, n);
    return `${SNAKE_NAMES[layer.type]}_${n}`;
  });
}

/** Units of the implicit output layer: one per class, or a single value for regression. */
export function outputUnits(info: DatasetInfo): number {
  return info.task === 'regression' ? 1 : info.classNames.length;
}

const formatShape = (shape: number[]) => shape.join('×');

/** Spatial output size of a window sliding over `size` cells: ⌊(size − window)/stride⌋ + 1, or ⌈size/stride⌉ for 'same'. */
function slide(size: number, window: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

type Step = { outputShape: number[]; params?: number; trainable?: number; problem?: string };

function needsImage(name: string, input: number[], what: string): string | undefined {
  if (input.length === 3) return undefined;
  return input.length === 1 && input[0] === 2
    ? `${name} needs an image (height × width × channels), but this dataset gives each example as 2 numbers. ` +
        `Use dense layers, or pick MNIST or Fashion-MNIST.`
    : `${name} needs an image-shaped input (height × width × channels) but receives a flat vector of ${input[0]}. ` +
        `Move ${what} before the flatten layer.`;
}

function step(layer: LayerSpec, name: string, input: number[]): Step {
  switch (layer.type) {
    case 'dense': {
      if (input.length !== 1) {
        return { outputShape: [], problem: `${name} receives a ${formatShape(input)} feature map; add a flatten layer before it.` };
      }
      return { outputShape: [layer.units], params: input[0] * layer.units + layer.units };
    }
    case 'conv2d': {
      const problem = needsImage(name, input, 'it');
      if (problem) return { outputShape: [], problem };
      const [h, w, c] = input;
      const k = layer.kernelSize;
      if (layer.padding === 'valid' && (k > h || k > w)) {
        return {
          outputShape: [],
          problem: `${name}: kernel ${k}×${k} is larger than its ${h}×${w} input. Use a kernel of at most ${Math.min(h, w)}, ` +
            `padding 'same', or fewer pooling layers before it.`,
        };
      }
      const out = [slide(h, k, layer.strides, layer.padding), slide(w, k, layer.strides, layer.padding), layer.filters];
      return { outputShape: out, params: k * k * c * layer.filters + layer.filters };
    }
    case 'maxPooling2d':
    case 'averagePooling2d': {
      const problem = needsImage(name, input, 'pooling');
      if (problem) return { outputShape: [], problem };
      const [h, w, c] = input;
      if (layer.poolSize > h || layer.poolSize > w) {
        return {
          outputShape: [],
          problem: `${name}: pool ${layer.poolSize}×${layer.poolSize} is larger than its ${h}×${w} input. ` +
            `Use a pool of at most ${Math.min(h, w)} or remove a pooling layer before it.`,
        };
      }
      return { outputShape: [slide(h, layer.poolSize, layer.strides, 'valid'), slide(w, layer.poolSize, layer.strides, 'valid'), c] };
    }
    case 'batchNormalization': {
      // gamma and beta learn; the moving mean and variance are statistics, not trained by gradients
      const channels = input[input.length - 1];
      return { outputShape: input, params: 4 * channels, trainable: 2 * channels };
    }
    case 'dropout':
      return { outputShape: input };
    case 'flatten':
      return { outputShape: [input.reduce((a, b) => a * b, 1)] };
  }
}

/** Output shape and parameter count of every layer, the implicit output layer included. */
export function summarize(spec: ExperimentSpec): ModelSummary {
  const info = datasetInfo(spec.dataset);
  const names = layerNames(spec.model.layers);
  const layers: LayerSummary[] = [];
  let shape = info.inputShape;
  for (const [i, layer] of spec.model.layers.entries()) {
    // A setting the layer cannot have (units −5, kernel 29) gives no shape and no count, only what to fix.
    const invalid = layerProblems(spec, layer, names[i], '')[0];
    const s: Step = invalid ? { outputShape: [], problem: invalid.message } : shape.length ? step(layer, names[i], shape) : { outputShape: [] };
    const params = s.params ?? 0;
    layers.push({ name: names[i], type: layer.type, outputShape: s.outputShape, params, trainableParams: s.trainable ?? params, problem: s.problem });
    shape = s.outputShape;
  }
  const units = outputUnits(info);
  const output: LayerSummary = { name: 'output', type: 'output', outputShape: [units], params: 0, trainableParams: 0 };
  if (shape.length === 1) {
    output.params = output.trainableParams = shape[0] * units + units;
  } else if (shape.length > 1) {
    output.problem = `The output layer needs a flat vector but receives a ${formatShape(shape)} feature map; add a flatten layer at the end.`;
  }
  layers.push(output);
  const totalParams = layers.reduce((sum, l) => sum + l.params, 0);
  const trainableParams = layers.reduce((sum, l) => sum + l.trainableParams, 0);
  return { inputShape: info.inputShape, layers, totalParams, trainableParams };
}
