// Auto's trial: a few training steps of the run's own model, on the active backend, timed. The model, batch
// size, optimizer and precision are the run's; the data is the first few batches of its training split, so a
// large dataset is not uploaded once per backend. Everything the trial makes is disposed before it returns.
import * as tf from '@tensorflow/tfjs';
import { takeFirst, type Dataset } from '../../data/dataset';
import type { BackendName, BackendSpeed } from '../backend';
import type { ExperimentSpec } from '../model/spec';
import { Trainer } from './trainer';

/** Batches of data the trial's Trainer holds; its steps cycle through them. */
const TRIAL_BATCHES = 4;
const MAX_TIMED_STEPS = 50;

const now = () => performance.now();

/**
 * Examples/s of `spec` on the active backend: one warm-up step (shaders compile, weights are packed), then timed
 * steps, each read back so the time is the device's work and not its queue, until `budgetMs` has passed.
 * A backend whose warm-up alone took four budgets (Auto's whole trial) is not timed further: it is clearly the
 * slow one, and its rate is the warm-up's (shader compilation included), reported with steps 0.
 */
export async function timeTrainingSteps(name: BackendName, spec: ExperimentSpec, dataset: Dataset, budgetMs: number): Promise<BackendSpeed> {
  const { batchSize } = spec.training;
  const trialSpec: ExperimentSpec = structuredClone(spec);
  trialSpec.training = { ...trialSpec.training, epochs: 1_000_000, validationSplit: 0, folds: 1 };
  const size = dataset.info.inputShape.reduce((a, b) => a * b, 1);
  const count = Math.min(dataset.train.count, batchSize * TRIAL_BATCHES);
  const trial: Dataset = { ...dataset, train: takeFirst(dataset.train, count, size), test: takeFirst(dataset.test, 1, size) };
  const before = tf.memory().numTensors;
  const trainer = new Trainer(trialSpec, trial);
  const step = async () => {
    trainer.runBatch();
    const totals = trainer.step.take();
    await totals.sums.data();
    totals.sums.dispose();
  };
  try {
    const warmStart = now();
    await step();
    const warm = now() - warmStart;
    if (warm > 4 * budgetMs) return { name, examplesPerSecond: (Math.min(batchSize, count) * 1000) / warm, steps: 0 };
    let steps = 0;
    const start = now();
    while (steps < 1 || (now() - start < budgetMs && steps < MAX_TIMED_STEPS)) {
      await step();
      steps++;
    }
    return { name, examplesPerSecond: (steps * Math.min(batchSize, count) * 1000) / (now() - start), steps };
  } finally {
    trainer.dispose();
    if (tf.memory().numTensors > before) console.warn(`the speed trial on ${name} left ${tf.memory().numTensors - before} tensors`);
  }
}
