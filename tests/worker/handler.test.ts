import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dense, presetSpec } from '../../src/engine/model/presets';
import type { Event } from '../../src/worker/protocol';
import { handlerHarness } from './handler-harness';

/** A handler whose events are recorded, with a way to wait for one. */

const small = () => {
  const spec = presetSpec('circle-mlp');
  spec.training.epochs = 3;
  return spec;
};

describe('worker handler', () => {
  it('prepares, steps, trains to the end and evaluates, on the faster of WASM and CPU with the reasons the GPUs are missing', async () => {
    const { handler, events, next, phase } = handlerHarness();
    await handler.handle({ type: 'prepare', runId: 1, spec: small(), datasetsUrl: 'http://unused/' });
    const backend = (await next((e) => e.type === 'backend')) as Extract<Event, { type: 'backend' }>;
    expect(backend.report.statuses.find((s) => s.name === 'webgpu')?.detail).toMatch(/navigator\.gpu is missing/);
    expect(backend.report.statuses.find((s) => s.name === 'webgl')?.available).toBe(false);
    // Auto timed the model on both backends Node has and kept the faster
    const measured = backend.report.measured ?? [];
    expect(measured.map((m) => m.name)).toEqual(['wasm', 'cpu']);
    expect(measured.every((m) => m.examplesPerSecond > 0 && m.steps >= 1)).toBe(true);
    expect(backend.report.active).toBe([...measured].sort((a, b) => b.examplesPerSecond - a.examplesPerSecond)[0].name);
    const ready = (await next((e) => e.type === 'ready')) as Extract<Event, { type: 'ready' }>;
    expect(ready.info).toMatchObject({ fitCount: 240, validationCount: 60, testCount: 300, batchesPerEpoch: 8, epochs: 3 });
    expect(ready.points?.trainX.length).toBe(300 * 2);
    await next((e) => e.type === 'boundary');

    await handler.handle({ type: 'step', runId: 1 });
    const firstBatch = (await next((e) => e.type === 'batches')) as Extract<Event, { type: 'batches' }>;
    expect(firstBatch.report.step).toBe(1);
    await phase(1, 'paused');

    await handler.handle({ type: 'start', runId: 1 });
    await phase(1, 'finished');
    const evaluation = (await next((e) => e.type === 'evaluation')) as Extract<Event, { type: 'evaluation' }>;
    expect(evaluation.evaluation.task).toBe('classification');
    expect(events.filter((e) => e.type === 'epoch').map((e) => e.type === 'epoch' && e.report.epoch)).toEqual([1, 2, 3]);
    expect(events.every((e) => e.runId === 1)).toBe(true);
  });

  it('changes the learning rate of a running run from its next step, and says from which step', async () => {
    const { handler, events, next, phase } = handlerHarness();
    const spec = small();
    spec.training.epochs = 20;
    await handler.handle({ type: 'prepare', runId: 1, spec, datasetsUrl: 'http://unused/' });
    await handler.handle({ type: 'start', runId: 1 });
    await next((e) => e.type === 'batches');
    await handler.handle({ type: 'learningRate', runId: 1, arms: [0], learningRate: 0.5 });
    const changed = (await next((e) => e.type === 'learningRate')) as Extract<Event, { type: 'learningRate' }>;
    const reported = events.filter((e) => e.type === 'batches').length;
    expect(changed).toMatchObject({ arm: 0, learningRate: 0.5 });
    expect(changed.step).toBeGreaterThan(1);
    expect(changed.epoch).toBeGreaterThan(0);
    // a bad rate is ignored, not applied
    await handler.handle({ type: 'learningRate', runId: 1, arms: [0], learningRate: -1 });
    await phase(1, 'finished');
    expect(events.filter((e) => e.type === 'learningRate')).toHaveLength(1);
    // training went on after the change
    expect(events.filter((e) => e.type === 'batches').length).toBeGreaterThan(reported);
  });

  it('refuses an invalid spec with the validation message, and stays usable', async () => {
    const { handler, next } = handlerHarness();
    const spec = small();
    spec.model.layers[0] = dense(0);
    await handler.handle({ type: 'prepare', runId: 1, spec, datasetsUrl: 'http://unused/' });
    const error = (await next((e) => e.type === 'error')) as Extract<Event, { type: 'error' }>;
    expect(error.message).toBe('dense_1: units must be a whole number from 1 to 4096 (got 0).');
    await handler.handle({ type: 'prepare', runId: 2, spec: small(), datasetsUrl: 'http://unused/' });
    await next((e) => e.type === 'ready' && e.runId === 2);
  });

  it('stops early with an evaluation, and a new prepare replaces a running run without leaking', async () => {
    const { handler, next, phase } = handlerHarness();
    const long = small();
    long.training.epochs = 500;
    await handler.handle({ type: 'prepare', runId: 1, spec: long, datasetsUrl: 'http://unused/' });
    const tensorsAtRest = tf.memory().numTensors;
    await handler.handle({ type: 'start', runId: 1 });
    await next((e) => e.type === 'epoch' && e.runId === 1);
    await handler.handle({ type: 'stop', runId: 1 });
    await phase(1, 'stopped');
    await next((e) => e.type === 'evaluation' && e.runId === 1);

    await handler.handle({ type: 'prepare', runId: 2, spec: long, datasetsUrl: 'http://unused/' });
    await handler.handle({ type: 'start', runId: 2 });
    await next((e) => e.type === 'epoch' && e.runId === 2);
    await handler.handle({ type: 'prepare', runId: 3, spec: long, datasetsUrl: 'http://unused/' });
    await next((e) => e.type === 'ready' && e.runId === 3);
    expect(tf.memory().numTensors).toBe(tensorsAtRest);
  });
});

