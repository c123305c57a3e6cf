// Explaining a picked test example through the worker, after a run ends: an 'explain' command answers with an
// 'explanations' event for that example — a 2D set's row (its inputs as the 'ready' event's test points give
// them, a complete attribution that differs from the first row's, the same permutation importance) or one of the
// sample grid's images (its true class as the grid's label says). A bad pick is told as an error and leaves the run.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { Handler } from '../../src/worker/handler';
import type { Event } from '../../src/worker/protocol';

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    readFile(join('datasets', decodeURIComponent(new URL(request.url!, 'http://x').pathname)))
      .then((bytes) => response.end(bytes))
      .catch(() => { response.statusCode = 404; response.end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Explained = Extract<Event, { type: 'explanations' }>;

/** Trains `spec` to its end through a Handler; `explain` then sends one pick and returns the events it caused. */
async function trained(spec: ExperimentSpec) {
  const events: Event[] = [];
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => (finished = resolve));
  const handler = new Handler((e) => {
    events.push(e);
    if (e.type === 'phase' && (e.phase === 'finished' || e.phase === 'failed')) finished();
  });
  await handler.handle({ type: 'prepare', runId: 1, spec, datasetsUrl: url });
  await handler.handle({ type: 'start', runId: 1 });
  await done;
  const failed = events.find((e) => e.type === 'phase' && e.phase === 'failed');
  expect(failed, failed?.type === 'phase' ? failed.message : '').toBeUndefined();
  const explain = async (example: number) => {
    const from = events.length;
    await handler.handle({ type: 'explain', runId: 1, arm: 0, example });
    return events.slice(from);
  };
  const close = () => handler.handle({ type: 'prepare', runId: 2, spec: presetSpec('xor-mlp'), datasetsUrl: url }); // disposes run 1
  return { events, explain, close };
}

const explanationsIn = (events: Event[]) => events.filter((e): e is Explained => e.type === 'explanations');

describe('explaining a picked test example', () => {
  it('attributes the picked row of a 2D set, keeping the permutation importance', async () => {
    const spec = presetSpec('circle-mlp');
    spec.training.backend = 'cpu';
    spec.training.epochs = 3;
    const { events, explain, close } = await trained(spec);
    const first = explanationsIn(events)[0];
    if (first?.explanations.kind !== 'features') throw new Error('no feature explanations at the end');
    expect(first.explanations.features.attribution.row).toBe(0);
    const ready = events.find((e) => e.type === 'ready');
    if (ready?.type !== 'ready' || !ready.points) throw new Error('no test points in the ready event');

    const before = tf.memory().numTensors;
    const answer = await explain(7);
    expect(tf.memory().numTensors).toBe(before);
    const picked = explanationsIn(answer);
    expect(picked).toHaveLength(1);
    if (picked[0].explanations.kind !== 'features') throw new Error('a row pick must answer with features');
    const { attribution, importance } = picked[0].explanations.features;
    expect(attribution.row).toBe(7);
    // the row's inputs are the 8th test point the page plots, its label that point's class
    expect(Array.from(attribution.input)).toEqual([ready.points.testX[14], ready.points.testX[15]].map((v) => expect.closeTo(v, 5)));
    expect(attribution.truth).toBe(ready.points.testY[7]);
    expect(Array.from(attribution.values)).not.toEqual(Array.from(first.explanations.features.attribution.values));
    const sum = attribution.values.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - (attribution.output - attribution.baselineOutput))).toBeLessThan(5e-3);
    expect(importance).toEqual(first.explanations.features.importance);

    const bad = await explain(10_000);
    expect(explanationsIn(bad)).toHaveLength(0);
    expect(bad).toEqual([expect.objectContaining({ type: 'error', message: expect.stringMatching(/no test row 10000: pick one from 0 to \d+/) })]);
    expect((await explain(3)).some((e) => e.type === 'explanations')).toBe(true); // the run still answers
    await close();
  });

  it('explains the picked image of the sample grid, for its own true class', async () => {
    const spec = presetSpec('mnist-mlp');
    spec.training.backend = 'cpu';
    spec.training.epochs = 1;
    if (spec.dataset.kind !== 'images') throw new Error('mnist-mlp trains on images');
    spec.dataset.trainSize = 200;
    spec.dataset.testSize = 50;
    const { events, explain, close } = await trained(spec);
    const first = explanationsIn(events)[0];
    if (first?.explanations.kind !== 'saliency') throw new Error('no saliency at the end');
    expect(Array.from(first.explanations.saliency.indices)).toEqual([0, 1, 2, 3]);
    const ready = events.find((e) => e.type === 'ready');
    if (ready?.type !== 'ready' || !ready.samples) throw new Error('no sample images in the ready event');

    const picked = explanationsIn(await explain(9));
    if (picked[0]?.explanations.kind !== 'saliency') throw new Error('an image pick must answer with saliency');
    const { saliency } = picked[0].explanations;
    expect(saliency.count).toBe(1);
    expect(Array.from(saliency.indices)).toEqual([9]);
    expect(saliency.trueClasses[0]).toBe(ready.samples.labels[9]);
    expect(saliency.plain.truth).toHaveLength(28 * 28);
    // a different image, a different map: its gradient is not the first image's
    const firstMap = first.explanations.saliency.plain.truth.subarray(0, 28 * 28);
    expect(Array.from(saliency.plain.truth)).not.toEqual(Array.from(firstMap));
    await close();
  });
});
