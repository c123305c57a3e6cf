// A run trained by the engine under Node, as the worker trains it, then written out beside its exported script:
// the reference the script's --evaluate and distributed runs are compared with. On the backend the test file
// chose (setup-node.ts starts tfjs's CPU backend; trainOnWasm() switches to WASM).
import * as tf from '@tensorflow/tfjs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportModel } from '../../src/engine/export/model-artifacts';
import { pytorchScript } from '../../src/engine/export/pytorch/script';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { Trainer, type LossAndAccuracy } from '../../src/engine/train/trainer';
import { engineDataset } from './engine-data';
import { startWasm } from '../wasm-backend';

export interface EngineRun {
  test: LossAndAccuracy;
  testCount: number;
  seconds: number;
  script: string;
  modelJson: string;
}

/** Trains `spec` (all its epochs, or `batches` batches), evaluates on the test set, writes script + float32 files to `dir`. */
export async function engineRun(spec: ExperimentSpec, dir: string, batches = Infinity): Promise<EngineRun> {
  await mkdir(dir, { recursive: true });
  const trainer = new Trainer(spec, await engineDataset(spec));
  const started = performance.now();
  for (let i = 0; i < batches && !trainer.done; i++) trainer.runBatch();
  const test = await trainer.evaluate(trainer.data.test);
  const seconds = (performance.now() - started) / 1000;
  const files = await exportModel(trainer.network.model, 'float32', { name: 'model' });
  await writeFile(join(dir, files.modelJsonFileName), files.modelJson);
  await writeFile(join(dir, files.weightsFileName), files.weightsBytes);
  const script = join(dir, 'experiment.py');
  await writeFile(script, pytorchScript(spec, { fileName: 'experiment.py' }));
  const testCount = trainer.data.test.count;
  trainer.dispose();
  return { test, testCount, seconds, script, modelJson: join(dir, files.modelJsonFileName) };
}

/**
 * For tests that compare accuracies (not logits) with PyTorch: trains on WASM, the same accuracies as the CPU
 * backend to the digit here and several times faster (the DDP test's MNIST epoch: 10.1 s against 0.7 s, 0.893
 * on both). The logit comparisons stay on the CPU backend: WASM's sums in another order differ by up to 2e-4.
 */
export const trainOnWasm = startWasm;
