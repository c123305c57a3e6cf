// The page's checkpoint keeper with a real session, the real worker code in this thread and fake-indexeddb: a run
// whose page "closes" mid-training (its session disposed) is offered after the "reload" (a new session and keeper
// on the same database), resumes from its last checkpoint with its curves so far, and ends with the validation
// losses of the same run trained without a stop; once it finished nothing is offered.
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dense, dropout, presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { CheckpointKeeper } from '../../src/state/checkpoints.svelte';
import { CheckpointStore } from '../../src/state/checkpoint-store';
import { Experiment } from '../../src/state/experiment.svelte';
import { connectedSession } from './in-thread-worker';

beforeEach(() => vi.stubGlobal('document', { baseURI: 'http://sandbox.test/app/' }));
afterEach(() => vi.unstubAllGlobals());

function spec(): ExperimentSpec {
  const s = presetSpec('moons-mlp');
  s.model.layers = [dense(16), dropout(0.2), dense(8)];
  s.training = { ...s.training, epochs: 6, backend: 'cpu' };
  return s;
}

async function until(what: string, done: () => boolean, timeoutMs = 60_000) {
  await expect.poll(done, { timeout: timeoutMs, interval: 10, message: what }).toBe(true);
}

/** One page load: a session, its keeper on `factory`, an editor; `closeAfter` closes the tab at that epoch's checkpoint. */
function page(factory: IDBFactory, closeAfter?: number) {
  const { session } = connectedSession();
  const keeper = new CheckpointKeeper(session, new CheckpointStore(factory));
  const keeperHears = session.onEvent!;
  session.onEvent = (event) => {
    keeperHears(event);
    if (event.type === 'checkpoint' && event.epoch === closeAfter) session.dispose();
  };
  const experiment = new Experiment();
  return { session, keeper, experiment };
}

describe('CheckpointKeeper', () => {
  it('offers an interrupted run after a reload and resumes it to the losses of a run that never stopped', async () => {
    const straight = page(new IDBFactory());
    straight.experiment.replace(spec());
    straight.session.train(straight.experiment.spec);
    await until('the straight run finishes', () => straight.session.phase === 'finished');
    const expected = straight.session.main.curves.validationLoss.map((p) => p.y);
    expect(expected).toHaveLength(6);
    await until('the straight run is marked ended', () => straight.keeper.entries.length > 0 && straight.keeper.entries.every((e) => !e.inProgress));
    straight.session.dispose();

    const factory = new IDBFactory();
    const first = page(factory, 2); // the tab closes after epoch 2's checkpoint: the worker ends, nothing marks the run ended
    await first.keeper.init();
    expect(first.keeper.offer).toBeNull();
    first.experiment.replace(spec());
    first.session.train(first.experiment.spec);
    await until('the checkpoint after epoch 2 is kept', () => first.keeper.entries.some((e) => e.kind === 'last' && e.epoch === 2));

    const second = page(factory);
    await second.keeper.init();
    const offer = second.keeper.offer!;
    expect(offer).not.toBeNull();
    expect(offer.epoch).toBe(2);
    expect(offer.inProgress).toBe(true);
    await second.keeper.resume(second.experiment);
    expect(second.keeper.error).toBeNull();
    await until('the resumed run is ready', () => second.session.phase === 'ready');
    // its curves so far came back, and the editor holds the checkpoint's spec, so Train continues instead of restarting
    expect(second.session.main.curves.validationLoss.map((p) => p.y)).toEqual(expected.slice(0, offer.epoch));
    expect(second.session.main.epoch).toBe(offer.epoch);
    second.session.train(second.experiment.spec);
    await until('the resumed run finishes', () => second.session.phase === 'finished');
    expect(second.session.main.curves.validationLoss.map((p) => p.y)).toEqual(expected);
    await until('the finished run is no longer offered', () => second.keeper.entries.every((e) => !e.inProgress));
    expect(await new CheckpointStore(factory).inProgress()).toBeNull();
    second.session.dispose();
  });

  it('refuses to resume from changed bytes, with the reason, and starts nothing', async () => {
    const factory = new IDBFactory();
    const first = page(factory, 1);
    first.experiment.replace(spec());
    first.session.train(first.experiment.spec);
    await until('a checkpoint is kept', () => first.keeper.entries.some((e) => e.kind === 'last'));
    const entry = first.keeper.entries.find((e) => e.kind === 'last')!;
    // change one byte of the stored checkpoint, as a crash mid-write or another program could
    const db = await new Promise<IDBDatabase>((resolve) => { const r = factory.open('training-sandbox-checkpoints', 1); r.onsuccess = () => resolve(r.result); });
    const request = <T,>(r: IDBRequest) => new Promise<T>((resolve) => { r.onsuccess = () => resolve(r.result as T); });
    const { blob } = await request<{ blob: Blob }>(db.transaction('checkpoint-bytes').objectStore('checkpoint-bytes').get(entry.sha256));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    bytes[100] ^= 1;
    await request(db.transaction('checkpoint-bytes', 'readwrite').objectStore('checkpoint-bytes').put({ sha256: entry.sha256, blob: new Blob([bytes]) }));
    db.close();
    const second = page(factory);
    await second.keeper.init();
    await second.keeper.resume(second.experiment);
    expect(second.keeper.error).toMatch(/^The checkpoint of ".*" at epoch \d+ is refused: its bytes do not match the SHA-256 written with them/);
    expect(second.session.phase).toBe('idle');
    second.session.dispose();
  });

  it('a run replaced by another before it ended (a reset) is not offered after a reload', async () => {
    const factory = new IDBFactory();
    const first = page(factory);
    const long = spec();
    long.training.epochs = 500;
    first.experiment.replace(long);
    first.session.train(first.experiment.spec);
    await until('a checkpoint is kept', () => first.keeper.entries.some((e) => e.kind === 'last' && e.inProgress));
    const replaced = first.session.runKey;
    first.session.reset(presetSpec('xor-mlp'));
    await until('the replaced run is marked ended', () => first.keeper.entries.filter((e) => e.runKey === replaced).every((e) => !e.inProgress));
    first.session.dispose();
    const second = page(factory);
    await second.keeper.init();
    expect(second.keeper.offer).toBeNull();
    second.session.dispose();
  });

  it('takes a policy edit from the page, keeps it for the next visit, and keeps checkpoints by it', async () => {
    const kept = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) });
    const first = page(new IDBFactory());
    first.keeper.setPolicy({ monitor: 'val_accuracy', everyEpochs: 2 });
    first.keeper.setPolicy({ everyEpochs: -1 }); // refused: the policy stays as it was
    expect(first.keeper.policyProblem).toMatch(/whole number ≥ 0/);
    expect(first.keeper.policy).toEqual({ monitor: 'val_accuracy', mode: 'auto', everyEpochs: 2 });
    first.experiment.replace(spec());
    first.session.train(first.experiment.spec);
    await until('the run finishes and its checkpoints are listed', () => first.session.phase === 'finished' && first.keeper.entries.some((e) => e.kind === 'last' && e.epoch === 6));
    expect(first.keeper.entries.filter((e) => e.kind === 'every').map((e) => e.epoch).sort()).toEqual([2, 4, 6]);
    expect(first.keeper.entries.find((e) => e.kind === 'best')?.monitor).toBe('val_accuracy');
    first.session.dispose();
    const later = page(new IDBFactory()); // the next visit
    expect(later.keeper.policy).toEqual({ monitor: 'val_accuracy', mode: 'auto', everyEpochs: 2 });
    later.session.dispose();
  });
});
