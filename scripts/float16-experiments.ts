// Trains a preset under float32, mixed_float16 and float16 on tfjs's CPU backend through the engine's own
// training step (TrainingSpec.precision, src/engine/precision/policy.ts), and prints test accuracy, loss scale, skipped
// steps and flush shares for each: the numbers behind the mixed precision lesson.
//
//   node scripts/run-ts.mjs scripts/float16-experiments.ts mnist-mlp [--optimizer sgd] [--lr 0.01] [--epochs 3]
//     [--policies float32,float16] [--seed 1] [--train 2000 (image presets: training examples)]
import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadImageDataset } from '../src/data/image-datasets';
import { generatePoints } from '../src/data/points';
import { TrainingLoop } from '../src/engine/train/loop';
import type { PrecisionStats } from '../src/engine/precision/policy';
import { presetSpec } from '../src/engine/model/presets';
import { PRECISION_POLICIES, type ExperimentSpec, type OptimizerName, type PrecisionPolicy } from '../src/engine/model/spec';
import { Trainer } from '../src/engine/train/trainer';

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
  if (spec.dataset.kind !== 'images') throw new Error('this script runs the shipped datasets only');
  const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(import.meta.dirname, '..', 'datasets', path)));
  return loadImageDataset(spec.dataset.name, { trainSize: spec.dataset.trainSize, testSize: spec.dataset.testSize, fetchBytes });
}

const data = await dataset(spec);
console.log(`${presetId}: ${spec.training.optimizer} lr ${spec.training.learningRate}, ${spec.training.epochs} epochs, batch ${spec.training.batchSize}, seed ${spec.training.seed}`);
for (const policy of policies) {
  const started = Date.now();
  const trainer = new Trainer({ ...spec, training: { ...spec.training, precision: policy } }, data);
  const perEpoch: string[] = [];
  let stats: PrecisionStats | undefined;
  let flushed = { raw: 0, scaled: 0, chunks: 0 };
  const loop = new TrainingLoop(trainer, {
    onBatches: (r) => {
      stats = r.precision;
      if (r.precision) flushed = { raw: flushed.raw + r.precision.flushShare, scaled: flushed.scaled + r.precision.flushShareScaled, chunks: flushed.chunks + 1 };
    },
    onEpoch: async () => {
      const e = await trainer.evaluate(trainer.data.test);
      perEpoch.push(e.accuracy === null ? e.loss.toFixed(4) : `${(100 * e.accuracy).toFixed(2)}%`);
    },
  });
  const end = await loop.run();
  const test = await trainer.evaluate(trainer.data.test);
  let extra = end.reason === 'finished' ? '' : ` | ${end.reason}${'message' in end ? `: ${end.message}` : ''}`;
  if (stats) {
    const mean = (x: number) => (100 * x) / Math.max(1, flushed.chunks);
    extra += ` | final scale ${stats.lossScale ?? '—'}, skipped ${stats.skippedSteps} of ${trainer.globalStep} steps, weight-gradient values that would flush (mean over reports): ${mean(flushed.raw).toFixed(3)}% unscaled, ${mean(flushed.scaled).toFixed(4)}% scaled`;
  }
  const metric = test.accuracy === null ? `test loss ${test.loss.toFixed(5)}` : `test accuracy ${(100 * test.accuracy).toFixed(2)}%, loss ${test.loss.toFixed(4)}`;
  console.log(`${policy.padEnd(14)} ${metric} (${((Date.now() - started) / 1000).toFixed(0)} s)${extra}\n  per epoch: ${perEpoch.join(' ')}`);
  loop.dispose();
  trainer.dispose();
}
