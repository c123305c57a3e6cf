// One comparison case: a spec's model trained for a few batches by the engine under Node (CNNs only initialised),
// biases and batch-norm statistics perturbed, its weights exported
// with the app's own exporter (float32 and uint8), the exported script, 256 test inputs, and the logits the
// engine computes for them: from the trained float32 weights and from the uint8 files as tfjs loads them.
import * as tf from '@tensorflow/tfjs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetInfo } from '../../src/data/catalog';
import { Random } from '../../src/data/random';
import { artifactsFromFiles, exportModel } from '../../src/engine/export/model-artifacts';
import { pytorchScript } from '../../src/engine/export/pytorch/script';
import { Network } from '../../src/engine/model/network';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { Trainer } from '../../src/engine/train/trainer';
import { engineDataset } from './engine-data';

export const INPUTS = 256;
const BATCHES = 3;

export interface Case {
  label: string;
  dir: string;
  inputShape: number[];
  classes: number;
  /** Engine logits [INPUTS, classes] with the trained weights, and with the uint8 file's weights. */
  float32: Float32Array;
  uint8: Float32Array;
}

/** The spec trained quickly: few examples, small batches, a tame learning rate, float32, one fold. */
function quickSpec(spec: ExperimentSpec): ExperimentSpec {
  const quick = structuredClone(spec);
  quick.training = { ...quick.training, precision: 'float32', backend: 'cpu', folds: 1, batchSize: Math.min(quick.training.batchSize, 32),
    learningRate: Math.min(quick.training.learningRate, 0.01) };
  if (quick.dataset.kind === 'images') {
    quick.dataset.trainSize = Math.min(quick.dataset.trainSize, 256);
    quick.dataset.testSize = Math.min(quick.dataset.testSize, INPUTS);
  }
  return quick;
}

/** The test split's inputs, topped up with training inputs, then seeded uniform noise, to INPUTS rows. */
async function testInputs(trainer: Trainer, exampleSize: number, points: boolean): Promise<Float32Array> {
  const out = new Float32Array(INPUTS * exampleSize);
  let filled = 0;
  for (const split of [trainer.data.test, trainer.data.fit]) {
    const values = (await split.x.data()) as Float32Array;
    const take = Math.min(values.length, out.length - filled);
    out.set(values.subarray(0, take), filled);
    filled += take;
  }
  const random = new Random(7);
  for (; filled < out.length; filled++) out[filled] = points ? random.uniform(-1.2, 1.2) : random.next();
  return out;
}

/** Biases and batch-norm statistics away from their initial 0s and 1s, so a mix-up between them would show. */
function perturb(network: Network, random: Random): void {
  const ranges: Record<string, [number, number]> = {
    bias: [-0.1, 0.1], beta: [-0.1, 0.1], gamma: [0.8, 1.2], moving_mean: [-0.1, 0.1], moving_variance: [0.5, 1.5],
  };
  for (const w of network.model.weights) {
    const range = ranges[w.originalName.split('/').pop()!.replace(/_\d+$/, '')];
    if (!range) continue;
    const variable = w.read() as tf.Variable;
    const values = Float32Array.from({ length: variable.size }, () => random.uniform(...range));
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
  }
}

async function logits(network: Network, inputs: Float32Array, shape: number[]): Promise<Float32Array> {
  const out = tf.tidy(() => network.forward(tf.tensor(inputs, [INPUTS, ...shape]), { training: false }));
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

export async function buildCase(spec: ExperimentSpec, label: string, root: string): Promise<Case> {
  const dir = join(root, label);
  await mkdir(dir, { recursive: true });
  const quick = quickSpec(spec);
  const info = datasetInfo(spec.dataset);
  const trainer = new Trainer(quick, await engineDataset(quick));
  // tfjs's CPU backend takes minutes for one convolution gradient, so CNNs are only initialised (and perturbed)
  const convolutional = spec.model.layers.some((l) => l.type === 'conv2d');
  if (!convolutional) for (let i = 0; i < BATCHES; i++) trainer.runBatch();
  perturb(trainer.network, new Random(label.length * 7919 + spec.training.seed));
  const exampleSize = info.inputShape.reduce((a, b) => a * b, 1);
  const inputs = await testInputs(trainer, exampleSize, info.inputShape.length === 1);
  const network = trainer.network;
  const float32 = await logits(network, inputs, info.inputShape);

  const files = { float32: await exportModel(network.model, 'float32', { name: 'f32' }), uint8: await exportModel(network.model, 'uint8', { name: 'u8' }) };
  for (const f of Object.values(files)) {
    await writeFile(join(dir, f.modelJsonFileName), f.modelJson);
    await writeFile(join(dir, f.weightsFileName), f.weightsBytes);
  }
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifactsFromFiles(files.uint8.modelJson, files.uint8.weightsBytes)));
  const quantized = new Network(quick);
  quantized.model.setWeights(loaded.getWeights());
  const uint8 = await logits(quantized, inputs, info.inputShape);
  loaded.dispose();
  quantized.dispose();
  trainer.dispose();

  await writeFile(join(dir, 'script.py'), pytorchScript(spec, { fileName: 'script.py', weightsFileName: 'f32.json', title: label }));
  await writeFile(join(dir, 'inputs.bin'), inputs);
  return { label, dir, inputShape: info.inputShape, classes: float32.length / INPUTS, float32, uint8 };
}

/** The job entry the harness reads for a case. */
export const caseJob = (c: Case) => ({
  dir: c.dir, script: join(c.dir, 'script.py'), inputs: join(c.dir, 'inputs.bin'), inputShape: c.inputShape,
  float32: join(c.dir, 'f32.json'), uint8: join(c.dir, 'u8.json'),
});
