// The checkpoint store on fake-indexeddb (an in-memory IndexedDB that follows the spec, transactions and
// aborts included) with real checkpoints of a small run: what the policy keeps, the in-progress mark, the
// checks on reading (missing bytes, changed bytes, older format, another experiment), and a full storage.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { generatePoints } from '../../src/data/points';
import { dense, presetSpec } from '../../src/engine/model/presets';
import { captureCheckpoint } from '../../src/engine/train/checkpoint';
import { checkpointToBytes } from '../../src/engine/train/checkpoint-bytes';
import { TrainingLoop } from '../../src/engine/train/loop';
import { Trainer } from '../../src/engine/train/trainer';
import { DEFAULT_CHECKPOINT_POLICY, type CheckpointPolicy } from '../../src/state/checkpoint-policy';
import { CheckpointQuotaError, CheckpointStore, sha256Hex } from '../../src/state/checkpoint-store';

const spec = presetSpec('xor-mlp');
spec.training.epochs = 4;

/** The checkpoint bytes after each of 4 epochs, with that epoch's validation. */
async function epochCheckpoints() {
  if (spec.dataset.kind !== 'points') throw new Error('points');
  const trainer = new Trainer(spec, generatePoints({ ...spec.dataset, seed: spec.training.seed }));
  const out: { bytes: Uint8Array; validation: { loss: number; accuracy: number | null } }[] = [];
  let validation = { loss: NaN, accuracy: null as number | null };
  const loop = new TrainingLoop(trainer, { onEpoch: (r) => { if (r.validation) validation = r.validation; } });
  while (!trainer.done) {
    await loop.stepOnce();
    if (trainer.batch === 0) out.push({ bytes: checkpointToBytes(await captureCheckpoint(loop, { batches: [], epochs: [] })), validation });
  }
  loop.dispose();
  trainer.dispose();
  return out;
}
const checkpoints = await epochCheckpoints();

function save(store: CheckpointStore, epoch: number, policy: CheckpointPolicy = { ...DEFAULT_CHECKPOINT_POLICY, everyEpochs: 2 }, inProgress = true) {
  const { bytes, validation } = checkpoints[epoch - 1];
  return store.save({ runKey: 'run-1', runName: 'XOR', bytes, epoch, epochs: 4, validation, policy, inProgress });
}

/** Reaches into the raw database to damage what the store wrote, as a crash or another program could. */
/** Runs one request on the store's database behind its back; resolves to the request's result. */
async function raw(factory: IDBFactory, work: (db: IDBDatabase) => IDBRequest): Promise<unknown> {
  const db = await new Promise<IDBDatabase>((resolve) => { const r = factory.open('training-sandbox-checkpoints', 1); r.onsuccess = () => resolve(r.result); });
  const result = await new Promise((resolve, reject) => { const r = work(db); r.onsuccess = () => resolve(r.result); r.onerror = reject; });
  db.close();
  return result;
}

