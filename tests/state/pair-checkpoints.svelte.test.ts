// A paired A/B run through the page's checkpoint keeper (real session, the real worker code in this thread,
// fake-indexeddb): side B's checkpoints are kept under `<runKey>~B` beside A's; after the tab "closes" and the
// page reloads, the pair is offered as a pair, resumes with both sides set up (the editor A, the variant B), and
// ends with each side's validation losses those of the pair trained without a stop.
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dense, dropout, presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { CheckpointKeeper, VARIANT_KEY } from '../../src/state/checkpoints.svelte';
import { CheckpointStore } from '../../src/state/checkpoint-store';
import { Experiment } from '../../src/state/experiment.svelte';
import { PairSetup } from '../../src/state/pair-setup.svelte';
import { connectedSession } from './in-thread-worker';

beforeEach(() => vi.stubGlobal('document', { baseURI: 'http://sandbox.test/app/' }));
afterEach(() => vi.unstubAllGlobals());

function baseline(): ExperimentSpec {
  const s = presetSpec('moons-mlp');
  s.model.layers = [dense(16), dense(8)];
  s.training = { ...s.training, epochs: 5, backend: 'cpu' };
  return s;
}
function variant(): ExperimentSpec {
  const s = baseline();
  s.model.layers = [dense(16), dropout(0.3), dense(8)];
  return s;
}

const until = (what: string, done: () => boolean) => expect.poll(done, { timeout: 60_000, interval: 10, message: what }).toBe(true);

function page(factory: IDBFactory, closeAfter?: number) {
  const { session, workers } = connectedSession();
  const keeper = new CheckpointKeeper(session, new CheckpointStore(factory));
  const keeperHears = session.onEvent!;
  session.onEvent = (event) => {
    keeperHears(event);
    if (event.type === 'checkpoint' && event.arm === 1 && event.epoch === closeAfter) session.dispose();
  };
  return { session, keeper, workers, experiment: new Experiment(), pair: new PairSetup() };
}
const losses = (p: ReturnType<typeof page>) => p.session.arms.map((a) => a.curves.validationLoss.map((pt) => pt.y));

describe('paired runs in the checkpoint keeper', () => {
  it('keeps a checkpoint per side and resumes the pair as a pair, each side to the losses it would have had', async () => {
    const straight = page(new IDBFactory());
    straight.session.train(baseline(), variant());
    await until('the straight pair finishes', () => straight.session.phase === 'finished');
    const expected = losses(straight);
    expect(expected.map((l) => l.length)).toEqual([5, 5]);
    straight.session.dispose();

    const factory = new IDBFactory();
    const first = page(factory, 2);
    await first.keeper.init();
    first.session.train(baseline(), variant());
    const runKey = first.session.runKey;
    await until('side B\'s checkpoint after epoch 2 is kept', () => first.keeper.entries.some((e) => e.runKey === `${runKey}${VARIANT_KEY}` && e.kind === 'last' && e.epoch === 2));
    expect(first.keeper.entries.some((e) => e.runKey === runKey && e.kind === 'last')).toBe(true);

    const second = page(factory);
    await second.keeper.init();
    expect(second.keeper.offer?.runKey).toBe(runKey);
    expect(second.keeper.offerVariant?.runKey).toBe(`${runKey}${VARIANT_KEY}`);
    await second.keeper.resume(second.experiment, undefined, second.pair);
    expect(second.keeper.error).toBeNull();
    await until('the resumed pair is ready', () => second.session.phase === 'ready');
    expect(second.session.mode).toBe('paired');
    // each side's curves so far came back, up to its own checkpoint
    expect(losses(second).map((l) => l.length)).toEqual([second.keeper.entries.find((e) => e.runKey === runKey && e.kind === 'last')!.epoch, 2]);
    expect(second.pair.variant?.spec.model.layers.some((l) => l.type === 'dropout')).toBe(true);
    second.session.train(second.experiment.spec, second.pair.variant!.spec); // as the Train button does: goes on, not afresh
    await until('the resumed pair finishes', () => second.session.phase === 'finished');
    expect(losses(second)).toEqual(expected); // CPU backend: exactly, each side
    expect(second.workers.flatMap((w) => w.commands.map((c) => c.type))).toEqual(['resume', 'start']); // went on, not afresh
    await until('neither side is offered any more', () => second.keeper.entries.every((e) => !e.inProgress));
    second.session.dispose();
  });
});
