// The Export table end to end on small trained models: every row measured on reloaded files.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePoints } from '../../../src/data/points';
import { exportRows } from '../../../src/engine/export/export-report';
import { exportTable } from '../../../src/engine/export/export-table';
import { TrainingLoop } from '../../../src/engine/train/loop';
import { exportModel, type ModelJson } from '../../../src/engine/export/model-artifacts';
import { presetSpec } from '../../../src/engine/model/presets';
import { Trainer } from '../../../src/engine/train/trainer';
import { trainedMoons, type Trained } from './export-fixtures';

let moons: Trained;
beforeAll(async () => {
  moons = await trainedMoons();
});
afterAll(() => moons?.trainer.dispose());

describe('exportTable (moons MLP)', () => {
  it('gives one row per format, then per pruning setting, each measured on the reloaded files', async () => {
    const { network, data } = moons.trainer;
    const seen: string[][] = [];
    const rows = await exportTable(network, data.test, {
      pruning: [{ sparsity: 0.5, fineTuneEpochs: 0 }, { sparsity: 0.9, fineTuneEpochs: 1 }],
      fineTune: { dataset: moons.dataset },
      onRows: (group) => seen.push(group.map((r) => r.label)),
    });
    expect(rows.map((r) => r.label)).toEqual([
      'float32', 'float16', 'uint16', 'uint8',
      'pruned 50% + float32', 'pruned 50% + float16', 'pruned 50% + uint16', 'pruned 50% + uint8',
      'pruned 90%, fine-tuned 1 epoch + float32', 'pruned 90%, fine-tuned 1 epoch + float16',
      'pruned 90%, fine-tuned 1 epoch + uint16', 'pruned 90%, fine-tuned 1 epoch + uint8',
    ]);
    expect(seen.map((group) => group.length)).toEqual([4, 4, 4]);
    expect(structuredClone(rows)).toEqual(rows); // plain data: crosses postMessage unchanged

    const [f32, f16, u16, u8] = rows;
    const params = network.model.countParams();
    expect(rows.slice(0, 4).map((r) => r.weightsBytes)).toEqual([4 * params, 2 * params, 2 * params, params]);
    // The float32 file is the model: same accuracy as the engine's own evaluation, no error anywhere.
    const engine = await moons.trainer.evaluate(data.test);
    expect(f32.metrics).toMatchObject({ task: 'classification', accuracy: engine.accuracy });
    expect([f32.agreement, f32.maxOutputChange]).toEqual([1, 0]);
    expect(f32.layerErrors).toEqual([{ layer: 'dense_1', maxAbsError: 0 }, { layer: 'dense_2', maxAbsError: 0 }, { layer: 'output', maxAbsError: 0 }]);
    expect(f16.layerErrors.every((e) => e.maxAbsError > 0 && e.maxAbsError < 1e-3)).toBe(true);
    expect(Math.max(...u16.layerErrors.map((e) => e.maxAbsError))).toBeLessThan(Math.min(...u8.layerErrors.map((e) => e.maxAbsError)));
    for (const row of rows) expect(row.gzipBytes).toBeGreaterThan(0);
    expect(rows[8].pruning).toMatchObject({ target: 0.9, fineTuneEpochs: 1 });
    expect(rows[8].pruning!.actual).toBeCloseTo(0.9, 2);
  });

  it('reports uint8 layer errors within the half step each tensor\'s manifest entry gives', async () => {
    const { network, data } = moons.trainer;
    const test = { x: data.test.x, y: data.test.y, task: network.task };
    const [u8] = (await exportRows(network.model, test, { formats: ['uint8'] })).rows;
    const manifest = (JSON.parse((await exportModel(network.model, 'uint8')).modelJson) as ModelJson).weightsManifest[0].weights;
    for (const { layer, maxAbsError } of u8.layerErrors) {
      const halfSteps = manifest.filter((w) => w.name.startsWith(`${layer}/`)).map((w) => (w.quantization as { scale: number }).scale / 2);
      expect(maxAbsError, layer).toBeGreaterThan(0);
      expect(maxAbsError, layer).toBeLessThanOrEqual(Math.max(...halfSteps) * (1 + 1e-6));
    }
  });
});

describe('exportRows for regression (bumps MLP)', () => {
  it('reports MSE, MAE and R² instead of accuracy, and no class agreement', async () => {
    const spec = presetSpec('bumps-regression');
    spec.training.epochs = 3;
    if (spec.dataset.kind !== 'points') throw new Error('points preset expected');
    const trainer = new Trainer(spec, generatePoints({ ...spec.dataset, seed: spec.training.seed }));
    await new TrainingLoop(trainer, {}).run();
    const { rows } = await exportRows(trainer.network.model, { x: trainer.data.test.x, y: trainer.data.test.y, task: 'regression' });
    const engine = await trainer.evaluate(trainer.data.test);
    trainer.dispose();
    expect(rows[0].metrics.task).toBe('regression');
    expect(rows[0].metrics).toMatchObject({ mse: expect.closeTo(engine.loss, 5) });
    for (const row of rows) {
      expect(row.agreement).toBeNull();
      expect(row.metrics).toHaveProperty('mae');
    }
    expect(rows[3].maxOutputChange).toBeGreaterThan(0);
  });
});

it('the export table leaves no tensor behind', async () => {
  const before = tf.memory().numTensors;
  await exportTable(moons.trainer.network, moons.trainer.data.test, { formats: ['float32', 'uint8'], pruning: [{ sparsity: 0.5, fineTuneEpochs: 1 }], fineTune: { dataset: moons.dataset } });
  expect(tf.memory().numTensors).toBe(before);
});

it('reports its progress as it measures and fine-tunes, ending at the total', async () => {
  const seen: { done: number; total: number; stage: string }[] = [];
  const pruning = [{ sparsity: 0.5, fineTuneEpochs: 2 }, { sparsity: 0.8, fineTuneEpochs: 0 }];
  await exportTable(moons.trainer.network, moons.trainer.data.test, {
    formats: ['float32'], pruning, fineTune: { dataset: moons.dataset }, onProgress: (p) => seen.push(p),
  });
  // 1 for the unpruned rows, 1 + 2 epochs for the fine-tuned copy, 1 for the other copy
  expect(seen.every((p) => p.total === 5)).toBe(true);
  expect(seen.at(-1)).toEqual({ done: 5, total: 5, stage: 'done' });
  const done = seen.map((p) => p.done);
  expect(done).toEqual([...done].sort((a, b) => a - b));
  // the fine-tune moves the bar between whole units, while it trains
  expect(seen.some((p) => p.stage.startsWith('fine-tuning') && p.done > 1 && p.done < 3)).toBe(true);
});
