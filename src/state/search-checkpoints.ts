// The newest checkpoint of each unfinished search job (a trial at a rung), in IndexedDB apart from the runs'
// checkpoints (checkpoint-store.ts): a search resumed after a reload goes on with its trial in progress from
// here instead of from the trial's start. One record per job, its bytes (in a Blob: stored-bytes.ts) and their
// SHA-256 written in one put (so never half there) and hashed again on reading; a job's record goes once its
// result is kept.
import type { TrialCheckpoint } from '../worker/search-resume';
import { sha256Hex } from './checkpoint-store';
import { inTransaction, promised } from './idb-transaction';
import { asBlob, storedBytes, type BlobBytes, type StoredBytesField } from './stored-bytes';

const STORE = 'trial-checkpoints';

interface Row extends Omit<TrialCheckpoint, 'bytes'>, BlobBytes {
  /** `${searchKey}/${trial}/${rung}` */
  id: string;
  searchKey: string;
  sha256: string;
}
/** A row as read back: of this version, of an earlier one (bytes in a Uint8Array), or cut short. */
type StoredRow = Omit<Row, 'blob'> & StoredBytesField;

export class SearchCheckpointStore {
  readonly #factory: IDBFactory;
  readonly #name: string;
  #db: Promise<IDBDatabase> | null = null;

  constructor(factory: IDBFactory, name = 'training-sandbox-search-checkpoints') {
    this.#factory = factory;
    this.#name = name;
  }

  /** The store where this browser has IndexedDB, else null (the search then resumes trials from their start). */
  static inBrowser(): SearchCheckpointStore | null {
    return globalThis.indexedDB ? new SearchCheckpointStore(globalThis.indexedDB) : null;
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = this.#factory.open(this.#name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
      request.onerror = () => reject(request.error);
      request.onsuccess = () => resolve(request.result);
    }).catch((e) => {
      this.#db = null;
      throw e;
    });
    return this.#db;
  }

  async #tx<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T>): Promise<T> {
    return inTransaction(await this.#open(), [STORE], mode, work);
  }


  /** Keeps `checkpoint` as its job's newest (replacing the one before). */
  async put(searchKey: string, checkpoint: TrialCheckpoint): Promise<void> {
    const sha256 = await sha256Hex(checkpoint.bytes); // before the transaction: it would commit while a digest is awaited
    const { trial, rung, epoch, bytes } = checkpoint;
    const blob = asBlob(bytes);
    await this.#tx('readwrite', async (store) => { store.put({ id: `${searchKey}/${trial}/${rung}`, searchKey, trial, rung, epoch, blob, sha256 } satisfies Row); });
  }

  /**
   * Every job's checkpoint of the search whose bytes still hash to what was written with them; `damaged`
   * counts those left out (they are deleted: their trials train from the start).
   */
  async all(searchKey: string): Promise<{ checkpoints: TrialCheckpoint[]; damaged: number }> {
    const rows = (await this.#tx('readonly', (store) => promised(store.getAll() as IDBRequest<StoredRow[]>))).filter((r) => r.searchKey === searchKey);
    const checkpoints: TrialCheckpoint[] = [];
    let damaged = 0;
    for (const r of rows) {
      const bytes = await storedBytes(r);
      if (bytes && (await sha256Hex(bytes)) === r.sha256) checkpoints.push({ trial: r.trial, rung: r.rung, epoch: r.epoch, bytes });
      else {
        damaged += 1;
        await this.#tx('readwrite', async (store) => { store.delete(r.id); });
      }
    }
    return { checkpoints, damaged };
  }

  /** Deletes one job's checkpoint (its result is kept now), or with no job every checkpoint of the search. */
  async remove(searchKey: string, job?: { trial: number; rung: number }): Promise<void> {
    await this.#tx('readwrite', async (store) => {
      if (job) store.delete(`${searchKey}/${job.trial}/${job.rung}`);
      else for (const r of await promised(store.getAll() as IDBRequest<StoredRow[]>)) if (r.searchKey === searchKey) store.delete(r.id);
    });
  }

  /** Deletes the checkpoints of every search but `keep` (an earlier search replaced by a new one). */
  async removeOthers(keep: string): Promise<void> {
    await this.#tx('readwrite', async (store) => {
      for (const r of await promised(store.getAll() as IDBRequest<StoredRow[]>)) if (r.searchKey !== keep) store.delete(r.id);
    });
  }
}
