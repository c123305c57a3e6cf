// The exported script from its command line: --weights model.json --evaluate gives the engine's test accuracy
// (points regenerated from the seed, and MNIST read from the .tsds files), --onnx writes a model that
// onnx.checker accepts, and training runs with every technique switched on (early stopping, folds, class
// weights, oversampling, imbalance, augmentation, regularization, RMSprop, momentum, clipping, learning-rate
// schedules, initializers, mixed precision's CPU fallback).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchNorm, dense, dropout, flatten, presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { DATASETS_DIR } from './engine-data';
import { engineRun, trainOnWasm } from './engine-run';
import { python, requireTorch, resultLine } from './python';

let root: string;
beforeAll(async () => {
  requireTorch();
  await trainOnWasm();
  root = await mkdtemp(join(tmpdir(), 'pytorch-cli-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the exported script\'s command line', () => {
  it('evaluates the browser\'s weights to the engine\'s test accuracy and writes a valid ONNX file (moons, points from the seed)', async () => {
    const run = await engineRun(presetSpec('moons-mlp'), join(root, 'moons'));
    const onnxPath = join(root, 'moons', 'model.onnx');
    const out = await python([run.script, '--weights', run.modelJson, '--evaluate', '--onnx', onnxPath]);
    const result = resultLine(out);
    console.log(`moons-mlp: engine test accuracy ${run.test.accuracy}, script ${result.test_accuracy}; loss ${run.test.loss} vs ${result.test_loss}`);
    expect(result.test_count).toBe(run.testCount);
    expect(result.test_accuracy).toBe(run.test.accuracy);
    expect(Math.abs(result.test_loss! - run.test.loss)).toBeLessThanOrEqual(1e-4);
    const checked = await python(['-c', 'import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m); '
      + 'print([i.name for i in m.graph.input], [o.name for o in m.graph.output], len(m.graph.node))', onnxPath]);
    expect(checked).toMatch(/^\['input'\] \['output'\] \d+/);
  });

  it('evaluates an MNIST MLP read from the .tsds files to the engine\'s test accuracy', async () => {
    const run = await engineRun(presetSpec('mnist-mlp'), join(root, 'mnist'), 30);
    const result = resultLine(await python([run.script, '--weights', run.modelJson, '--evaluate', '--data', DATASETS_DIR]));
    console.log(`mnist-mlp after 30 batches: engine ${run.test.accuracy}, script ${result.test_accuracy}`);
    expect(result.test_count).toBe(2000);
    expect(Math.abs(result.test_accuracy! - run.test.accuracy!)).toBeLessThanOrEqual(1 / 2000);
    expect(Math.abs(result.test_loss! - run.test.loss)).toBeLessThanOrEqual(1e-4);
  });

  it('trains with every technique switched on', async () => {
    const points = presetSpec('moons-mlp');
    const busyPoints: ExperimentSpec = { ...points,
      dataset: { ...points.dataset, imbalance: { minorityClass: 1, keep: 0.3 } },
      model: { layers: [{ ...dense(16), l1: 0.001, l2: 0.01 }, batchNorm, dropout(0.2), dense(8, 'swish')] },
      training: { ...points.training, optimizer: 'rmsprop', epochs: 6, folds: 2, rebalance: 'classWeights',
        earlyStopping: { enabled: true, monitor: 'val_accuracy', patience: 1, restoreBestWeights: true } } };
    const mnist = presetSpec('mnist-mlp');
    const busyImages: ExperimentSpec = { ...mnist,
      dataset: { ...mnist.dataset, kind: 'images', name: 'fashion-mnist', trainSize: 300, testSize: 100,
        imbalance: { minorityClass: 3, keep: 0.2 }, augmentation: { shift: 2, rotation: 15, noise: 0.1, flip: true } },
      model: { layers: [flatten, dense(32, 'elu')] },
      training: { ...mnist.training, optimizer: 'momentum', epochs: 2, rebalance: 'oversample', precision: 'mixed_float16' } };
    // the fields spec v2 adds (read through export/pytorch/spec-extras.ts until this branch has their types)
    const schedule = { factor: 0.5, everyEpochs: 1, warmupEpochs: 1, alpha: 0.1, maxLearningRate: 0.1, patience: 1, minLearningRate: 1e-5 };
    Object.assign(busyPoints.training, { globalClipnorm: 1, schedule: { ...schedule, kind: 'cosineDecay' } });
    Object.assign(busyPoints.model.layers[0], { kernelInitializer: 'heNormal' });
    Object.assign(busyImages.training, { clipnorm: 1, schedule: { ...schedule, kind: 'reduceOnPlateau' } });
    Object.assign(busyImages.model.layers[1], { kernelInitializer: 'randomNormal', initStddev: 0.02 });
    for (const [name, spec] of [['points', busyPoints], ['images', busyImages]] as const) {
      const run = await engineRun(spec, join(root, name), 0);
      const out = await python([run.script, '--data', DATASETS_DIR]);
      const result = resultLine(out);
      expect(Number.isFinite(result.test_loss), `${name}: ${out}`).toBe(true);
      if (name === 'points') expect(out).toMatch(/fold 2 of 2/);
      else expect(out).toMatch(/mixed_float16: no CUDA device, so this runs in float32/);
    }
  });
});
