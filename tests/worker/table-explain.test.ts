// A bundled table trained through the worker, served over local HTTP as the page serves it: at the end the
// 'explanations' event ranks its inputs by permutation importance and attributes the first test row, each input
// named by its column (one-hot categories as "column=category", featureNames()).
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
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

describe('table explanations from the worker', () => {
  it('names every input of penguins and ranks them by permutation importance', async () => {
    const events: Event[] = [];
    let finished: () => void = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    const handler = new Handler((e) => {
      events.push(e);
      if (e.type === 'phase' && (e.phase === 'finished' || e.phase === 'failed')) finished();
    });
    const spec = presetSpec('penguins-mlp');
    spec.training.backend = 'cpu';
    spec.training.epochs = 15;
    await handler.handle({ type: 'prepare', runId: 1, spec, datasetsUrl: url });
    await handler.handle({ type: 'start', runId: 1 });
    await done;
    const failed = events.find((e) => e.type === 'phase' && e.phase === 'failed');
    expect(failed, failed?.type === 'phase' ? failed.message : '').toBeUndefined();
    const explained = events.find((e) => e.type === 'explanations');
    if (explained?.type !== 'explanations' || explained.explanations.kind !== 'features') throw new Error('no feature explanations sent');
    const { names, importance, attribution } = explained.explanations.features;
    expect(names).toHaveLength(9);
    expect(names).toEqual(expect.arrayContaining(['Beak Length (mm)', 'Flipper Length (mm)', expect.stringMatching(/^Island=/)]));
    expect(importance.features).toHaveLength(9);
    expect(importance.baseline).toBeGreaterThan(0.9);
    expect(Math.max(...importance.features.map((f) => f.mean))).toBeGreaterThan(0.02);
    expect(attribution.values).toHaveLength(9);
    const sum = attribution.values.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - (attribution.output - attribution.baselineOutput))).toBeLessThan(0.01);
    await handler.handle({ type: 'prepare', runId: 2, spec: presetSpec('xor-mlp'), datasetsUrl: url }); // disposes run 1
  });
});
