// How much device memory a run needs at its peak, from the spec alone (no tfjs), so a run that cannot fit is
// refused before anything is built, with the figures, and a batch size that fits is suggested.
//
// "Peak" is the highest tf.memory().numBytes while the run trains: everything that lives for the whole run (the
// weights, the optimizer's slots, the uploaded data) plus the larger of
//   - the backward pass of one training step: every tensor the forward pass made at the batch size (tfjs's tape
//     keeps them all for backprop) with a gradient beside each, and the weight gradients being formed;
//   - the optimizer update: the weight gradients and every temporary of the update (Adam makes 15 weight-sized
//     tensors: g, β₁m, (1−β₁)g, m, g², …; they live until the step's tidy ends);
//   - one evaluation chunk: a forward pass, no tape, over up to 1,024 examples (validation, test, views).
// The per-layer counts below are the tensors tfjs's kernels and their gradients make, one set per backend (the
// spec's; Auto takes the largest), checked against tf.memory() on the CPU backend and numBytesInGPU on WebGL and
// WebGPU (tests/engine/model/memory-estimate.test.ts, tests/browser/memory-estimate-gpu.test.ts: within 30%).
import { datasetSizes } from './dataset-sizes';
import { datasetInfo } from '../../data/catalog';
import type { ExperimentSpec, LayerSpec, OptimizerName } from './spec';
import { summarize } from './summary';

/**
 * Examples evaluated at once (trainer.ts): 1,024, or 32 batches where the batch is under 32, so that a model
 * too large for big batches can still be validated in small chunks.
 */
export const evaluationChunk = (batchSize: number) => Math.min(1024, 32 * Math.max(1, Math.floor(batchSize)));

/** What WebGL and CPU runs are held to: the browser does not say how much memory they may take. */
export const STATED_BUDGET_BYTES = 2 * 1024 ** 3;

/**
 * The tensor counts of one backend: the same kernels make different temporaries on each (CPU's conv2d gradient
 * builds im2col-shaped matrices, WebGL's forward conv2d an im2col texture, WebGPU's fused optimizers one output
 * per weight). CPU's are checked against tf.memory() in tests/engine/model/memory-estimate.test.ts, WebGL's and
 * WebGPU's against tf.memory().numBytesInGPU in tests/browser/memory-estimate-gpu.test.ts.
 */
interface Profile {
  /** Tensors of an optimizer update per trainable value, gradients included (see the file's first comment). */
  update: Record<OptimizerName, number>;
  /** The weight gradients and their matMul/conv temporaries while the backward pass forms them, per trainable value. */
  backwardWeights: number;
  /** Per output value, in [training step (forward + backward), evaluation (forward only)]. */
  dense: [number, number];
  conv2d: [number, number];
  batchNormalization: [number, number];
  /** Added to dense or conv2d for an activation its kernel does not fuse (tanh, selu, swish). */
  unfused: [number, number];
  /**
   * A forward conv2d's im2col matrix (out height × out width × kernel² × in channels per example): it lives only
   * inside the kernel, so it adds to an evaluation (every activation so far still held) but not to the backward
   * pass's peak, which comes after it.
   */
  im2col: number;
  /** The update under a float16 policy where it differs (WebGPU's fused optimizers take float32 runs only). */
  updateFloat16?: Record<OptimizerName, number>;
}

const CPU: Profile = {
  update: { sgd: 3, momentum: 5, adam: 15, rmsprop: 10 },
  backwardWeights: 3,
  // fused kernels: the output; backward: dy, step(y) and dy·step(y) for the activation. CPU's conv2d gradient
  // adds about three more of the output's size (its im2col-shaped temporaries), and its inference about half of
  // one (measured: between 1 and 2 outputs' worth, depending on the kernel size).
  dense: [4, 2],
  conv2d: [7, 1.5],
  // moments, centring, scaling and their gradients, most of them the input's size
  batchNormalization: [8, 3],
  // the pre-activation, the activation and its derivative's temporaries
  unfused: [3, 1],
  im2col: 0,
};

