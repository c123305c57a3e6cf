// A training run on device-resident data: epochs of seeded shuffled batches, validation after each epoch.
// It queues work and never waits for the GPU; reading results back is the caller's choice (see loop.ts).
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/dataset';
import { Random, permutation } from '../../data/random';
import { uploadDataset, type DeviceData, type DeviceSplit } from './device-data';
import { kernelPenalty, meanSquaredError, ScalarCache, softmaxCrossEntropy, correctCount } from './losses';
import { Network } from '../model/network';
import { augmentBatch, isAugmenting } from './augment';
import { balancedClassWeights, oversampledOrder } from './rebalance';
import { classCounts } from '../../data/imbalance';
import type { Augmentation, ExperimentSpec } from '../model/spec';
import { LearningRateController } from './schedules';
import { TrainStep } from './train-step';
import { evaluationChunk } from '../model/memory-estimate';

/** A split's mean loss and accuracy (Trainer.evaluate, as Keras's model.evaluate); the test report is protocol's Evaluation. */
export interface LossAndAccuracy {
  /** Mean loss, kernel penalty included as Keras reports it. */
  loss: number;
  /** Share of correct predictions; null for regression. */
  accuracy: number | null;
}

/** Independent streams from one seed, so adding dropout to a run cannot change its batch order. */
const STREAM = { shuffle: 0x51, dropout: 0xd0, augment: 0xa6 } as const;

export interface TrainerOptions {
  /** A network to train instead of a fresh one built from the spec (e.g. an imported model to fine-tune). */
  network?: Network;
  /** Validate on fold `index` of `folds` instead of the spec's validation split (k-fold cross-validation). */
  fold?: { index: number; folds: number };
  /**
   * Layers (indices into spec.model.layers; its length for the output layer) whose weights stay as they are,
   * as Keras's layer.trainable = false: for fine-tuning a loaded `network` on other data.
   */
  frozenLayers?: number[];
}

export class Trainer {
  readonly spec: ExperimentSpec;
  readonly network: Network;
  readonly data: DeviceData;
  readonly step: TrainStep;
  readonly #shuffle: Random;
  readonly #augmentRandom: Random;
  readonly #augmentation: Augmentation | null;
  readonly #scalars = new ScalarCache();
  readonly #rates: LearningRateController;
  #order: tf.Tensor1D | null = null;
  /** The rate the last queued step used. */
  learningRate: number;
  /** Completed epochs. */
  epoch = 0;
  /** Batches done in the current epoch. */
  batch = 0;
  /** Batches done in the whole run. */
  globalStep = 0;
  /** The layers held (options.frozenLayers, sorted): a checkpoint records them, so a resume holds them too. */
  readonly frozenLayers: readonly number[];
  /** The cross-validation fold this trainer validates on (options.fold): a checkpoint records it. */
  readonly fold: { index: number; folds: number } | null;

