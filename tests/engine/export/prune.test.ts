// Magnitude pruning: exact per-kernel sparsity, the smallest weights go, masks hold through optimizer steps and
// through quantization, and the zeros make the weights file compress.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRows, gzipSize } from '../../../src/engine/export/export-report';
import { withPrunedCopy } from '../../../src/engine/export/export-table';
import { TrainingLoop } from '../../../src/engine/train/loop';
import { artifactsFromFiles, exportModel } from '../../../src/engine/export/model-artifacts';
import { Network } from '../../../src/engine/model/network';
import { presetSpec } from '../../../src/engine/model/presets';
import { magnitudePrune } from '../../../src/engine/export/prune';
import { Trainer } from '../../../src/engine/train/trainer';
import { trainedMoons, type Trained } from './export-fixtures';

const KERNELS = ['dense_1', 'dense_2', 'output'];
const valuesOf = (model: tf.LayersModel) => model.weights.map((w) => ({ name: w.originalName, values: Array.from(w.read().dataSync()) }));
const zerosIn = (values: ArrayLike<number>) => Array.from(values).filter((v) => v === 0).length;

let moons: Trained;
beforeAll(async () => {
  moons = await trainedMoons();
});
afterAll(() => moons?.trainer.dispose());

describe('magnitudePrune', () => {
  for (const sparsity of [0.5, 0.9]) {
    it(`zeros exactly round(${sparsity}·n) of each kernel, the smallest by magnitude, and no bias`, async () => {
      const network = new Network(presetSpec('spiral-mlp'));
      const before = valuesOf(network.model);
      const masks = magnitudePrune(network.model, sparsity);
      const after = valuesOf(network.model);
      for (const [i, { name, values }] of before.entries()) {
        if (name.endsWith('/bias')) {
          expect(after[i].values, name).toEqual(values);
          continue;
        }
        const pruned = values.filter((_, k) => after[i].values[k] === 0).map(Math.abs);
        const kept = values.filter((_, k) => after[i].values[k] !== 0).map(Math.abs);
        expect(pruned.length, name).toBe(Math.round(sparsity * values.length));
        expect(Math.max(...pruned), name).toBeLessThanOrEqual(Math.min(...kept));
        // the kept weights keep their values
        expect(after[i].values.filter((v) => v !== 0), name).toEqual(values.filter((_, k) => after[i].values[k] !== 0));
      }
      const report = await masks.report();
      expect(report.kernels.map((k) => k.layer)).toEqual(['dense_1', 'dense_2', 'dense_3', 'output']);
      for (const k of report.kernels) expect(Math.abs(k.zeros - sparsity * k.count)).toBeLessThanOrEqual(1);
      masks.dispose();
      network.dispose();
    });
  }

  it('prunes conv2d kernels but not batch normalization', async () => {
    const spec = presetSpec('mnist-cnn');
    spec.model.layers.splice(1, 0, { type: 'batchNormalization' });
    const network = new Network(spec);
    const masks = magnitudePrune(network.model, 0.5);
    const report = await masks.report();
    expect(report.kernels.map((k) => k.layer)).toEqual(['conv2d_1', 'conv2d_2', 'dense_1', 'dense_2', 'output']);
    const gamma = network.model.weights.find((w) => w.originalName.endsWith('/gamma'))!;
    expect(zerosIn(gamma.read().dataSync())).toBe(0);
    masks.dispose();
    network.dispose();
  });

  it('refuses a sparsity outside [0, 1)', () => {
    expect(() => magnitudePrune(moons.trainer.network.model, 1)).toThrow(/sparsity is 1; give the share of weights to remove, from 0/);
  });
});