export type MemoryBackend = 'cpu' | 'webgl' | 'webgpu';
// Measured with tf.memory().numBytesInGPU in Chromium (SwiftShader) on six shapes each: WebGL's optimizers make
// fewer temporaries than CPU's, its weight gradients come out of one matMul, and its forward conv2d builds an
// im2col texture; WebGPU's fused optimizers write one output per weight, its conv2d gradient makes fewer
// temporaries. Both make far more for batch normalization in training (its moments and broadcasts, each the
// input's size: about 30 per value, from one shape, conv16-tanh-batchnorm, alike on both).
const WEBGL: Profile = {
  update: { sgd: 2, momentum: 4, adam: 12, rmsprop: 8 },
  backwardWeights: 1.5,
  dense: [4, 1],
  conv2d: [7, 1],
  batchNormalization: [30, 3],
  unfused: [3, 1],
  im2col: 1,
};
const WEBGPU: Profile = {
  ...WEBGL,
  update: { sgd: 2, momentum: 3, adam: 3, rmsprop: 3 },
  updateFloat16: WEBGL.update,
  backwardWeights: 1,
  conv2d: [3, 1],
  im2col: 0,
};
const PROFILES: Record<MemoryBackend, Profile> = { cpu: CPU, webgl: WEBGL, webgpu: WEBGPU };

/** Slots kept between steps per trainable value: momentum's accumulator, Adam's two moments, RMSprop's mean square. */
const SLOTS: Record<OptimizerName, number> = { sgd: 0, momentum: 1, adam: 2, rmsprop: 1 };

/** Tensors of one layer's output size in [training step (forward + backward), evaluation (forward only)]. */
function tensorsPerOutput(layer: LayerSpec, p: Profile): [number, number] {
  switch (layer.type) {
    case 'dense':
    case 'conv2d': {
      const base = p[layer.type];
      const unfused = layer.activation === 'tanh' || layer.activation === 'selu' || layer.activation === 'swish';
      return unfused ? [base[0] + p.unfused[0], base[1] + p.unfused[1]] : base;
    }
    case 'maxPooling2d':
    case 'averagePooling2d': return [3, 1];
    case 'batchNormalization': return p.batchNormalization;
    // the mask, the product and a gradient each; no dropout at inference
    case 'dropout': return [4, 0];
    // a reshape shares its input's data
    case 'flatten': return [0, 0];
  }
}

