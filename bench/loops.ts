// The training loops the benchmark times, one model and batch size at a time, the same in Chromium and under
// Node: stock tfjs model.fit, a bare optimizer.minimize loop with one read-back at the end, and the engine's
// Trainer (its real step, data on the device). Each warms up (shaders compile on first use), then times
// `steps` batches ending with one read-back, so the time counts the GPU's work and not just its queueing.
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../src/engine/model/build';
import { Trainer } from '../src/engine/train/trainer';
import { randomImages, referenceSpec, type ReferenceModel } from './models';

export type LoopName = 'fit' | 'minimize' | 'engine';

export interface LoopTiming {
  loop: LoopName;
  model: ReferenceModel;
  batchSize: number;
  steps: number;
  ms: number;
  examplesPerSecond: number;
  /** The last (fit, minimize) or mean (engine) training loss of the timed steps, to see that it trained. */
  loss: number;
}

export interface LoopOptions {
  model: ReferenceModel;
  batchSize: number;
  steps: number;
  warmSteps: number;
  seed?: number;
  /** Examples the engine's dataset holds (default: just enough for the steps); above 1,000, batch indices are sliced on the GPU as in the app. */
  examples?: number;
}

const now = () => performance.now();

function timing(loop: LoopName, o: LoopOptions, ms: number, loss: number): LoopTiming {
  return { loop, model: o.model, batchSize: o.batchSize, steps: o.steps, ms, examplesPerSecond: (o.steps * o.batchSize * 1000) / ms, loss };
}

/** Inputs [n, 28, 28, 1] in [0, 1] and one-hot labels [n, 10] on the device, as a stock tfjs user would hold them. */
function stockData(count: number, seed: number) {
  const data = randomImages(count, seed);
  return tf.tidy(() => ({
    x: tf.div(tf.tensor4d(data.train.x, [count, 28, 28, 1], 'int32').toFloat(), 255) as tf.Tensor4D,
    y: tf.oneHot(tf.tensor1d(data.train.y as Int32Array, 'int32'), 10).toFloat() as tf.Tensor2D,
  }));
}

/** Stock Keras-style training: compile with tfjs's Adam and categorical cross-entropy, then model.fit. */
export async function timeFit(o: LoopOptions): Promise<LoopTiming> {
  const spec = referenceSpec(o.model, { batchSize: o.batchSize });
  const model = buildModel(spec);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const { x, y } = stockData((o.warmSteps + o.steps) * o.batchSize, o.seed ?? 1);
  const fit = async (from: number, steps: number) => {
    const [xs, ys] = [x.slice(from * o.batchSize, steps * o.batchSize), y.slice(from * o.batchSize, steps * o.batchSize)];
    const history = await model.fit(xs, ys, { batchSize: o.batchSize, epochs: 1, yieldEvery: 'never', verbose: 0 });
    tf.dispose([xs, ys]);
    return history.history.loss.at(-1) as number;
  };
  await fit(0, o.warmSteps);
  const start = now();
  const loss = await fit(o.warmSteps, o.steps);
  const ms = now() - start;
  tf.dispose([x, y]);
  model.optimizer.dispose();
  model.dispose();
  return timing('fit', o, ms, loss);
}

/** The least a tfjs user can write: optimizer.minimize over slices, the loss read back once at the end. */
export async function timeMinimize(o: LoopOptions): Promise<LoopTiming> {
  const model = buildModel(referenceSpec(o.model, { batchSize: o.batchSize }));
  const optimizer = tf.train.adam(1e-3);
  const { x, y } = stockData((o.warmSteps + o.steps) * o.batchSize, o.seed ?? 1);
  const run = async (from: number, steps: number) => {
    let last: tf.Scalar | null = null;
    for (let i = from; i < from + steps; i++) {
      last?.dispose();
      last = tf.tidy(() => optimizer.minimize((): tf.Scalar => {
        const xs = x.slice(i * o.batchSize, o.batchSize);
        const ys = y.slice(i * o.batchSize, o.batchSize);
        return tf.mean(tf.metrics.categoricalCrossentropy(ys, model.apply(xs, { training: true }) as tf.Tensor)) as tf.Scalar;
      }, true)!);
    }
    const loss = (await last!.data())[0];
    last!.dispose();
    return loss;
  };
  await run(0, o.warmSteps);
  const start = now();
  const loss = await run(o.warmSteps, o.steps);
  const ms = now() - start;
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return timing('minimize', o, ms, loss);
}

/** The engine's own step (Trainer.runBatch: gather, forward, loss, gradients, update), totals read once at the end. */
export async function timeEngine(o: LoopOptions, afterWarmUp?: () => void): Promise<LoopTiming & { trainer?: never }> {
  const examples = Math.max(o.examples ?? 0, (o.warmSteps + o.steps) * o.batchSize);
  const spec = referenceSpec(o.model, { batchSize: o.batchSize, trainSize: examples });
  const trainer = new Trainer(spec, randomImages(examples, o.seed ?? 1));
  const run = async (steps: number) => {
    for (let i = 0; i < steps; i++) trainer.runBatch();
    const totals = trainer.step.take();
    const [lossSum] = await totals.sums.data();
    totals.sums.dispose();
    return lossSum / totals.steps;
  };
  await run(o.warmSteps);
  afterWarmUp?.();
  const start = now();
  const loss = await run(o.steps);
  const ms = now() - start;
  trainer.dispose();
  return timing('engine', o, ms, loss);
}

export const LOOPS: Record<LoopName, (o: LoopOptions) => Promise<LoopTiming>> = { fit: timeFit, minimize: timeMinimize, engine: timeEngine };
