// Continue training a loaded model through the Handler as the page drives it: a model trained on moons is
// written to files, loaded back, and fine-tuned on circle (same input shape) with its first layer frozen. The
// oracle is the model's own files: the frozen layer's bytes in the float32 weights file are the same before and
// after, the other layers' are not, and the loss falls. A model whose layers do not fit is refused by name.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dense, presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { handlerHarness, type Of } from './handler-harness';

function specOf(dataset: 'moons' | 'circle', epochs: number, layers = [dense(8), dense(8)]): ExperimentSpec {
  const s = presetSpec(dataset === 'moons' ? 'moons-mlp' : 'circle-mlp');
  s.model.layers = layers;
  s.training = { ...s.training, epochs, backend: 'cpu' };
  return s;
}

/** Each weight's bytes in a float32 weights file, by the manifest's names. */
function weightBytes(modelJson: string, weights: ArrayBuffer): Map<string, number[]> {
  const manifest = (JSON.parse(modelJson) as { weightsManifest: { weights: { name: string; shape: number[] }[] }[] }).weightsManifest;
  const out = new Map<string, number[]>();
  let offset = 0;
  for (const w of manifest.flatMap((g) => g.weights)) {
    const length = w.shape.reduce((a, b) => a * b, 1) * 4;
    out.set(w.name, Array.from(new Uint8Array(weights, offset, length)));
    offset += length;
  }
  return out;
}

async function exportFloat32(h: ReturnType<typeof handlerHarness>, runId: number) {
  const before = h.events.length;
  await h.handler.handle({ type: 'exportModel', runId, arm: 0, format: 'float32', pruning: null });
  return h.first('exportedModel', (e) => h.events.indexOf(e) >= before && e.runId === runId);
}

describe('fine-tune in the worker', () => {
  it('a loaded model trained further on another dataset: the frozen first layer is unchanged byte for byte, the rest move, the loss falls', async () => {
    const h = handlerHarness(10_000);
    await h.handler.handle({ type: 'prepare', runId: 1, spec: specOf('moons', 2), datasetsUrl: 'http://unused/' });
    await h.handler.handle({ type: 'start', runId: 1 });
    await h.first('phase', (e) => e.runId === 1 && e.phase === 'finished');
    const base = await exportFloat32(h, 1);

    // a circle run for the loaded model to be evaluated on, then the model loaded from its files
    await h.handler.handle({ type: 'prepare', runId: 2, spec: specOf('circle', 2), datasetsUrl: 'http://unused/' });
    await h.handler.handle({ type: 'loadModelFiles', runId: 2, modelJson: base.modelJson, modelJsonName: base.modelJsonFileName, weights: [{ name: base.weightsFileName, bytes: base.weights.slice(0) }] });
    await h.first('loadedModel');
    const tensors = tf.memory().numTensors;

    await h.handler.handle({ type: 'fineTune', runId: 3, spec: specOf('circle', 2), source: { kind: 'loaded' }, frozenLayers: [0], datasetsUrl: 'http://unused/' });
    const told = await h.first('fineTune', (e) => e.runId === 3);
    expect(told).toMatchObject({ source: base.modelJsonFileName + ' + ' + base.weightsFileName, frozen: ['dense_1'], note: null });
    await h.handler.handle({ type: 'start', runId: 3 });
    await h.first('phase', (e) => e.runId === 3 && e.phase === 'finished');
    const tuned = await exportFloat32(h, 3);

    const before = weightBytes(base.modelJson, base.weights);
    const after = weightBytes(tuned.modelJson, tuned.weights);
    const names = [...before.keys()];
    expect(names).toHaveLength(6); // kernel and bias of dense_1, dense_2, output
    expect(after.get(names[0])).toEqual(before.get(names[0]));
    expect(after.get(names[1])).toEqual(before.get(names[1]));
    for (const name of names.slice(2)) expect(after.get(name)).not.toEqual(before.get(name));
    const losses = h.events.filter((e): e is Of<'batches'> => e.type === 'batches' && e.runId === 3).map((e) => e.report.loss);
    const third = Math.floor(losses.length / 3);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-third))).toBeLessThan(mean(losses.slice(0, third)));
    // the run's tensors replaced the evaluation run's: nothing grew but what the run itself holds
    await h.handler.handle({ type: 'prepare', runId: 4, spec: specOf('circle', 2), datasetsUrl: 'http://unused/' });
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('refuses a model whose hidden layers do not fit the Train view\'s, naming the layer and both shapes', async () => {
    const h = handlerHarness(10_000);
    await h.handler.handle({ type: 'prepare', runId: 1, spec: specOf('moons', 1), datasetsUrl: 'http://unused/' });
    await h.handler.handle({ type: 'step', runId: 1 });
    const base = await exportFloat32(h, 1);
    await h.handler.handle({ type: 'loadModelFiles', runId: 1, modelJson: base.modelJson, modelJsonName: base.modelJsonFileName, weights: [{ name: base.weightsFileName, bytes: base.weights.slice(0) }] });
    await h.first('loadedModel');
    await h.handler.handle({ type: 'fineTune', runId: 2, spec: specOf('circle', 1, [dense(8), dense(4)]), source: { kind: 'loaded' }, frozenLayers: [], datasetsUrl: 'http://unused/' });
    const failed = await h.first('phase', (e) => e.runId === 2 && e.phase === 'failed');
    expect(failed.message).toBe('The model\'s layer 2 (dense_2 here) has weights [8, 8] [8] and the Train view\'s [8, 4] [4]: continue training on a dataset with the same input shape, with the layers the model was trained with');
  });

  it('with no model loaded, says how to get one', async () => {
    const h = handlerHarness(10_000);
    await h.handler.handle({ type: 'fineTune', runId: 1, spec: specOf('circle', 1), source: { kind: 'loaded' }, frozenLayers: [], datasetsUrl: 'http://unused/' });
    const failed = await h.first('phase', (e) => e.runId === 1 && e.phase === 'failed');
    expect(failed.message).toMatch(/^No model is loaded: load one from files or from the saved models first/);
  });
});
