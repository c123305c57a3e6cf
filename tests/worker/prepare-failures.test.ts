// A run whose preparation fails part-way leaves no tensor behind: the failures are real ones (a dataset whose
// arrays are shorter than their shapes say) or injected at the step named, and tf.memory() is the oracle.
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generatePoints } from '../../src/data/points';
import type { Dataset } from '../../src/data/dataset';
import { presetSpec } from '../../src/engine/model/presets';
import { Trainer } from '../../src/engine/train/trainer';
import { Arm } from '../../src/worker/arm';
import { DatasetCache } from '../../src/worker/dataset-cache';
import { Handler } from '../../src/worker/handler';
import type { Event } from '../../src/worker/protocol';

function circle() {
  const spec = presetSpec('circle-mlp');
  spec.training.epochs = 2;
  return spec;
}

/** The circle set with its test inputs cut short: the test split's upload throws after the fit split's succeeded. */
function brokenTestSplit(): Dataset {
  const spec = circle();
  if (spec.dataset.kind !== 'points') throw new Error('points only');
  const dataset = generatePoints({ ...spec.dataset, seed: spec.training.seed });
  return { ...dataset, test: { ...dataset.test, x: dataset.test.x.subarray(0, 10) } };
}

function recorder() {
  const events: Event[] = [];
  let wake = () => {};
  const handler = new Handler((e) => { events.push(e); wake(); });
  const next = async (test: (e: Event) => boolean) => {
    for (let i = 0; i < 200 && !events.some(test); i++) await new Promise<void>((r) => { wake = r; setTimeout(r, 50); });
    const found = events.find(test);
    if (!found) throw new Error('the event never came');
    return found;
  };
  return { handler, events, next };
}

afterEach(() => vi.restoreAllMocks());

describe('a run whose preparation throws', () => {
  it('Trainer: the dataset upload throws and neither the built network nor the uploaded splits leak', () => {
    tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    expect(() => new Trainer(circle(), brokenTestSplit())).toThrow(/shape/i);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('handler: the second arm of a pair throws, the first arm is disposed, the error reaches the page, and the next run works', async () => {
    const { handler, next } = recorder();
    const baseline = circle();
    const variant = structuredClone(baseline);
    variant.model.layers.splice(1, 0, { type: 'dropout', rate: 0.5 });
    // warm the backend and its cached constants once, so the count below is only the run's own tensors
    await handler.handle({ type: 'prepare', runId: 1, spec: baseline, datasetsUrl: 'http://unused/' });
    await next((e) => e.type === 'phase' && e.runId === 1 && e.phase === 'ready');
    await handler.handle({ type: 'prepare', runId: 2, spec: circle(), datasetsUrl: 'http://unused/' });
    await next((e) => e.type === 'phase' && e.runId === 2 && e.phase === 'ready');
    const withOneRun = tf.memory().numTensors;

    const real = Arm.prototype.announce;
    let calls = 0;
    vi.spyOn(Arm.prototype, 'announce').mockImplementation(function (this: Arm, views) {
      if (++calls === 2) throw new Error('injected: the variant could not be announced');
      return real.call(this, views);
    });
    await handler.handle({ type: 'prepare', runId: 3, spec: baseline, variant, datasetsUrl: 'http://unused/' });
    const error = await next((e) => e.type === 'error' && e.runId === 3);
    expect(error).toMatchObject({ message: 'injected: the variant could not be announced' });
    expect(calls).toBe(2);
    // the previous run was replaced, both arms of the failed pair are gone: nothing of any run is left
    const arms = tf.memory().numTensors;
    vi.restoreAllMocks();
    await handler.handle({ type: 'prepare', runId: 4, spec: circle(), datasetsUrl: 'http://unused/' });
    await next((e) => e.type === 'phase' && e.runId === 4 && e.phase === 'ready');
    expect(tf.memory().numTensors).toBe(withOneRun);
    expect(arms).toBeLessThan(withOneRun);
  });

  it('handler: a Trainer that throws inside an arm (dataset upload) leaves no tensor either', async () => {
    const { handler, next } = recorder();
    await handler.handle({ type: 'prepare', runId: 1, spec: circle(), datasetsUrl: 'http://unused/' });
    await next((e) => e.type === 'phase' && e.runId === 1 && e.phase === 'ready');
    await handler.handle({ type: 'prepare', runId: 2, spec: circle(), datasetsUrl: 'http://unused/' });
    await next((e) => e.type === 'phase' && e.runId === 2 && e.phase === 'ready');
    const withOneRun = tf.memory().numTensors;
    vi.spyOn(DatasetCache.prototype, 'load').mockResolvedValueOnce(brokenTestSplit());
    await handler.handle({ type: 'prepare', runId: 3, spec: circle(), datasetsUrl: 'http://unused/' });
    expect(await next((e) => e.type === 'error' && e.runId === 3)).toMatchObject({ message: expect.stringMatching(/shape/i) });
    vi.restoreAllMocks();
    await handler.handle({ type: 'prepare', runId: 4, spec: circle(), datasetsUrl: 'http://unused/' });
    await next((e) => e.type === 'phase' && e.runId === 4 && e.phase === 'ready');
    expect(tf.memory().numTensors).toBe(withOneRun);
  });
});