describe('CheckpointStore', () => {
  it('keeps the last, every N epochs and the best by val_loss, bytes shared between entries of one checkpoint', async () => {
    const store = new CheckpointStore(new IDBFactory());
    for (let epoch = 1; epoch <= 4; epoch++) await save(store, epoch);
    const list = await store.list();
    const losses = checkpoints.map((c) => c.validation.loss);
    const bestEpoch = losses.indexOf(Math.min(...losses)) + 1;
    expect(list.map((e) => e.id).sort()).toEqual(['run-1/best', 'run-1/epoch-2', 'run-1/epoch-4', 'run-1/last'].sort());
    expect(list.find((e) => e.kind === 'best')!.epoch).toBe(bestEpoch);
    expect(list.find((e) => e.kind === 'last')!.epoch).toBe(4);
    const usage = await store.usage();
    const distinct = new Set(list.map((e) => e.sha256)).size;
    expect(usage.bytes).toBe(distinct * checkpoints[0].bytes.length);
    const loaded = await store.load('run-1/epoch-2', spec);
    expect(loaded.header.epoch).toBe(2);
    expect(loaded.entry.sha256).toBe(await sha256Hex(checkpoints[1].bytes));
    await store.remove({ id: 'run-1/epoch-2' });
    expect((await store.list()).length).toBe(3);
    await store.remove({ runKey: 'run-1' });
    expect(await store.list()).toEqual([]);
    expect((await store.usage()).bytes).toBe(0);
  });

  it('offers the last checkpoint of a run still in progress, and nothing once it ended', async () => {
    const store = new CheckpointStore(new IDBFactory());
    await save(store, 1);
    await save(store, 2);
    expect((await store.inProgress())?.epoch).toBe(2);
    await store.markEnded('run-1');
    expect(await store.inProgress()).toBeNull();
  });

  it('refuses changed bytes, missing bytes, an older format and another experiment, with the reason', async () => {
    const factory = new IDBFactory();
    const store = new CheckpointStore(factory);
    const [entry] = await save(store, 1);
    await store.close();
    const tampered = checkpoints[0].bytes.slice();
    tampered[tampered.length - 1] ^= 0xff;
    const putBytes = (record: object) => raw(factory, (db) => db.transaction('checkpoint-bytes', 'readwrite').objectStore('checkpoint-bytes').put({ sha256: entry.sha256, ...record }));
    const changed = 'The checkpoint of "XOR" at epoch 1 is refused: its bytes do not match the SHA-256 written with them (damaged or changed since); delete it.';
    // the bytes are kept in a Blob (written off the page's main thread)
    const stored = await raw(factory, (db) => db.transaction('checkpoint-bytes').objectStore('checkpoint-bytes').get(entry.sha256)) as { blob?: unknown; bytes?: unknown };
    expect(stored.blob).toBeInstanceOf(Blob);
    expect(stored.bytes).toBeUndefined();
    await putBytes({ blob: new Blob([tampered]) });
    await expect(store.load('run-1/last')).rejects.toThrow(changed);
    await store.close();
    // a checkpoint an earlier version kept (its bytes as a Uint8Array) still loads, and is still checked
    await putBytes({ bytes: checkpoints[0].bytes });
    expect((await store.load('run-1/last')).bytes).toEqual(checkpoints[0].bytes);
    await store.close();
    await putBytes({ bytes: tampered });
    await expect(store.load('run-1/last')).rejects.toThrow(changed);
    await store.close();
    await raw(factory, (db) => db.transaction('checkpoint-bytes', 'readwrite').objectStore('checkpoint-bytes').delete(entry.sha256));
    await expect(store.load('run-1/last')).rejects.toThrow('is refused: its bytes are missing (it was not written completely); delete it.');

    const older = checkpoints[1].bytes.slice();
    new DataView(older.buffer).setUint32(4, 0, true);
    const policy = { ...DEFAULT_CHECKPOINT_POLICY, everyEpochs: 0 };
    await store.save({ runKey: 'old', runName: 'Old', bytes: older, epoch: 2, epochs: 4, validation: null, policy, inProgress: false });
    await expect(store.load('old/last')).rejects.toThrow('The checkpoint of "Old" at epoch 2 is refused: the checkpoint has format 0, made by an older version of the sandbox');

    const other = structuredClone(spec);
    other.model.layers = [dense(8, 'tanh'), dense(4)];
    await save(store, 2);
    await expect(store.load('run-1/last', other)).rejects.toThrow(/is refused: the checkpoint is of another experiment: its model.layers.1 is absent, this run's is \{/);
  });

  it('on a full storage writes nothing and says what uses the space', async () => {
    const factory = new IDBFactory();
    const store = new CheckpointStore(factory);
    await save(store, 1);
    const before = await store.list();
    // the browser refuses the bytes' put as it does when the origin's quota is reached
    const proto = Object.getPrototypeOf((await (async () => {
      const db = await new Promise<IDBDatabase>((resolve) => { const r = factory.open('training-sandbox-checkpoints', 1); r.onsuccess = () => resolve(r.result); });
      const s = db.transaction('checkpoint-bytes').objectStore('checkpoint-bytes');
      db.close();
      return s;
    })())) as IDBObjectStore;
    const put = proto.put;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'checkpoint-bytes') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      const error = await save(store, 2).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckpointQuotaError);
      expect((error as Error).message).toMatch(/^Could not save the checkpoint of "XOR" at epoch 2 \([\d.]+ MB\): the browser's storage for this page is full\. Checkpoints take [\d.]+ MB in 2 checkpoints of 1 run, the most "XOR" \([\d.]+ MB\)\. Delete old checkpoints to make room/);
      expect((error as CheckpointQuotaError).usage.runs[0].runKey).toBe('run-1');
    } finally {
      proto.put = put;
    }
    expect(await store.list()).toEqual(before);
  });
});
