// A training run on device-resident data: epochs of seeded shuffled batches, validation after each epoch.
// It queues work and never waits for the GPU; reading results back is the caller's choice (see loop.ts).
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset';
import { Random, permutation } from '../data/random';
import { uploadDataset, type DeviceData, type DeviceSplit } from './device-data';
import { kernelPenalty, meanSquaredError, ScalarCache, softmaxCrossEntropy, correctCount } from './losses';
import { Network } from './network';
import type { ExperimentSpec } from './spec';
import { TrainStep } from './train-step';

export interface Evaluation {
  /** Mean loss, kernel penalty included as Keras reports it. */
  loss: number;
  /** Share of correct predictions; null for regression. */
  accuracy: number | null;
}

/** Independent streams from one seed, so adding dropout to a run cannot change its batch order. */
const STREAM = { shuffle: 0x51, dropout: 0xd0 } as const;
const EVAL_CHUNK = 1024;

export class Trainer {
  readonly spec: ExperimentSpec;
  readonly network: Network;
  readonly data: DeviceData;
  readonly step: TrainStep;
  readonly #shuffle: Random;
  readonly #scalars = new ScalarCache();
  #order: tf.Tensor1D | null = null;
  /** Completed epochs. */
  epoch = 0;
  /** Batches done in the current epoch. */
  batch = 0;
  /** Batches done in the whole run. */
  globalStep = 0;

  constructor(spec: ExperimentSpec, dataset: Dataset, network?: Network) {
    this.spec = spec;
    this.network = network ?? new Network(spec);
    this.data = uploadDataset(dataset, spec.training.validationSplit);
    this.#shuffle = new Random(spec.training.seed ^ STREAM.shuffle);
    this.step = new TrainStep(this.network, spec.training, this.data.numClasses, new Random(spec.training.seed ^ STREAM.dropout));
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.data.fit.count / this.spec.training.batchSize);
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
      this.currentOrder = permutation(this.data.fit.count, this.#shuffle);
      this.#order = tf.keep(tf.tensor1d(this.currentOrder, 'int32'));
    }
    const { batchSize } = this.spec.training;
    const start = this.batch * batchSize;
    const size = Math.min(batchSize, this.data.fit.count - start);
    tf.tidy(() => {
      const indices = tf.slice(this.#order!, start, size);
      this.step.run(tf.gather(this.data.fit.x, indices), tf.gather(this.data.fit.y, indices));
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

  /** Loss and accuracy over a whole split, in inference mode (no dropout, batch-norm moving statistics). */
  async evaluate(split: DeviceSplit): Promise<Evaluation> {
    const classification = this.network.task === 'classification';
    const sums = tf.tidy(() => {
      let lossSum: tf.Tensor = tf.scalar(0);
      let correct: tf.Tensor = tf.scalar(0);
      for (let start = 0; start < split.count; start += EVAL_CHUNK) {
        const size = Math.min(EVAL_CHUNK, split.count - start);
        const x = tf.slice(split.x, start, size);
        const y = tf.slice(split.y, start, size);
        const out = this.network.forward(x, { training: false });
        const weight = this.#scalars.get(size / split.count);
        const invBatch = this.#scalars.get(1 / size);
        const loss = classification
          ? softmaxCrossEntropy(out, tf.oneHot(y as tf.Tensor1D, this.data.numClasses, 1, 0, 'float32'), invBatch)
          : meanSquaredError(out, y, invBatch);
        lossSum = tf.add(lossSum, tf.mul(loss, weight));
        if (classification) correct = tf.add(correct, correctCount(out, y));
      }
      const penalty = kernelPenalty(this.network.regularized, this.#scalars);
      return tf.stack([penalty ? tf.add(lossSum, penalty) : lossSum, correct]);
    });
    const [loss, correct] = await sums.data();
    sums.dispose();
    return { loss, accuracy: classification ? correct / split.count : null };
  }

  /** Predicted class probabilities [count, classes] (or values [count, 1]) for a whole split, read back. */
  async predict(split: DeviceSplit): Promise<Float32Array> {
    const out = tf.tidy(() => {
      const chunks: tf.Tensor[] = [];
      for (let start = 0; start < split.count; start += EVAL_CHUNK) {
        chunks.push(this.network.predict(tf.slice(split.x, start, Math.min(EVAL_CHUNK, split.count - start))));
      }
      return tf.concat(chunks);
    });
    const values = (await out.data()) as Float32Array;
    out.dispose();
    return values;
  }

  dispose() {
    this.#order?.dispose();
    this.step.dispose();
    this.network.dispose();
    this.data.dispose();
    this.#scalars.dispose();
  }
}
