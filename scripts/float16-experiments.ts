// Trains a preset under float32, mixed_float16 and float16 on tfjs's CPU backend with the float16 ops, and
// prints test accuracy, loss scale, skipped steps and flush shares for each: the numbers behind the mixed
// precision lesson. The precision policy is applied here by replacing the training step, as a stand-in until
// TrainStep has it; the numerics (castFloat16 at weights, activations and logits, loss scaling, float16 weights
// and slots for the float16 policy) are the ones the engine will use.
//
//   node scripts/run-ts.mjs scripts/float16-experiments.ts mnist-mlp [--optimizer sgd] [--lr 0.01] [--epochs 3]
//     [--policies float32,float16] [--seed 1] [--train 2000 (image presets: training examples)]
import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadImageDataset } from '../src/data/image-datasets';
import { generatePoints } from '../src/data/points';
import { castFloat16, roundFloat16 } from '../src/engine/float16-op';
import { meanSquaredError, ScalarCache, softmaxCrossEntropy } from '../src/engine/losses';
import { DynamicLossScale } from '../src/engine/loss-scale';
import { presetSpec } from '../src/engine/presets';
import { PRECISION_POLICIES, type ExperimentSpec, type OptimizerName, type PrecisionPolicy } from '../src/engine/spec';
import { Trainer } from '../src/engine/trainer';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const [presetId = 'mnist-mlp', ...rest] = process.argv.slice(2);
const option = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const spec = presetSpec(presetId);
if (option('optimizer')) spec.training.optimizer = option('optimizer') as OptimizerName;
if (option('lr')) spec.training.learningRate = Number(option('lr'));
if (option('epochs')) spec.training.epochs = Number(option('epochs'));
if (option('seed')) spec.training.seed = Number(option('seed'));
if (option('train') && spec.dataset.kind === 'images') spec.dataset.trainSize = Number(option('train'));
const policies = (option('policies')?.split(',') ?? PRECISION_POLICIES) as PrecisionPolicy[];

async function dataset(spec: ExperimentSpec) {
  if (spec.dataset.kind === 'points') return generatePoints({ ...spec.dataset, seed: spec.training.seed });
  const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(import.meta.dirname, '..', 'datasets', path)));
  return loadImageDataset(spec.dataset.name, { trainSize: spec.dataset.trainSize, testSize: spec.dataset.testSize, fetchBytes });
}

/** Replaces the trainer's step with one under `policy`; returns what it counts. */
function applyPolicy(trainer: Trainer, policy: PrecisionPolicy) {
  const { network, optimizer } = trainer.step;
  const scale = policy === 'mixed_float16' ? new DynamicLossScale(trainer.spec.training.lossScaling) : null;
  const counts = { steps: 0, skipped: 0 };
  if (policy === 'float32') return { scale, counts };
  // every forward, evaluation included, computes on float16 values
  const forward = network.forward.bind(network);
  let observe: ((dy: tf.Tensor) => void) | undefined;
  network.forward = (x, options) => forward(x, {
    readWeight: (w) => castFloat16(w, observe), castActivation: (a) => castFloat16(a), ...options,
  });
  const scalars = new ScalarCache();
  const numClasses = trainer.data.numClasses;
  trainer.step.run = (x: tf.Tensor, y: tf.Tensor) => {
    const vars = network.trainable;
    observe = scale ? (dy) => scale.observe(dy) : undefined;
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const out = network.forward(x, { training: true });
        const invBatch = scalars.get(1 / x.shape[0]);
        const loss = network.task === 'classification'
          ? softmaxCrossEntropy(out, tf.oneHot(y as tf.Tensor1D, numClasses, 1, 0, 'float32'), invBatch)
          : meanSquaredError(out, y, invBatch);
        // mixed: the loss in float32, scaled (Keras); float16: the loss itself is a float16 value
        return scale ? scale.scaleLoss(loss) : castFloat16(loss);
      }, vars);
      let g = vars.map((v) => grads[v.name]);
      if (scale) {
        const unscaled = scale.unscale(g);
        g = unscaled.grads;
        scale.update(unscaled.finite);
        // the engine will skip on the device (loss-scale guard); reading back is fine for this experiment
        if (!unscaled.finite.dataSync()[0]) {
          counts.skipped += 1;
          return;
        }
      }
      optimizer.applyGradients(vars, g);
      if (policy === 'float16') {
        // no float32 master copy: weights and optimizer slots are float16 values after every update
        for (const v of [...vars, ...optimizer.slots]) v.assign(roundFloat16(v));
      }
    });
    observe = undefined;
    counts.steps += 1;
  };
  return { scale, counts };
}

const data = await dataset(spec);
console.log(`${presetId}: ${spec.training.optimizer} lr ${spec.training.learningRate}, ${spec.training.epochs} epochs, batch ${spec.training.batchSize}, seed ${spec.training.seed}`);
for (const policy of policies) {
  const started = Date.now();
  const trainer = new Trainer(spec, data);
  const { scale, counts } = applyPolicy(trainer, policy);
  const perEpoch: string[] = [];
  while (!trainer.done) {
    if (trainer.runBatch()) {
      const e = await trainer.evaluate(trainer.data.test);
      perEpoch.push(e.accuracy === null ? e.loss.toFixed(4) : `${(100 * e.accuracy).toFixed(2)}%`);
    }
  }
  const test = await trainer.evaluate(trainer.data.test);
  let extra = '';
  if (scale) {
    const [s, , skipped] = Array.from(scale.state().dataSync());
    const { counts: flush, observed } = scale.takeFlushCounts();
    const [raw, scaled] = Array.from(flush.dataSync()).map((c) => (100 * c) / observed);
    extra = ` | final scale ${s}, skipped ${skipped} of ${counts.steps + counts.skipped} steps, weight-gradient values that would flush: ${raw.toFixed(3)}% unscaled, ${scaled.toFixed(4)}% scaled`;
    flush.dispose();
    scale.dispose();
  }
  const metric = test.accuracy === null ? `test loss ${test.loss.toFixed(5)}` : `test accuracy ${(100 * test.accuracy).toFixed(2)}%, loss ${test.loss.toFixed(4)}`;
  console.log(`${policy.padEnd(14)} ${metric} (${((Date.now() - started) / 1000).toFixed(0)} s)${extra}\n  per epoch: ${perEpoch.join(' ')}`);
  trainer.dispose();
}
