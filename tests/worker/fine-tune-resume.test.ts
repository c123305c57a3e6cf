// A fine-tune's checkpoints through the Handler: a loaded moons model trained further on circle with its first
// layer frozen sends a checkpoint per epoch that records the frozen layer; a new handler (as after a reload)
// resumed from the one after epoch 1 holds that layer still (its bytes in the exported weights file are the
// loaded model's) and ends on the same validation losses as the fine-tune that never stopped.
import { describe, expect, it } from 'vitest';
import { dense, presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { checkpointFromBytes } from '../../src/engine/train/checkpoint-bytes';
import type { Event } from '../../src/worker/protocol';
import { handlerHarness, type Of } from './handler-harness';

function specOf(preset: 'moons-mlp' | 'circle-mlp', epochs: number): ExperimentSpec {
  const s = presetSpec(preset);
  s.model.layers = [dense(8), dense(8)];
  s.training = { ...s.training, epochs, backend: 'cpu' };
  return s;
}

const exportFloat32 = async (h: ReturnType<typeof handlerHarness>, runId: number) => {
  const before = h.events.length;
  await h.handler.handle({ type: 'exportModel', runId, arm: 0, format: 'float32', pruning: null });
  return h.first('exportedModel', (e) => h.events.indexOf(e) >= before && e.runId === runId);
};
/** The first layer's kernel and bias: the first 2·8 + 8 float32 values of the weights file. */
const firstLayer = (weights: ArrayBuffer) => Array.from(new Uint8Array(weights, 0, (2 * 8 + 8) * 4));
const validations = (events: Event[], runId: number) => events.filter((e): e is Of<'epoch'> => e.type === 'epoch' && e.runId === runId).map((e) => e.report.validation?.loss);

describe('fine-tune checkpoints', () => {
  it('record the frozen layers, and a resume keeps them frozen with the losses of the run that never stopped', async () => {
    const h = handlerHarness(20_000);
    await h.handler.handle({ type: 'prepare', runId: 1, spec: specOf('moons-mlp', 2), datasetsUrl: 'http://unused/' });
    await h.handler.handle({ type: 'start', runId: 1 });
    await h.first('phase', (e) => e.runId === 1 && e.phase === 'finished');
    const base = await exportFloat32(h, 1);
    await h.handler.handle({ type: 'loadModelFiles', runId: 1, modelJson: base.modelJson, modelJsonName: base.modelJsonFileName, weights: [{ name: base.weightsFileName, bytes: base.weights.slice(0) }] });
    await h.first('loadedModel');

    await h.handler.handle({ type: 'fineTune', runId: 2, spec: specOf('circle-mlp', 3), source: { kind: 'loaded' }, frozenLayers: [0], datasetsUrl: 'http://unused/', checkpoints: { everyEpochs: 1 } });
    await h.handler.handle({ type: 'start', runId: 2 });
    await h.first('phase', (e) => e.runId === 2 && e.phase === 'finished');
    const sent = h.events.filter((e): e is Of<'checkpoint'> => e.type === 'checkpoint' && e.runId === 2);
    expect(sent.map((c) => c.epoch)).toEqual([1, 2, 3]);
    expect(checkpointFromBytes(sent[0].bytes).header.frozenLayers).toEqual([0]);
    console.log(`fine-tune checkpoint after epoch 1: ${sent[0].bytes.length} bytes`);

    const resumed = handlerHarness(20_000);
    await resumed.handler.handle({ type: 'resume', runId: 5, checkpoint: sent[0].bytes, datasetsUrl: 'http://unused/', checkpoints: { everyEpochs: 1 } });
    await resumed.handler.handle({ type: 'start', runId: 5 });
    await resumed.first('phase', (e) => e.runId === 5 && e.phase === 'finished');
    expect(validations(resumed.events, 5)).toEqual(validations(h.events, 2)); // CPU backend: exactly
    const after = await exportFloat32(resumed, 5);
    expect(firstLayer(after.weights)).toEqual(firstLayer(base.weights)); // still frozen after the resume
    expect(Array.from(new Uint8Array(after.weights))).not.toEqual(Array.from(new Uint8Array(base.weights)));
    // the resumed run's own checkpoints record the frozen layer too
    const again = resumed.events.find((e): e is Of<'checkpoint'> => e.type === 'checkpoint' && e.runId === 5)!;
    expect(checkpointFromBytes(again.bytes).header.frozenLayers).toEqual([0]);
  });
});