  constructor(spec: ExperimentSpec, dataset: Dataset, options: TrainerOptions = {}) {
    this.spec = spec;
    this.frozenLayers = [...new Set(options.frozenLayers ?? [])].sort((a, b) => a - b);
    this.fold = options.fold ?? null;
    this.network = options.network ?? new Network(spec);
    let data: DeviceData | null = null;
    try {
      this.data = data = uploadDataset(dataset, spec, options.fold);
      this.step = this.#buildStep(spec, options.frozenLayers ?? []);
    } catch (e) {
      // a half-built trainer has no owner to dispose it; a network handed in stays the caller's
      data?.dispose();
      if (!options.network) this.network.dispose();
      throw e;
    }
    const seed = spec.training.seed;
    this.#shuffle = new Random(seed ^ STREAM.shuffle);
    this.#augmentRandom = new Random(seed ^ STREAM.augment);
    this.#augmentation = spec.dataset.kind === 'images' && isAugmenting(spec.dataset.augmentation) ? spec.dataset.augmentation : null;
    this.learningRate = spec.training.learningRate;
    this.#rates = new LearningRateController(spec.training.schedule, spec.training.learningRate, {
      stepsPerEpoch: this.batchesPerEpoch, totalSteps: this.batchesPerEpoch * spec.training.epochs,
    });
  }

  /** A new learning rate from the next step on, the schedule keeping its shape around it (a live edit). */
  setBaseLearningRate(rate: number): void {
    this.#rates.setBase(rate);
  }

  /** The generators of batch order and augmentation, and the learning-rate controller: checkpoint state. */
  get randoms(): { shuffle: Random; augment: Random } {
    return { shuffle: this.#shuffle, augment: this.#augmentRandom };
  }

  get rates(): LearningRateController {
    return this.#rates;
  }

  /** After each epoch's validation: what a plateau schedule watches. */
  afterValidation(validation: LossAndAccuracy): void {
    this.#rates.epochEnd(validation.loss);
  }

  #buildStep(spec: ExperimentSpec, frozenLayers: number[]): TrainStep {
    const trainable = this.network.trainableExcept(frozenLayers); // refuses a bad freeze before the step makes any tensor
    const classWeights = spec.training.rebalance === 'classWeights' && this.data.fitLabels
      ? balancedClassWeights(this.data.fitLabels, this.data.numClasses) : null;
    return new TrainStep(this.network, spec.training, this.data.numClasses, new Random(spec.training.seed ^ STREAM.dropout), classWeights, trainable);
  }

  /** Examples in one epoch: the fitted set, or more when oversampling tops up the smaller classes. */
  get examplesPerEpoch(): number {
    const labels = this.data.fitLabels;
    if (this.spec.training.rebalance !== 'oversample' || !labels) return this.data.fit.count;
    const present = classCounts(labels, this.data.numClasses).filter((c) => c > 0);
    return present.length * Math.max(...present);
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.examplesPerEpoch / this.spec.training.batchSize);
  }

  get done(): boolean {
    return this.epoch >= this.spec.training.epochs;
  }

  /** Training progress in epochs, fractional within an epoch. */
  get progress(): number {
    return this.epoch + this.batch / this.batchesPerEpoch;
  }

  /** This epoch's example order (batch after batch), as the seed gives it: what paired runs must share. */
  currentOrder: Int32Array | null = null;

  /** Queues one batch. Returns true when that batch completed an epoch. */
  runBatch(): boolean {
    if (this.done) return false;
    if (!this.#order) {
      this.currentOrder = this.#epochOrder();
      this.#order = tf.keep(tf.tensor1d(this.currentOrder, 'int32'));
    }
    const { batchSize } = this.spec.training;
    const start = this.batch * batchSize;
    const size = Math.min(batchSize, this.#order.shape[0] - start);
    tf.tidy(() => {
      const indices = tf.slice(this.#order!, start, size);
      let x = tf.gather(this.data.fit.x, indices);
      if (this.#augmentation) x = augmentBatch(x as tf.Tensor4D, this.#augmentation, this.#augmentRandom);
      this.learningRate = this.#rates.rateAt(this.globalStep);
      this.step.optimizer.setLearningRate(this.learningRate);
      this.step.run(x, tf.gather(this.data.fit.y, indices));
    });
    this.batch += 1;
    this.globalStep += 1;
    if (this.batch < this.batchesPerEpoch) return false;
    this.#order.dispose();
    this.#order = null;
    this.batch = 0;
    this.epoch += 1;
    return true;
  }

  #epochOrder(): Int32Array {
    const labels = this.data.fitLabels;
    return this.spec.training.rebalance === 'oversample' && labels
      ? oversampledOrder(labels, this.data.numClasses, this.#shuffle)
      : permutation(this.data.fit.count, this.#shuffle);
  }

  /** Examples per evaluation chunk: each chunk's forward pass is freed before the next (memory-estimate.ts). */
  get #chunk(): number {
    return evaluationChunk(this.spec.training.batchSize);
  }

  /** Loss and accuracy over a whole split, in inference mode (no dropout, batch-norm moving statistics). */
  async evaluate(split: DeviceSplit): Promise<LossAndAccuracy> {
    const classification = this.network.task === 'classification';
    // running sums stay on the device; each chunk's activations go as soon as its sums are added
    let lossSum: tf.Tensor = tf.scalar(0);
    let correct: tf.Tensor = tf.scalar(0);
    for (let start = 0; start < split.count; start += this.#chunk) {
      const size = Math.min(this.#chunk, split.count - start);
      const [nextLoss, nextCorrect] = tf.tidy(() => {
        const x = tf.slice(split.x, start, size);
        const y = tf.slice(split.y, start, size);
        const out = this.network.forward(x, { training: false });
        const weight = this.#scalars.get(size / split.count);
        const invBatch = this.#scalars.get(1 / size);
        const loss = classification
          ? softmaxCrossEntropy(out, tf.oneHot(y as tf.Tensor1D, this.data.numClasses, 1, 0, 'float32'), invBatch)
          : meanSquaredError(out, y, invBatch);
        return [tf.add(lossSum, tf.mul(loss, weight)), classification ? tf.add(correct, correctCount(out, y)) : tf.clone(correct)];
      });
      tf.dispose([lossSum, correct]);
      lossSum = nextLoss;
      correct = nextCorrect;
    }
    const sums = tf.tidy(() => {
      const penalty = kernelPenalty(this.network.regularized, this.#scalars);
      return tf.stack([penalty ? tf.add(lossSum, penalty) : lossSum, correct]);
    });
    tf.dispose([lossSum, correct]);
    const [loss, correctCountValue] = await sums.data();
    sums.dispose();
    return { loss, accuracy: classification ? correctCountValue / split.count : null };
  }

  /** Predicted class probabilities [count, classes] (or values [count, 1]) for a whole split, read back. */
  async predict(split: DeviceSplit): Promise<Float32Array> {
    const chunks: tf.Tensor[] = [];
    for (let start = 0; start < split.count; start += this.#chunk) {
      chunks.push(tf.tidy(() => this.network.predict(tf.slice(split.x, start, Math.min(this.#chunk, split.count - start)))));
    }
    const out = chunks.length === 1 ? chunks[0] : tf.concat(chunks);
    if (chunks.length > 1) tf.dispose(chunks);
    const values = (await out.data()) as Float32Array;
    out.dispose();
    return values;
  }

  /** Frees everything; with `keepNetwork`, all but the network, which the caller then owns (to fine-tune it further). */
  dispose({ keepNetwork = false } = {}) {
    this.#order?.dispose();
    this.step.dispose();
    if (!keepNetwork) this.network.dispose();
    this.data.dispose();
    this.#scalars.dispose();
  }
}
