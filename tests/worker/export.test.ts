// The worker's export commands on the CPU: the format table, a download loaded back and evaluated as its row,
// refusals of broken files as events, and no tensors left behind.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ExportRow } from '../../src/engine/export/export-report';
import { presetSpec } from '../../src/engine/model/presets';
import type { ExportEvent } from '../../src/worker/export-protocol';
import { Handler } from '../../src/worker/handler';
import type { Event } from '../../src/worker/protocol';

type Of<T extends ExportEvent['type']> = Extract<ExportEvent, { type: T }>;

function harness() {
  const events: Event[] = [];
  const handler = new Handler((event) => events.push(event));
  const take = <T extends ExportEvent['type']>(type: T): Of<T> => {
    const i = events.findIndex((e) => e.type === type);
    if (i < 0) throw new Error(`no ${type} event; got ${events.map((e) => e.type).join(', ')}`);
    return events.splice(i, 1)[0] as Of<T>;
  };
  return { handler, events, take };
}

describe('worker export commands', () => {
  it('measures every format, downloads uint8, loads it back with the row\'s accuracy, refuses broken files', async () => {
    const { handler, events, take } = harness();
    const spec = presetSpec('circle-mlp');
    spec.training.epochs = 2;
    await handler.handle({ type: 'exportTable', runId: 1, arm: 0, pruning: [] });
    expect(take('exportError').message).toMatch(/^No run yet/);

    await handler.handle({ type: 'prepare', runId: 1, spec, datasetsUrl: 'http://unused/' });
    await handler.handle({ type: 'exportTable', runId: 1, arm: 0, pruning: [] });
    expect(take('exportError').message).toMatch(/has not trained yet/);
    await handler.handle({ type: 'start', runId: 1 });
    while (!events.some((e) => e.type === 'phase' && e.phase === 'finished')) await new Promise((r) => setTimeout(r, 20));
    const before = tf.memory().numTensors;

    await handler.handle({ type: 'exportTable', runId: 1, arm: 0, pruning: [{ sparsity: 0.5, fineTuneEpochs: 1 }] });
    const rows: ExportRow[] = [];
    while (events.some((e) => e.type === 'exportRows')) rows.push(...take('exportRows').rows);
    take('exportTableDone');
    expect(rows.map((r) => r.label)).toEqual(['float32', 'float16', 'uint16', 'uint8', ...['float32', 'float16', 'uint16', 'uint8'].map((f) => `pruned 50%, fine-tuned 1 epoch + ${f}`)]);
    expect(rows[3].weightsBytes * 4).toBe(rows[0].weightsBytes);
    expect(rows[4].pruning).toMatchObject({ target: 0.5, fineTuneEpochs: 1 });
    expect(rows[4].pruning!.actual).toBeGreaterThanOrEqual(0.45);

    await handler.handle({ type: 'exportModel', runId: 1, arm: 0, format: 'uint8', pruning: null });
    const files = take('exportedModel');
    expect(JSON.parse(files.modelJson).weightsManifest[0].paths).toEqual([files.weightsFileName]);
    expect(files.weights.byteLength).toBe(rows[3].weightsBytes);

    const load = (modelJson: string, bytes: ArrayBuffer) =>
      handler.handle({ type: 'loadModelFiles', runId: 1, modelJson, modelJsonName: files.modelJsonFileName, weights: [{ name: files.weightsFileName, bytes }] });
    await load(files.modelJson, files.weights);
    const loaded = take('loadedModel').model;
    expect(loaded).toMatchObject({ format: 'uint8', weightsBytes: rows[3].weightsBytes, dataset: 'circle' });
    expect(loaded.metrics).toEqual(rows[3].metrics);

    await load(files.modelJson, files.weights.slice(0, 10));
    expect(take('exportError')).toMatchObject({ action: 'load', message: expect.stringMatching(/is truncated: .* describes 70 bytes of weights but the file has 10/) });
    await load('<html>not a model</html>', files.weights);
    expect(take('exportError').message).toMatch(/is not JSON/);

    await handler.handle({ type: 'predictImage', runId: 1, arm: 0, pixels: new Float32Array(2) });
    expect(take('imagePrediction')).toMatchObject({ source: 'loaded' });
    await handler.handle({ type: 'predictImage', runId: 1, arm: 0, pixels: new Float32Array(784) });
    expect(take('exportError').message).toMatch(/takes inputs of shape \[2\]/);
    // the loaded model stays (kernel and bias of its 3 dense layers); nothing else is left
    expect(tf.memory().numTensors - before).toBe(6);
  });

  it('exports either side of a paired run once it has stepped, and says which sides there are', async () => {
    const { handler, events, take } = harness();
    const spec = presetSpec('circle-mlp');
    const variant = structuredClone(spec);
    variant.training.learningRate = 0.1;
    await handler.handle({ type: 'prepare', runId: 3, spec, variant, datasetsUrl: 'http://unused/' });
    await handler.handle({ type: 'step', runId: 3 });
    await handler.handle({ type: 'exportModel', runId: 3, arm: 1, format: 'float16', pruning: { sparsity: 0.5, fineTuneEpochs: 0 } });
    const files = take('exportedModel');
    expect(files.weightsFileName).toBe('circle-2layers-pruned50-float16.weights.bin');
    expect(files.weights.byteLength).toBe(70 * 2);
    await handler.handle({ type: 'exportTable', runId: 3, arm: 2, pruning: [] });
    expect(take('exportError').message).toMatch(/no arm 2/);
    // a command for a replaced run finds no run
    await handler.handle({ type: 'exportTable', runId: 2, arm: 0, pruning: [] });
    expect(take('exportError').message).toMatch(/^No run yet/);
    expect(events.filter((e) => e.type === 'exportError')).toEqual([]);
  });
});
