// A search cut short in the middle of a trial (the worker's SearchHandler on tfjs's CPU backend): each trial
// sends a checkpoint after every epoch but its last; a new handler (as after a reload) given the search's state
// and the newest checkpoint of the unfinished job goes on with that trial from there, not from its start, and
// every figure equals the search run straight through.
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import { emptyState, type SearchState } from '../../src/engine/search/driver';
import type { SearchSpec } from '../../src/engine/search/plan';
import { sameJob, type TrialCheckpoint } from '../../src/worker/search-resume';
import { SearchHandler } from '../../src/worker/search';
import type { SearchEvent } from '../../src/worker/search-protocol';

type Of<T extends SearchEvent['type']> = Extract<SearchEvent, { type: T }>;

function search(): SearchSpec {
  const base = presetSpec('circle-mlp');
  base.training = { ...base.training, epochs: 4, backend: 'cpu' };
  return {
    base, dimensions: [{ param: 'learningRate', kind: 'range', min: 0.003, max: 0.1, log: true }], method: { kind: 'random' },
    budget: { trials: 2, seconds: 600 }, metric: 'val_accuracy', seed: 3,
  };
}

function run(state: SearchState, checkpoints: TrialCheckpoint[] = [], pauseAfter?: (e: Of<'search-checkpoint'>) => boolean) {
  const events: SearchEvent[] = [];
  let handler: SearchHandler;
  // eslint-disable-next-line prefer-const
  handler = new SearchHandler((event) => {
    events.push(structuredClone(event));
    if (event.type === 'search-checkpoint' && pauseAfter?.(event)) void handler.handle({ type: 'search-pause', searchId: 1 });
  });
  const done = handler.handle({ type: 'search-start', searchId: 1, search: search(), state, datasetsUrl: 'http://unused/', checkpoints });
  return { events, done };
}

const of = <T extends SearchEvent['type']>(events: SearchEvent[], type: T) => events.filter((e): e is Of<T> => e.type === type);
const phaseOf = (events: SearchEvent[]) => of(events, 'search-phase').at(-1)?.phase;

describe('search trial checkpoints', () => {
  it('a trial cut short goes on from its checkpoint, and the search ends with the figures of one never stopped', async () => {
    const straight = run(emptyState());
    await straight.done;
    expect(phaseOf(straight.events)).toBe('complete');
    const expected = of(straight.events, 'search-result');
    expect(expected).toHaveLength(2);
    // both trials train together (two at a time): each sends checkpoints after epochs 1 to 3
    const sent = of(straight.events, 'search-checkpoint');
    expect(sent.filter((c) => c.job.trial === 0).map((c) => c.epoch)).toEqual([1, 2, 3]);
    const sizes = sent.map((c) => c.bytes.length);
    console.log(`trial checkpoint: ${sizes[0]} bytes after epoch 1, ${sizes.at(-1)} after epoch 3`);

    // paused once trial 1 has its checkpoint after epoch 2: no result is kept, each job's newest checkpoint is
    const state = emptyState();
    const cut = run(state, [], (c) => c.job.trial === 0 && c.epoch === 2);
    await cut.done;
    expect(phaseOf(cut.events)).toBe('paused');
    expect(of(cut.events, 'search-result')).toHaveLength(0);
    const newest: TrialCheckpoint[] = [];
    for (const c of of(cut.events, 'search-checkpoint')) {
      const kept = { trial: c.job.trial, rung: c.job.rung, epoch: c.epoch, bytes: c.bytes };
      const i = newest.findIndex((n) => sameJob(n, kept));
      if (i >= 0) newest[i] = kept; else newest.push(kept);
    }
    const first = newest.find((n) => n.trial === 0)!;
    expect(first.epoch).toBeGreaterThanOrEqual(2);

    const resumed = run(structuredClone(state), newest);
    await resumed.done;
    expect(phaseOf(resumed.events)).toBe('complete');
    // went on from the checkpoint: its first progress report is past the checkpoint's epoch, none before it
    const progress = of(resumed.events, 'search-progress').filter((p) => p.job.trial === 0).map((p) => p.epoch);
    expect(Math.min(...progress)).toBeGreaterThan(first.epoch);
    const got = of(resumed.events, 'search-result');
    expect(got.map((r) => r.result.metrics)).toEqual(expected.map((r) => r.result.metrics)); // CPU backend: exactly
    // the stored run's validation curve holds the epochs before the checkpoint too
    expect(got.map((r) => r.curve.map((c) => c.valLoss))).toEqual(expected.map((r) => r.curve.map((c) => c.valLoss)));
    expect(got.map((r) => r.evaluation)).toEqual(expected.map((r) => r.evaluation));
    const diff = Math.max(...got.flatMap((r, i) => Object.entries(r.result.metrics).map(([k, v]) => Math.abs(v - expected[i].result.metrics[k as 'val_loss']))));
    console.log(`resumed trial ${first.trial + 1} from epoch ${first.epoch}: largest metric difference ${diff}`);
  });

  it('a damaged checkpoint is named and its trial trains from the start, with the same figures', async () => {
    const straight = run(emptyState());
    await straight.done;
    const bytes = of(straight.events, 'search-checkpoint').find((c) => c.job.trial === 0 && c.epoch === 2)!.bytes;
    const damaged = bytes.slice(0, bytes.length - 8);
    const again = run(emptyState(), [{ trial: 0, rung: 0, epoch: 2, bytes: damaged }]);
    await again.done;
    expect(of(again.events, 'search-phase').map((p) => p.message ?? '').join(' ')).toMatch(/Trial 1's checkpoint after epoch 2 was not used \(.+\): it trains again from its start\./);
    expect(of(again.events, 'search-result').map((r) => r.result.metrics)).toEqual(of(straight.events, 'search-result').map((r) => r.result.metrics));
  });
});
