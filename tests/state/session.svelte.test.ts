// TrainingSession (state/session.svelte.ts) through an injected client: a real TrainingClient whose worker is the
// real Handler in this thread (messages structured-cloned, as postMessage does), training on tfjs's CPU backend.
// The runes are compiled for the browser, so an $effect sees the session's state change as the page would.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dense, presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import type { Command } from '../../src/worker/protocol';
import { connectedSession } from './in-thread-worker';

// TrainingClient.prepare resolves the datasets' URL against the page; the 2D sets are generated, never fetched
beforeEach(() => vi.stubGlobal('document', { baseURI: 'http://sandbox.test/app/' }));
afterEach(() => vi.unstubAllGlobals());

function circle(epochs = 3): ExperimentSpec {
  const spec = presetSpec('circle-mlp');
  spec.training.epochs = epochs;
  // asked for by name: under Auto, Node's fastest (WASM or CPU) depends on the machine's load
  spec.training.backend = 'cpu';
  return spec;
}

/** Polls until `done()` holds, at most `timeoutMs`; the message says what was awaited. */
async function until(what: string, done: () => boolean, timeoutMs = 60_000) {
  await expect.poll(done, { timeout: timeoutMs, interval: 20, message: what }).toBe(true);
}

describe('TrainingSession', () => {
  it('trains a run to the end through the client: phases in order, backend, curves, evaluation, onEnded once', async () => {
    const { session, workers } = connectedSession();
    const phases: string[] = [];
    const stopEffect = $effect.root(() => {
      $effect(() => {
        phases.push(session.phase);
      });
    });
    flushSync(); // an effect first runs at a flush
    const ended: number[] = [];
    session.onEnded = (s, ms) => ended.push(ms);
    expect(workers).toHaveLength(0); // the worker starts with the first command, not before
    session.train(circle());
    flushSync();
    expect(session.phase).toBe('preparing');
    expect(session.busy).toBe(true);
    await until('the run finishes', () => {
      flushSync();
      return session.phase === 'finished';
    });
    stopEffect();
    expect(phases[0]).toBe('idle');
    expect(phases).toContain('running');
    expect(phases.at(-1)).toBe('finished');
    expect(phases.indexOf('preparing')).toBeLessThan(phases.indexOf('running'));
    expect(session.backend).toMatchObject({ requested: 'cpu', active: 'cpu' });
    expect(session.backend?.fastPath).toBeUndefined(); // said only where WebGPU runs
    expect(session.backends.map((s) => s.name)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(session.runSpec?.training.epochs).toBe(3);
    const arm = session.main;
    expect(arm.info).toMatchObject({ epochs: 3, batchesPerEpoch: 8 });
    expect(arm.epoch).toBe(3);
    expect(arm.evaluation?.task).toBe('classification');
    expect(arm.end?.reason).toBe('finished');
    expect(session.points?.trainX.length).toBeGreaterThan(0);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toBeGreaterThan(0);
    expect(workers).toHaveLength(1);
    expect(workers[0].commands.map((c) => c.type)).toEqual(['prepare', 'start']);
    const prepared = workers[0].commands[0] as Extract<Command, { type: 'prepare' }>;
    expect(prepared.datasetsUrl).toBe('http://sandbox.test/app/datasets/');
    session.dispose();
    expect(workers[0].terminated).toBe(true);
  });

  it('steps once and resumes the same run; a changed spec prepares a new run from a clean slate', async () => {
    const { session, workers } = connectedSession();
    const spec = circle(2);
    session.stepOnce(spec);
    await until('one step is taken and the run pauses', () => session.phase === 'paused' && session.main.step === 1);
    session.train(spec); // the same spec: resumes, no new prepare
    await until('the resumed run finishes', () => session.phase === 'finished');
    expect(workers[0].commands.map((c) => c.type)).toEqual(['prepare', 'step', 'start']);

    const other = circle(1);
    other.training.learningRate = 0.05;
    session.train(other);
    // the new run starts from a clean slate at once, before any of its events arrive
    expect(session.main.step).toBe(0);
    expect(session.main.evaluation).toBeNull();
    await until('the second run finishes', () => session.phase === 'finished' && session.main.evaluation !== null);
    expect(session.runSpec?.training.learningRate).toBe(0.05);
    expect(session.main.epoch).toBe(1);
    const ids = workers[0].commands.map((c) => c.runId);
    expect(ids).toEqual([1, 1, 1, 2, 2]);
    session.dispose();
  });

  it('shows the validation message of a spec that cannot train, and trains again once it is fixed', async () => {
    const { session } = connectedSession();
    const bad = circle(1);
    bad.model.layers[0] = dense(0);
    session.train(bad);
    await until('the refusal arrives', () => session.error !== null);
    expect(session.error).toMatch(/units/i);
    session.train(circle(1));
    expect(session.error).toBeNull();
    await until('the fixed run finishes', () => session.phase === 'finished');
    session.dispose();
  });
});