describe('pruning masks through training', () => {
  it('keep pruned weights at zero through Adam steps when applied after each update, and only then', async () => {
    const run = async (hook: boolean) => {
      const spec = { ...moons.spec, training: { ...moons.spec.training, epochs: 1 } };
      const trainer = new Trainer(spec, moons.dataset);
      const masks = magnitudePrune(trainer.network.model, 0.5);
      if (hook) trainer.step.afterUpdate = () => masks.apply();
      await new TrainingLoop(trainer, {}).run();
      const report = await masks.report();
      masks.dispose();
      trainer.dispose();
      return report;
    };
    const held = await run(true);
    for (const k of held.kernels) expect(k.zeros, k.layer).toBe(Math.round(0.5 * k.count));
    const drifted = await run(false);
    // Adam moves every weight with a gradient off zero; those feeding dead ReLU units have none and stay.
    expect(drifted.overall).toBeLessThan(0.3);
  });

  it('withPrunedCopy fine-tunes a copy with the masks held, leaving the original as it was', async () => {
    const original = valuesOf(moons.trainer.network.model);
    const report = await withPrunedCopy(moons.trainer.network, { sparsity: 0.9, fineTuneEpochs: 2 }, { dataset: moons.dataset }, async (copy, sparsity) => {
      const copyValues = valuesOf(copy.model);
      expect(copyValues).not.toEqual(original);
      return sparsity;
    });
    expect(report.target).toBe(0.9);
    for (const k of report.kernels) expect(Math.abs(k.zeros - 0.9 * k.count)).toBeLessThanOrEqual(1);
    expect(valuesOf(moons.trainer.network.model)).toEqual(original);
  });
});

describe('pruned exports', () => {
  it('keep every pruned weight exactly zero in uint8 (zero is a code), and gzip smaller than unpruned', async () => {
    const network = moons.trainer.network;
    const unpruned = await exportModel(network.model, 'uint8');
    await withPrunedCopy(network, { sparsity: 0.9, fineTuneEpochs: 0 }, null, async (copy) => {
      const exported = await exportModel(copy.model, 'uint8');
      const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifactsFromFiles(exported.modelJson, exported.weightsBytes)));
      for (const name of KERNELS) {
        const zerosBefore = zerosIn(copy.model.getLayer(name).getWeights()[0].dataSync());
        expect(zerosIn(loaded.getLayer(name).getWeights()[0].dataSync()), name).toBe(zerosBefore);
      }
      loaded.dispose();
      expect(exported.weightsBytes.length).toBe(unpruned.weightsBytes.length);
      expect(await gzipSize(exported.weightsBytes)).toBeLessThan(0.6 * (await gzipSize(unpruned.weightsBytes)));
    });
  });

  it('appear in the export rows with their sparsity, gzip size and agreement with the unpruned float32 model', async () => {
    const test = { x: moons.trainer.data.test.x, y: moons.trainer.data.test.y, task: 'classification' as const };
    const base = await exportRows(moons.trainer.network.model, test);
    const pruned = await withPrunedCopy(moons.trainer.network, { sparsity: 0.5, fineTuneEpochs: 0 }, null, (copy, sparsity) =>
      exportRows(copy.model, test, {
        reference: base.reference, label: 'pruned 50%', pruning: { target: 0.5, actual: sparsity.overall, fineTuneEpochs: 0 },
      }));
    expect(pruned.rows.map((r) => r.label)).toEqual(['pruned 50% + float32', 'pruned 50% + float16', 'pruned 50% + uint16', 'pruned 50% + uint8']);
    for (const [i, row] of pruned.rows.entries()) {
      expect(row.pruning).toEqual({ target: 0.5, actual: expect.closeTo(0.5, 2), fineTuneEpochs: 0 });
      expect(row.weightsBytes).toBe(base.rows[i].weightsBytes);
      expect(row.gzipBytes).toBeLessThan(base.rows[i].gzipBytes);
      expect(row.agreement).toBeGreaterThan(0.5);
    }
  });
});

it('pruning, fine-tuning and exporting leave no tensor behind', async () => {
  const before = tf.memory().numTensors;
  const test = { x: moons.trainer.data.test.x, y: moons.trainer.data.test.y, task: 'classification' as const };
  await withPrunedCopy(moons.trainer.network, { sparsity: 0.5, fineTuneEpochs: 1 }, { dataset: moons.dataset }, (copy) => exportRows(copy.model, test));
  expect(tf.memory().numTensors).toBe(before);
});
