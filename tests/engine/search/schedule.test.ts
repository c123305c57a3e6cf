import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../../src/engine/model/presets';
import { emptyState, runSearch } from '../../../src/engine/search/driver';
import type { SearchSpec, Trial } from '../../../src/engine/search/plan';
import { bestResult, rungEpochs, type Job } from '../../../src/engine/search/schedule';

/**
 * A synthetic objective with a known answer: validation accuracy climbs towards a ceiling set by how far the
 * learning rate is from 0.01 (in decades), faster with more epochs. The best trial is the one nearest 0.01.
 */
const ceiling = (lr: number) => 1 - Math.abs(Math.log10(lr / 0.01)) / 4;
const accuracy = (lr: number, epochs: number) => ceiling(lr) * (1 - Math.exp(-epochs / 5));
const objective = async (trial: Trial, job: Job) => {
  const a = accuracy(trial.params.learningRate as number, job.epochs);
  return { metrics: { val_accuracy: a, val_loss: 1 - a, test_accuracy: a, test_loss: 1 - a } };
};

const halving = (over: Partial<SearchSpec> = {}): SearchSpec => {
  const base = presetSpec('moons-mlp');
  base.training.epochs = 27;
  return {
    base, dimensions: [{ param: 'learningRate', kind: 'range', min: 1e-4, max: 1, log: true }],
    method: { kind: 'halving', eta: 3, minEpochs: 1 }, budget: { trials: 27, seconds: 1e9 }, metric: 'val_accuracy', seed: 3, ...over,
  };
};

describe('successive halving', () => {
  it('rungs of 1, 3, 9, 27 epochs keep the top third each time and stop the weak trials early', async () => {
    const search = halving();
    expect(rungEpochs(search)).toEqual([1, 3, 9, 27]);
    const state = emptyState();
    const trials: Trial[] = [];
    expect(await runSearch(search, state, { train: async (t, j) => { trials[t.index] = t; return objective(t, j); } })).toBe('complete');
    const perRung = [0, 1, 2, 3].map((k) => state.results.filter((r) => r.rung === k));
    expect(perRung.map((r) => r.length)).toEqual([27, 9, 3, 1]);
    expect(perRung.map((r) => r[0].epochs)).toEqual([1, 3, 9, 27]);
    // the survivors of each rung are exactly its best third (an independent ranking by the ceiling)
    const byCeiling = (ids: number[]) => [...ids].sort((a, b) => ceiling(trials[b].params.learningRate as number) - ceiling(trials[a].params.learningRate as number));
    for (let k = 1; k < 4; k++) {
      const before = perRung[k - 1].map((r) => r.trial);
      expect(perRung[k].map((r) => r.trial).sort()).toEqual(byCeiling(before).slice(0, perRung[k].length).sort());
    }
    // the weak ones never got more than one epoch: 27 + 9·3 + 3·9 + 27 epochs in all, against 27·27 for random
    expect(state.results.reduce((s, r) => s + r.epochs, 0)).toBe(27 + 27 + 27 + 27);
    const best = bestResult(state.results, 'val_accuracy')!;
    expect(best.trial).toBe(byCeiling(trials.map((t) => t.index))[0]);
    expect(best.epochs).toBe(27);
  });

  it('a loss metric ranks lower first', async () => {
    const state = emptyState();
    await runSearch(halving({ metric: 'val_loss' }), state, { train: objective });
    const accuracyState = emptyState();
    await runSearch(halving(), accuracyState, { train: objective });
    expect(bestResult(state.results, 'val_loss')!.trial).toBe(bestResult(accuracyState.results, 'val_accuracy')!.trial);
  });

  it('pausing and going on from the saved state gives the same results as running straight through', async () => {
    const straight = emptyState();
    await runSearch(halving(), straight, { train: objective });
    const saved = emptyState();
    let jobs = 0;
    expect(await runSearch(halving(), saved, { train: objective, control: () => (jobs++ === 20 ? 'pause' : null) })).toBe('paused');
    expect(saved.results).toHaveLength(20);
    const reloaded = JSON.parse(JSON.stringify(saved)); // as kept in storage
    expect(await runSearch(halving(), reloaded, { train: objective })).toBe('complete');
    expect(reloaded.results.map((r: { trial: number; rung: number }) => [r.trial, r.rung])).toEqual(straight.results.map((r) => [r.trial, r.rung]));
  });

  it('jobs trained three at a time give the same results, in the same order, as one at a time', async () => {
    const one = emptyState();
    await runSearch(halving(), one, { train: objective });
    const three = emptyState();
    const batches: number[] = [];
    await runSearch(halving(), three, {
      train: () => Promise.reject(new Error('unused')), together: 3,
      trainMany: async (jobs) => { batches.push(jobs.length); return Promise.all(jobs.map(({ trial, job }) => objective(trial, job))); },
    });
    expect(three.results.map((r) => [r.trial, r.rung, r.metrics.val_accuracy])).toEqual(one.results.map((r) => [r.trial, r.rung, r.metrics.val_accuracy]));
    // never across a rung boundary: 27 → 9 → 3 → 1 jobs, three at a time
    expect(batches).toEqual([...Array(9).fill(3), 3, 3, 3, 3, 1]);
  });

  it('stops starting trials once the time budget is spent, counting earlier sessions', async () => {
    let t = 0;
    const clock = () => t;
    const train = async (trial: Trial, job: Job) => { t += 10; return objective(trial, job); };
    const search = halving({ method: { kind: 'random' }, budget: { trials: 20, seconds: 35 } });
    const state = { results: [], seconds: 0 };
    expect(await runSearch(search, state, { train, clock })).toBe('time-budget');
    expect(state.results).toHaveLength(4); // 0, 10, 20, 30 s at the start of each: the fourth starts under 35
    expect(await runSearch(search, state, { train, clock })).toBe('time-budget');
    expect(state.results).toHaveLength(4);
    expect(await runSearch(search, state, { train, clock, control: () => 'stop' })).toBe('stopped');
  });
});
