// One training step: forward with this step's dropout masks, loss plus kernel penalty, gradients, optimizer
// update. Loss and correct-prediction sums accumulate on the device; nothing is read back here.
import * as tf from '@tensorflow/tfjs';
import type { Random } from '../../data/random';
import { correctCount, kernelPenalty, meanSquaredError, ScalarCache, softmaxCrossEntropy } from './losses';
import { fastForward } from './fast-forward';
import type { ForwardOptions, Network } from '../model/network';
import { ClippingOptimizer, isClipping } from './clipping';
import type { Optimizer } from './optimizer';
import { createOptimizer } from './optimizers';
import { fusedAccumulate, fusedSoftmaxCrossEntropy, variableGradsWithSeed } from './fast-step';
import { Precision } from '../precision/policy';
import { DeviceDropout, deviceDropoutOn } from './dropout';
import type { TrainingSpec } from '../model/spec';

/** What the steps since the last take() added up to, still on the device. */
export interface StepTotals {
  /**
   * [Σ batch-mean loss, Σ correct predictions] as one float32 tensor, so one read brings both; under a float16
   * policy followed by Precision.take()'s four values (loss scale, skipped steps, flush counts).
   */
  sums: tf.Tensor1D;
  /** Gradient values the precision policy observed for its flush counts (0 under float32). */
  observed: number;
  steps: number;
  examples: number;
}

export class TrainStep {
  readonly network: Network;
  readonly optimizer: Optimizer;
  /** The run's precision policy: float16 casts, loss scaling, guarded updates (precision/policy.ts). */
  readonly precision: Precision;
  readonly #scalars = new ScalarCache();
  readonly #random: Random;
  /**
   * On a GPU backend, dropout masks made on the device from the run's seed (dropout.ts), so no step uploads one.
   * On CPU and WASM the tensors live in the same memory as JS, nothing is uploaded, and the masks stay the JS
   * generator's: the lessons' figures were measured with those (with the device hash the dropout lesson's gap
   * narrowed by 0.03 instead of 0.10 at its seed, a different draw of masks on 200 digits).
   */
  readonly #dropout: DeviceDropout | null;
  readonly #numClasses: number;
  #lossSum: tf.Scalar = tf.keep(tf.scalar(0));
  #correctSum: tf.Scalar = tf.keep(tf.scalar(0));
  #steps = 0;
  #examples = 0;
  /** Runs after every optimizer update, inside the step's tidy: e.g. re-applying pruning masks. */
  afterUpdate: (() => void) | null = null;

  /** Per-class loss weights [classes], or null for an unweighted loss. */
  readonly #classWeights: tf.Tensor1D | null;

  /** The variables this step updates: the network's trainable ones, less those of frozen layers (fine-tuning). */
  readonly trainable: tf.Variable[];

  /** `trainable`: what to update, all of the network's trainable variables unless layers are frozen (Network.trainableExcept). */
  constructor(network: Network, training: TrainingSpec, numClasses: number, random: Random, classWeights: number[] | null = null, trainable = network.trainable) {
    this.network = network;
    this.trainable = trainable;
    const optimizer = createOptimizer(training.optimizer, training.learningRate, this.trainable);
    this.optimizer = isClipping(training) ? new ClippingOptimizer(optimizer, training) : optimizer;
    this.precision = new Precision(training);
    network.castDefaults = this.precision.inferenceForward();
    this.#random = random;
    this.#dropout = deviceDropoutOn() && ['webgl', 'webgpu'].includes(tf.getBackend()) ? new DeviceDropout(random, this.#scalars) : null;
    this.#numClasses = numClasses;
    this.#classWeights = classWeights ? tf.keep(tf.tensor1d(classWeights)) : null;
  }

