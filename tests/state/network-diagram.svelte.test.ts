// The network diagram through the session, the client and the real worker handler (in this thread, CPU
// backend): no diagram is computed or sent until one is watched; while watched, diagrams arrive and change as
// the run trains; once the last watcher goes, none arrives again, to the end of the run.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import type { Event } from '../../src/worker/protocol';
import { connectedSession } from './in-thread-worker';

beforeEach(() => vi.stubGlobal('document', { baseURI: 'http://sandbox.test/app/' }));
afterEach(() => vi.unstubAllGlobals());

async function until(what: string, done: () => boolean, timeoutMs = 60_000) {
  await expect.poll(() => { flushSync(); return done(); }, { timeout: timeoutMs, interval: 20, message: what }).toBe(true);
}

describe('network diagram while training', () => {
  it('is sent only while watched, changes as the run trains, and stops when the last watcher goes', async () => {
    const { session, workers } = connectedSession();
    const events: Event[] = [];
    session.onEvent = (e) => events.push(e);
    const spec = presetSpec('circle-mlp');
    spec.training.backend = 'cpu';
    spec.training.epochs = 400; // long enough to watch, then stopped
    session.train(spec);
    const diagrams = () => events.filter((e) => e.type === 'diagram');
    await until('the run trains some steps', () => session.main.step >= 30);
    expect(diagrams()).toHaveLength(0);
    expect(session.main.diagram).toBeNull();

    const first = session.watchDiagram();
    const second = session.watchDiagram(); // two panels open: one 'shown' command
    await until('two diagrams arrive', () => diagrams().length >= 2);
    const [a, b] = diagrams().slice(0, 2).map((e) => (e.type === 'diagram' ? e : null)!);
    expect(a.diagram.layers.map((l) => `${l.name}:${l.drawn}`)).toEqual(['input:2', 'dense_1:8', 'dense_2:4', 'output:1']);
    expect(a.diagram.layers[1].values).toHaveLength(8 * a.diagram.resolution ** 2);
    expect(b.epoch).toBeGreaterThan(a.epoch);
    const output = (e: typeof a) => Array.from(e.diagram.layers[3].values);
    expect(output(b)).not.toEqual(output(a)); // trained in between: the output neuron moved
    expect(session.main.diagram?.diagram.layers).toHaveLength(4);

    first();
    first(); // a second call of the same release changes nothing
    const stillShown = diagrams().length;
    await until('a diagram arrives after one of two watchers left', () => diagrams().length > stillShown);
    second();
    const atHide = diagrams().length;
    const stepAtHide = session.main.step;
    await until('the run trains on', () => session.main.step >= stepAtHide + 60);
    session.stop();
    await until('the run stops', () => session.phase === 'stopped' && session.main.evaluation !== null);
    expect(diagrams()).toHaveLength(atHide); // none while hidden, none at the end either
    expect(workers[0].commands.filter((c) => c.type === 'diagram').map((c) => c.type === 'diagram' && c.shown)).toEqual([true, false]);
    session.dispose();
  });
});