describe('worker handler: paired runs and cross-validation', () => {
  it('trains a baseline and a variant side by side from shared weights, both growing live', async () => {
    const { handler, events, next, phase } = handlerHarness();
    const baseline = small();
    const variant = structuredClone(baseline);
    variant.model.layers.splice(1, 0, { type: 'dropout', rate: 0.5 });
    await handler.handle({ type: 'prepare', runId: 1, spec: baseline, variant, datasetsUrl: 'http://unused/' });
    const plan = (await next((e) => e.type === 'plan')) as Extract<Event, { type: 'plan' }>;
    expect(plan).toMatchObject({ mode: 'paired', arms: 2, pairing: { shared: 6, total: 6 } });
    await handler.handle({ type: 'start', runId: 1 });
    await phase(1, 'finished');
    const batchArms = events.filter((e) => e.type === 'batches').map((e) => (e as { arm: number }).arm);
    // interleaved: the variant reports before the baseline is done
    expect(batchArms.indexOf(1)).toBeLessThan(batchArms.lastIndexOf(0));
    expect(events.filter((e) => e.type === 'evaluation').map((e) => (e as { arm: number }).arm).sort()).toEqual([0, 1]);
  });

  it('runs k folds one after another and reports mean ± standard deviation of validation accuracy', async () => {
    const { handler, events, next } = handlerHarness();
    const spec = small();
    spec.training.folds = 3;
    spec.training.epochs = 2;
    await handler.handle({ type: 'prepare', runId: 1, spec, datasetsUrl: 'http://unused/' });
    await handler.handle({ type: 'start', runId: 1 });
    const folds = (await next((e) => e.type === 'folds')) as Extract<Event, { type: 'folds' }>;
    expect(folds.summary.metric).toBe('val_accuracy');
    expect(folds.summary.values).toHaveLength(3);
    const mean = folds.summary.values.reduce((a, b) => a + b) / 3;
    expect(folds.summary.mean).toBeCloseTo(mean, 12);
    expect(folds.summary.std).toBeCloseTo(Math.sqrt(folds.summary.values.reduce((a, v) => a + (v - mean) ** 2, 0) / 3), 12);
    // each fold validates on a third of the 300 training points
    const ready = events.filter((e) => e.type === 'ready') as Extract<Event, { type: 'ready' }>[];
    expect(ready.map((e) => [e.arm, e.info.validationCount, e.info.fitCount])).toEqual([[0, 100, 200], [1, 100, 200], [2, 100, 200]]);
  });
});
