// SearchSession (state/search.svelte.ts) over a real SearchClient whose worker is the real SearchHandler in this
// thread (messages structured-cloned), training on tfjs's CPU backend: a small search to the end with every
// trial kept as a run, and a pause, a "reload" (a new session on the same storage) and a resume that ends with
// the same results as a search run straight through.
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import type { RunRecord } from '../../src/state/run-record';
import { SearchSession } from '../../src/state/search.svelte';
import { SearchCheckpointStore } from '../../src/state/search-checkpoints';
import { SearchHandler } from '../../src/worker/search';
import { SearchClient } from '../../src/worker/search-client';
import type { SearchCommand, SearchEvent } from '../../src/worker/search-protocol';

beforeEach(() => vi.stubGlobal('document', { baseURI: 'http://sandbox.test/app/' }));
afterEach(() => vi.unstubAllGlobals());

class InThreadSearchWorker {
  onmessage: ((m: MessageEvent<SearchEvent>) => void) | null = null;
  onerror = null;
  readonly #handler = new SearchHandler((event) => this.onmessage?.({ data: structuredClone(event) } as MessageEvent<SearchEvent>));
  postMessage(command: SearchCommand) { void this.#handler.handle(structuredClone(command)); }
  terminate() {}
}

class MemoryStorage {
  readonly #items = new Map<string, string>();
  getItem(k: string) { return this.#items.get(k) ?? null; }
  setItem(k: string, v: string) { this.#items.set(k, v); }
  removeItem(k: string) { this.#items.delete(k); }
}

function base(): ExperimentSpec {
  const spec = presetSpec('circle-mlp');
  spec.training.backend = 'cpu';
  return spec;
}

function session(storage: MemoryStorage, checkpoints: SearchCheckpointStore | null = null, onEvent?: (e: SearchEvent, s: SearchSession) => void) {
  let s: SearchSession | null = null;
  const events: SearchEvent[] = [];
  const client = new SearchClient((e) => {
    events.push(e);
    s?.handleEvent(e);
    onEvent?.(e, s!);
  }, () => new InThreadSearchWorker() as unknown as Worker);
  s = new SearchSession(base(), client, storage as unknown as Storage, checkpoints);
  const records: RunRecord[] = [];
  s.onRecord = (r) => records.push(r);
  return { s: s as SearchSession, records, events };
}

/** How many trial checkpoints the IndexedDB holds, read with the raw API (not through the store under test). */
const keptCheckpoints = (factory: IDBFactory) => new Promise<number>((resolve, reject) => {
  const open = factory.open('training-sandbox-search-checkpoints', 1);
  open.onsuccess = () => {
    const count = open.result.transaction('trial-checkpoints').objectStore('trial-checkpoints').count();
    count.onsuccess = () => { open.result.close(); resolve(count.result); };
    count.onerror = () => reject(count.error);
  };
  open.onerror = () => reject(open.error);
});

const until = (what: string, done: () => boolean, timeout = 90_000) => expect.poll(done, { timeout, interval: 20, message: what }).toBe(true);

describe('SearchSession', () => {
  it('runs a small random search to the end, keeps each trial as a run, and resumes after a reload with the same results', async () => {
    const storage = new MemoryStorage();
    const { s, records } = session(storage);
    s.form.chosen = ['learningRate'];
    s.form.trials = 4;
    s.form.epochs = 2;
    s.start(base());
    await until('the search completes', () => s.phase === 'complete');
    expect(s.results).toHaveLength(4);
    expect(records).toHaveLength(4);
    expect(records[0].name).toMatch(/search trial 1 · learning rate /);
    expect(records[0].evaluation?.task).toBe('classification');
    expect(records[0].curves.validationLoss).toHaveLength(2);
    const straight = s.results.map((r) => r.metrics.val_loss);

    // again, paused after the second result; then a new session on the same storage, as after a reload
    const second = new MemoryStorage();
    const first = session(second);
    first.s.form.chosen = ['learningRate'];
    first.s.form.trials = 4;
    first.s.form.epochs = 2;
    first.s.start(base());
    await until('two results', () => first.s.state.results.length >= 2);
    first.s.pause();
    await until('paused', () => first.s.phase === 'paused');
    const kept = first.s.state.results.length;
    expect(kept).toBeLessThan(4);
    const reloaded = session(second);
    expect(reloaded.s.canResume).toBe(true);
    expect(reloaded.s.state.results).toHaveLength(kept);
    expect(reloaded.s.message).toMatch(/Resume goes on/);
    reloaded.s.resume();
    await until('the resumed search completes', () => reloaded.s.phase === 'complete');
    expect(reloaded.records).toHaveLength(4 - kept); // the trials trained after the reload, each once
    expect(reloaded.s.results.map((r) => r.metrics.val_loss)).toEqual(straight); // CPU backend: exactly
  });

  it('paused in the middle of a trial and reloaded, goes on with that trial from its checkpoint in IndexedDB', async () => {
    const setUp = (s: SearchSession) => { s.form.chosen = ['learningRate']; s.form.trials = 2; s.form.epochs = 4; };
    const straight = session(new MemoryStorage());
    setUp(straight.s);
    straight.s.start(base());
    await until('the straight search completes', () => straight.s.phase === 'complete');

    const storage = new MemoryStorage();
    const factory = new IDBFactory();
    const first = session(storage, new SearchCheckpointStore(factory), (e, s) => {
      if (e.type === 'search-checkpoint' && e.job.trial === 0 && e.epoch === 2) s.pause();
    });
    setUp(first.s);
    first.s.start(base());
    await until('paused', () => first.s.phase === 'paused');
    expect(first.s.state.results).toHaveLength(0);
    await expect.poll(() => keptCheckpoints(factory)).toBe(2); // each job's newest: what a reload finds
    const reloaded = session(storage, new SearchCheckpointStore(factory));
    expect(reloaded.s.message).toMatch(/Resume goes on \(the trial in progress from its last checkpoint/);
    reloaded.s.resume();
    await until('the resumed search completes', () => reloaded.s.phase === 'complete');
    const progress = reloaded.events.flatMap((e) => (e.type === 'search-progress' && e.job.trial === 0 ? [e.epoch] : []));
    expect(Math.min(...progress)).toBeGreaterThan(2); // from the checkpoint after epoch 2, not from the start
    expect(reloaded.s.results.map((r) => r.metrics)).toEqual(straight.s.results.map((r) => r.metrics));
    expect(reloaded.records.map((r) => r.curves.validationLoss)).toEqual(straight.records.map((r) => r.curves.validationLoss));
    await expect.poll(() => keptCheckpoints(factory)).toBe(0); // a complete search keeps no trial checkpoints
  });
});