  /** The mean loss of a batch with the kernel penalty, and the logits, computed as in training. */
  #loss(x: tf.Tensor, y: tf.Tensor, keepOutput: (out: tf.Tensor) => void): tf.Scalar {
    const options: ForwardOptions = {
      training: true, dropoutMask: (layer, rate, shape) => this.#dropout?.mask(layer, rate, shape) ?? this.#hostDropoutMask(rate, shape), ...this.precision.trainingForward(),
    };
    // the fused forward and loss know no float16 casts: fastForward declines when readWeight is set
    const out = fastForward(this.network, x, options) ?? this.network.forward(x, options);
    keepOutput(tf.keep(out));
    const invBatch = this.#scalars.get(1 / x.shape[0]);
    // fast-step.ts: fused WebGPU kernels where they apply, else the tensor ops
    const dataLoss = this.network.task === 'classification'
      ? (this.precision.active ? null : fusedSoftmaxCrossEntropy(out, y, this.#classWeights))
        ?? softmaxCrossEntropy(out, tf.oneHot(y as tf.Tensor1D, this.#numClasses, 1, 0, 'float32'), invBatch, this.#classWeights)
      : meanSquaredError(out, y, invBatch);
    const penalty = kernelPenalty(this.network.regularized, this.#scalars);
    return penalty ? tf.add(dataLoss, penalty) : dataLoss;
  }

  /** Inverted dropout: each unit kept with probability 1 − rate and scaled by 1/(1 − rate), from the run's seed. */
  #hostDropoutMask(rate: number, shape: number[]): tf.Tensor {
    const size = shape.reduce((a, b) => a * b, 1);
    const mask = new Float32Array(size);
    const scale = 1 / (1 - rate);
    for (let i = 0; i < size; i++) mask[i] = this.#random.next() >= rate ? scale : 0;
    return tf.tensor(mask, shape);
  }

  /** Trains on one batch: x [batch, …inputShape], y int32 [batch] labels or float32 [batch, 1] targets. */
  run(x: tf.Tensor, y: tf.Tensor): void {
    let out: tf.Tensor | null = null;
    let loss: tf.Scalar | null = null;
    const vars = this.trainable;
    const precision = this.precision;
    tf.tidy(() => {
      // under mixed_float16 the differentiated value is the scaled loss; the loss itself is kept for the totals
      const { grads } = variableGradsWithSeed(() => {
        loss = tf.keep(this.#loss(x, y, (o) => (out = o)));
        return precision.differentiable(loss);
      }, vars, this.#scalars.get(1));
      const value = loss!;
      if (precision.active) precision.applyGradients(this.optimizer, vars, grads, this.afterUpdate ?? undefined);
      else {
        this.optimizer.applyGradients(vars, grads);
        this.afterUpdate?.();
      }
      const classification = this.network.task === 'classification';
      const [lossSum, correctSum] = (classification && fusedAccumulate(this.#lossSum, this.#correctSum, value, out!, y))
        || [tf.add(this.#lossSum, value) as tf.Scalar, classification ? tf.add(this.#correctSum, correctCount(out!, y)) as tf.Scalar : this.#correctSum];
      tf.dispose([this.#lossSum, this.#correctSum].filter((t) => t !== lossSum && t !== correctSum));
      this.#lossSum = tf.keep(lossSum);
      this.#correctSum = tf.keep(correctSum);
    });
    tf.dispose([out!, loss!]);
    if (this.#dropout && this.network.spec.model.layers.some((l) => l.type === 'dropout')) this.#dropout.advance();
    this.#steps += 1;
    this.#examples += x.shape[0];
  }

  /** The generator of host dropout masks, and the device masks' step seed (null off the GPU): checkpoint state. */
  get dropoutRandom(): Random {
    return this.#random;
  }

  get deviceDropoutSeed(): tf.Variable | null {
    return this.#dropout?.stepSeed ?? null;
  }

  /** Hands over the totals since the last take and starts new ones. The caller disposes `sums`. */
  take(): StepTotals {
    const taken = this.precision.take();
    const sums = tf.tidy(() => {
      const both = tf.stack([this.#lossSum, this.#correctSum]);
      return (taken ? tf.concat([both, taken.values]) : both) as tf.Tensor1D;
    });
    taken?.values.dispose();
    const totals = { sums, observed: taken?.observed ?? 0, steps: this.#steps, examples: this.#examples };
    tf.dispose([this.#lossSum, this.#correctSum]);
    this.#lossSum = tf.keep(tf.scalar(0));
    this.#correctSum = tf.keep(tf.scalar(0));
    this.#steps = 0;
    this.#examples = 0;
    return totals;
  }

  dispose() {
    tf.dispose([this.#lossSum, this.#correctSum, ...(this.#classWeights ? [this.#classWeights] : [])]);
    this.optimizer.dispose();
    this.precision.dispose();
    this.#dropout?.dispose();
    this.#scalars.dispose();
  }
}