export interface MemoryEstimate {
  batchSize: number;
  /** Every weight of the model (trainable and batch-norm moving statistics), bytes. */
  weights: number;
  optimizerSlots: number;
  /** The training, validation and test examples uploaded once, with their labels. */
  data: number;
  /** Per example of a training step: forward activations and their gradients. */
  activationsPerExample: number;
  /** The training step's activations at the batch size. */
  activations: number;
  /** Weight gradients with the optimizer update's temporaries, or the backward pass's (the larger). */
  gradientsAndUpdate: number;
  /** A forward pass over one evaluation chunk. */
  evaluation: number;
  /** The peak: what lives all run plus the largest of the step's backward pass, its update, an evaluation. */
  peak: number;
  /** What the peak is reached in. */
  peakIn: 'training step' | 'optimizer update' | 'evaluation';
  /** The largest single tensor (a GPU buffer must hold it), bytes. */
  largestTensor: number;
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * The estimate for `spec` at its batch size (or `batchSize`), with 4 B per value (tfjs stores float32 even under
 * a float16 policy, except WebGL's half-float textures: `halfStorage` halves every figure but the data's).
 */
export function estimateMemory(spec: ExperimentSpec, options: { batchSize?: number; halfStorage?: boolean; backend?: MemoryBackend } = {}): MemoryEstimate {
  const chosen = options.backend ?? spec.training.backend;
  // Auto picks its backend by measurement later: the largest of the three holds for any of them
  if (chosen !== 'cpu' && chosen !== 'webgl' && chosen !== 'webgpu' && chosen !== 'wasm') {
    const all = (['cpu', 'webgl', 'webgpu'] as const).map((backend) => estimateMemory(spec, { ...options, backend }));
    return all.reduce((a, b) => (b.peak > a.peak ? b : a));
  }
  const profile = PROFILES[chosen === 'wasm' ? 'cpu' : chosen];
  const batchSize = options.batchSize ?? spec.training.batchSize;
  const valueBytes = options.halfStorage ? 2 : 4;
  const info = datasetInfo(spec.dataset);
  const summary = summarize(spec);
  const { optimizer, precision } = spec.training;
  const casts = precision === 'float32' ? 0 : 2; // the rounded copy of each output and its gradient
  const inputSize = product(info.inputShape);
  const outputs = summary.layers.map((l) => product(l.outputShape));
  const classes = outputs[outputs.length - 1];
  // input: the gathered batch, its gradient through the first layer, the augmented copy's temporaries
  let step = 3 * inputSize;
  let evaluation = inputSize;
  let largestOutput = inputSize;
  let im2col = 0;
  spec.model.layers.forEach((layer, i) => {
    const [train, infer] = tensorsPerOutput(layer, profile);
    step += outputs[i] * (train + (train ? casts : 0));
    evaluation += outputs[i] * (infer + (infer ? casts / 2 : 0));
    largestOutput = Math.max(largestOutput, outputs[i]);
    if (layer.type === 'conv2d') {
      const c = summary.layers[i].outputShape[2];
      const inChannels = i === 0 ? info.inputShape[2] : summary.layers[i - 1].outputShape[2];
      im2col = Math.max(im2col, profile.im2col * (outputs[i] / c) * layer.kernelSize ** 2 * inChannels);
    }
  });
  evaluation += im2col;
  // the output layer's logits, and softmax cross-entropy's one-hot, softmax, log and products
  step += classes * (2 + 5 + casts);
  evaluation += classes * 6;
  const weightValues = summary.totalParams;
  const trainable = summary.trainableParams;
  const largestKernel = Math.max(...summary.layers.map((l) => l.params));
  const { train: trainCount, test: testCount } = datasetSizes(spec.dataset);
  const fitAndTest = trainCount + testCount;
  const fitCount = Math.floor(trainCount * (1 - spec.training.validationSplit));
  const chunk = Math.min(evaluationChunk(batchSize), Math.max(fitCount, testCount));
  const weightCopies = precision === 'float32' ? 0 : trainable; // float16 copies read in each step
  const weights = weightValues * valueBytes;
  const optimizerSlots = trainable * SLOTS[optimizer] * valueBytes;
  const data = fitAndTest * (inputSize + 1) * 4;
  const activationsPerExample = step * valueBytes;
  const activations = activationsPerExample * batchSize;
  const backward = activations + (profile.backwardWeights * trainable + weightCopies) * valueBytes;
  const updates = precision !== 'float32' && profile.updateFloat16 ? profile.updateFloat16 : profile.update;
  const update = (updates[optimizer] * trainable + weightCopies) * valueBytes;
  const evalChunk = evaluation * valueBytes * chunk;
  const resident = weights + optimizerSlots + data;
  const largestPart = Math.max(backward, update, evalChunk);
  const peakIn = largestPart === backward ? 'training step' : largestPart === update ? 'optimizer update' : 'evaluation';
  return {
    batchSize, weights, optimizerSlots, data, activationsPerExample, activations,
    gradientsAndUpdate: Math.max(backward - activations, update), evaluation: evalChunk,
    peak: resident + largestPart, peakIn,
    // an activation at the batch or evaluation chunk, a kernel, or the training inputs (uploaded as one tensor)
    largestTensor: Math.max(largestOutput * valueBytes * Math.max(batchSize, chunk), largestKernel * valueBytes, inputSize * 4 * trainCount),
  };
}

/** "3.3 GB", "41 MB", "820 kB": decimal units, as browsers and GPU vendors state sizes. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toPrecision(2)} ${units[unit]}`;
}
