// A k-fold cross-validation through the page's checkpoint keeper (real session, the real worker code in this
// thread, fake-indexeddb): the tab "closes" during fold 2; after the reload the run is offered, resumes with
// fold 2 from its checkpoint (fold 1 kept as a result, not trained again), and its summary is that of the
// cross-validation that never stopped. Between folds the run stays offered.
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dense, presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { CheckpointKeeper } from '../../src/state/checkpoints.svelte';
import { CheckpointStore } from '../../src/state/checkpoint-store';
import { Experiment } from '../../src/state/experiment.svelte';
import { connectedSession } from './in-thread-worker';

beforeEach(() => vi.stubGlobal('document', { baseURI: 'http://sandbox.test/app/' }));
afterEach(() => vi.unstubAllGlobals());

function spec(): ExperimentSpec {
  const s = presetSpec('moons-mlp');
  s.model.layers = [dense(8)];
  s.training = { ...s.training, epochs: 2, folds: 3, backend: 'cpu' };
  return s;
}
const until = (what: string, done: () => boolean) => expect.poll(done, { timeout: 60_000, interval: 10, message: what }).toBe(true);

function page(factory: IDBFactory, close?: { arm: number; epoch: number }) {
  const { session, workers } = connectedSession();
  const keeper = new CheckpointKeeper(session, new CheckpointStore(factory));
  const keeperHears = session.onEvent!;
  session.onEvent = (event) => {
    keeperHears(event);
    if (event.type === 'checkpoint' && event.arm === close?.arm && event.epoch === close.epoch) session.dispose();
  };
  return { session, keeper, workers, experiment: new Experiment() };
}

describe('cross-validation in the checkpoint keeper', () => {
  it('resumes an interrupted cross-validation at its fold, with the summary of one never stopped', async () => {
    const straight = page(new IDBFactory());
    straight.session.train(spec());
    await until('the straight cross-validation finishes', () => straight.session.phase === 'finished');
    const expected = straight.session.folds;
    expect(expected?.values).toHaveLength(3);
    straight.session.dispose();

    const factory = new IDBFactory();
    const first = page(factory, { arm: 1, epoch: 1 });
    first.session.train(spec());
    await until('fold 2\'s first checkpoint is kept', () => first.keeper.entries.some((e) => e.kind === 'last' && e.runName.includes('fold 2 of 3')));
    // fold 1 ended at its last epoch, and the run was still offered then: fold 2 followed
    const second = page(factory);
    await second.keeper.init();
    expect(second.keeper.offer?.runName).toMatch(/fold 2 of 3/);
    second.experiment.replace(spec());
    await second.keeper.resume(second.experiment);
    expect(second.keeper.error).toBeNull();
    await until('the resumed run is ready', () => second.session.phase === 'ready');
    expect(second.session.mode).toBe('folds');
    expect(second.session.main.index).toBe(1);
    second.session.train(second.experiment.spec);
    await until('the resumed cross-validation finishes', () => second.session.phase === 'finished');
    expect(second.session.folds).toEqual(expected); // CPU backend: exactly
    expect(second.workers.flatMap((w) => w.commands.map((c) => c.type))).toEqual(['resume', 'start']);
    await until('it is no longer offered', () => second.keeper.entries.every((e) => !e.inProgress));
    second.session.dispose();
  });
});
