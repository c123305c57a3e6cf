// The search's trial checkpoints on fake-indexeddb: the bytes are kept in a Blob and come back equal; a row of an
// earlier version (bytes in a Uint8Array) is still read; a row whose bytes no longer hash to what was written with
// them, or that has none, is left out, counted and deleted; other searches' rows are not touched.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/state/checkpoint-store';
import { SearchCheckpointStore } from '../../src/state/search-checkpoints';

const DB = 'training-sandbox-search-checkpoints';
const bytesOf = (seed: number) => Uint8Array.from({ length: 4096 }, (_, i) => (i * 31 + seed) % 251);

/** Runs one request on the raw database (not through the store under test), as a crash or another program could. */
async function raw(factory: IDBFactory, mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => { const r = factory.open(DB, 1); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const result = await new Promise((resolve, reject) => { const r = work(db.transaction('trial-checkpoints', mode).objectStore('trial-checkpoints')); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  db.close();
  return result;
}

/** A store on an IndexedDB of its own, with the database to reach into. */
function freshStore() {
  const factory = new IDBFactory();
  return { factory, store: new SearchCheckpointStore(factory, DB) };
}

describe('SearchCheckpointStore', () => {
  it('keeps the bytes in a Blob and reads them back equal, one row per job, the newest replacing the one before', async () => {
    const { factory, store } = freshStore();
    await store.put('s1', { trial: 0, rung: 0, epoch: 1, bytes: bytesOf(1) });
    await store.put('s1', { trial: 0, rung: 0, epoch: 2, bytes: bytesOf(2) });
    await store.put('s1', { trial: 1, rung: 0, epoch: 1, bytes: bytesOf(3) });
    const row = await raw(factory, 'readonly', (s) => s.get('s1/0/0')) as { blob?: unknown; bytes?: unknown };
    expect(row.blob).toBeInstanceOf(Blob);
    expect(row.bytes).toBeUndefined();
    const { checkpoints, damaged } = await store.all('s1');
    expect(damaged).toBe(0);
    expect(checkpoints.map((c) => [c.trial, c.epoch])).toEqual([[0, 2], [1, 1]]);
    expect(checkpoints[0].bytes).toEqual(bytesOf(2));
    expect(checkpoints[1].bytes).toEqual(bytesOf(3));
  });

  it('still reads a row of an earlier version, with its bytes in a Uint8Array', async () => {
    const { factory, store } = freshStore();
    await store.put('s1', { trial: 0, rung: 0, epoch: 1, bytes: bytesOf(1) }); // creates the database
    const old = bytesOf(9);
    const digest = await sha256Hex(old);
    await raw(factory, 'readwrite', (s) => s.put({ id: 's1/2/1', searchKey: 's1', trial: 2, rung: 1, epoch: 3, bytes: old, sha256: digest }));
    const { checkpoints, damaged } = await store.all('s1');
    expect(damaged).toBe(0);
    expect(checkpoints.find((c) => c.trial === 2)?.bytes).toEqual(old);
  });

  it('leaves out, counts and deletes rows whose bytes were changed or are missing; other searches keep theirs', async () => {
    const { factory, store } = freshStore();
    await store.put('s1', { trial: 0, rung: 0, epoch: 1, bytes: bytesOf(1) });
    await store.put('s1', { trial: 1, rung: 0, epoch: 1, bytes: bytesOf(2) });
    await store.put('s1', { trial: 2, rung: 0, epoch: 1, bytes: bytesOf(3) });
    await store.put('s2', { trial: 0, rung: 0, epoch: 1, bytes: bytesOf(4) });
    const tampered = bytesOf(2);
    tampered[100] ^= 1;
    const row1 = await raw(factory, 'readonly', (s) => s.get('s1/1/0')) as Record<string, unknown>;
    await raw(factory, 'readwrite', (s) => s.put({ ...row1, blob: new Blob([tampered]) }));
    const row2 = await raw(factory, 'readonly', (s) => s.get('s1/2/0')) as Record<string, unknown>;
    delete row2.blob;
    await raw(factory, 'readwrite', (s) => s.put(row2));
    const { checkpoints, damaged } = await store.all('s1');
    expect(damaged).toBe(2);
    expect(checkpoints.map((c) => c.trial)).toEqual([0]);
    expect(await raw(factory, 'readonly', (s) => s.getAllKeys())).toEqual(['s1/0/0', 's2/0/0']);
    expect((await store.all('s2')).checkpoints[0].bytes).toEqual(bytesOf(4));
  });
});
