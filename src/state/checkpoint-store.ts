// Training checkpoints in IndexedDB (the raw API, as run-store.ts), so a run survives a reload, a closed tab or a
// crash. Per run: the best by the policy's monitor, one every N epochs, and the last. A checkpoint's bytes and
// its entry (with their SHA-256) are written in one transaction, so either both are there or neither; on
// reading, the bytes are hashed again and a checkpoint whose bytes are missing, changed, of another format or of
// another experiment is refused with the reason. Identical bytes (the last that is also the best) are kept once.
import { CheckpointError, checkpointFromBytes } from '../engine/train/checkpoint-bytes';
import { checkpointMismatch, type CheckpointHeader } from '../engine/train/checkpoint-format';
import type { ExperimentSpec } from '../engine/model/spec';
import { kindsToKeep, type CheckpointKind, type CheckpointPolicy } from './checkpoint-policy';
import { inTransaction, promised } from './idb-transaction';
import { asBlob, storedBytes, type BlobBytes, type StoredBytesField } from './stored-bytes';

const DB_VERSION = 1;
const ENTRIES = 'checkpoints';
const BYTES = 'checkpoint-bytes';

/** What the list shows of one kept checkpoint; its bytes are stored apart, under their hash. */
export interface CheckpointEntry {
  /** `${runKey}/best`, `${runKey}/last` or `${runKey}/epoch-${epoch}`. */
  id: string;
  runKey: string;
  runName: string;
  kind: CheckpointKind;
  /** Completed epochs when it was taken, of `epochs`. */
  epoch: number;
  epochs: number;
  size: number;
  sha256: string;
  savedAt: string;
  /** True while the run trains: after a reload the page offers to resume its last checkpoint. */
  inProgress: boolean;
  monitor: CheckpointPolicy['monitor'];
  /** The monitored validation value at this epoch (null without a validation split). */
  monitorValue: number | null;
}

export interface CheckpointSave {
  runKey: string;
  runName: string;
  bytes: Uint8Array;
  epoch: number;
  epochs: number;
  validation: { loss: number; accuracy: number | null } | null;
  policy: CheckpointPolicy;
  inProgress: boolean;
}

/** A checkpoint read back and verified. */
export interface VerifiedCheckpoint {
  entry: CheckpointEntry;
  bytes: Uint8Array;
  header: CheckpointHeader;
}

/** A record of the bytes store: the bytes (stored-bytes.ts) under their SHA-256. */
interface StoredBytes extends BlobBytes {
  sha256: string;
}
/** A record as read back: of this version, of an earlier one, or cut short. */
type StoredRecord = StoredBytesField & { sha256?: string };

/** Storage is full; `usage` says what the checkpoints take, so the page can offer to delete old ones. */
export class CheckpointQuotaError extends Error {
  constructor(message: string, readonly usage: CheckpointUsage) {
    super(message);
  }
}

export interface CheckpointUsage {
  count: number;
  bytes: number;
  /** Per run, the largest first. */
  runs: { runKey: string; runName: string; bytes: number; count: number }[];
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A size in words: "0.09 MB", "12.3 MB", "10.7 GB". */
export const megabytes = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function entryId(runKey: string, kind: CheckpointKind, epoch: number) {
  return kind === 'every' ? `${runKey}/epoch-${epoch}` : `${runKey}/${kind}`;
}

function errorName(e: unknown): string {
  return e instanceof DOMException || e instanceof Error ? e.name : '';
}

export class CheckpointStore {
  readonly #factory: IDBFactory | null;
  readonly #name: string;
  #db: Promise<IDBDatabase> | null = null;

  constructor(factory: IDBFactory | null = globalThis.indexedDB ?? null, name = 'training-sandbox-checkpoints') {
    this.#factory = factory;
    this.#name = name;
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!this.#factory) return reject(new Error('Checkpoints cannot be kept: this browser offers no IndexedDB (some turn it off in private browsing).'));
      const request = this.#factory.open(this.#name, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(ENTRIES)) db.createObjectStore(ENTRIES, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(BYTES)) db.createObjectStore(BYTES, { keyPath: 'sha256' });
      };
      request.onblocked = () => reject(new Error('Checkpoints cannot be opened: another tab holds an older version of them open. Close it and reload.'));
      request.onerror = () => reject(new Error(`Checkpoints cannot be kept: the browser reported ${errorName(request.error) || 'an error'}.`));
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => { db.close(); this.#db = null; };
        db.onclose = () => { this.#db = null; };
        resolve(db);
      };
    }).catch((e) => {
      this.#db = null;
      throw e;
    });
    return this.#db;
  }

  /** Runs `work` in one transaction over both stores; resolves once it commits, and on any error none of it stays. */
  async #transact<T>(mode: IDBTransactionMode, work: (entries: IDBObjectStore, bytes: IDBObjectStore) => Promise<T> | T): Promise<T> {
    return inTransaction(await this.#open(), [ENTRIES, BYTES], mode, work);
  }


  /** Every kept checkpoint, by run and then epoch. */
  async list(): Promise<CheckpointEntry[]> {
    const all = await this.#transact('readonly', (entries) => promised(entries.getAll() as IDBRequest<CheckpointEntry[]>));
    return all.sort((a, b) => a.runKey.localeCompare(b.runKey) || a.epoch - b.epoch || a.kind.localeCompare(b.kind));
  }

  /**
   * Keeps a checkpoint as the policy says (always as the run's last; also as one of every N epochs, and as the
   * best when its monitored value improves), bytes and entries in one transaction. Returns the entries written.
   */
  async save(input: CheckpointSave): Promise<CheckpointEntry[]> {
    const sha256 = await sha256Hex(input.bytes); // before the transaction: it would commit while a digest is awaited
    const { policy } = input;
    const monitorValue = input.validation ? (policy.monitor === 'val_loss' ? input.validation.loss : input.validation.accuracy) : null;
    try {
      return await this.#transact('readwrite', async (entries, bytes) => {
        const best = (await promised(entries.get(entryId(input.runKey, 'best', 0)))) as CheckpointEntry | undefined;
        const kinds = kindsToKeep(policy, input.epoch, monitorValue, best?.monitorValue ?? null);
        bytes.put({ sha256, blob: asBlob(input.bytes) } satisfies StoredBytes);
        const written = kinds.map((kind): CheckpointEntry => ({
          id: entryId(input.runKey, kind, input.epoch), runKey: input.runKey, runName: input.runName, kind, epoch: input.epoch,
          epochs: input.epochs, size: input.bytes.length, sha256, savedAt: new Date().toISOString(), inProgress: input.inProgress,
          monitor: policy.monitor, monitorValue,
        }));
        for (const entry of written) entries.put(entry);
        // the run's other entries follow its in-progress mark, so a finished run offers no resume
        for (const other of (await promised(entries.getAll() as IDBRequest<CheckpointEntry[]>))) {
          if (other.runKey === input.runKey && other.inProgress !== input.inProgress) entries.put({ ...other, inProgress: input.inProgress });
        }
        await this.#collect(entries, bytes);
        return written;
      });
    } catch (e) {
      if (errorName(e) !== 'QuotaExceededError') throw new Error(`Could not save the checkpoint of "${input.runName}" at epoch ${input.epoch}: ${e instanceof Error ? e.message : String(e)}.`);
      const usage = await this.usage().catch((): CheckpointUsage => ({ count: 0, bytes: 0, runs: [] }));
      const largest = usage.runs[0];
      throw new CheckpointQuotaError(
        `Could not save the checkpoint of "${input.runName}" at epoch ${input.epoch} (${megabytes(input.bytes.length)}): the browser's storage for this page is full. ` +
        `Checkpoints take ${megabytes(usage.bytes)} in ${plural(usage.count, 'checkpoint')} of ${plural(usage.runs.length, 'run')}` +
        (largest ? `, the most "${largest.runName}" (${megabytes(largest.bytes)})` : '') +
        '. Delete old checkpoints to make room (nothing was half-written), or free disk space; saved runs and datasets also use this storage.',
        usage,
      );
    }
  }

  /** Deletes the bytes no entry refers to any more (inside the caller's transaction). */
  async #collect(entries: IDBObjectStore, bytes: IDBObjectStore): Promise<void> {
    const used = new Set(((await promised(entries.getAll() as IDBRequest<CheckpointEntry[]>))).map((e) => e.sha256));
    for (const key of (await promised(bytes.getAllKeys()))) if (!used.has(String(key))) bytes.delete(key);
  }

  /**
   * The checkpoint `id`, verified: its bytes are there, hash to the SHA-256 written with them, are of this
   * format, and (given `spec`) are of the same experiment. Rejects with the reason otherwise.
   */
  async load(id: string, spec?: ExperimentSpec): Promise<VerifiedCheckpoint> {
    const found = await this.#transact('readonly', async (entries, bytes) => {
      const entry = (await promised(entries.get(id))) as CheckpointEntry | undefined;
      const stored = entry ? ((await promised(bytes.get(entry.sha256))) as StoredRecord | undefined) : undefined;
      return { entry, stored };
    });
    const { entry, stored } = found;
    if (!entry) throw new Error(`No checkpoint ${id} is kept (deleted in another tab?): reload the list.`);
    const refuse = (why: string) => new Error(`The checkpoint of "${entry.runName}" at epoch ${entry.epoch} is refused: ${why}.`);
    const read = await storedBytes(stored);
    if (!read) throw refuse('its bytes are missing (it was not written completely); delete it');
    if ((await sha256Hex(read)) !== entry.sha256) throw refuse('its bytes do not match the SHA-256 written with them (damaged or changed since); delete it');
    try {
      const { header } = checkpointFromBytes(read);
      const mismatch = spec ? checkpointMismatch(header, spec) : null;
      if (mismatch) throw new CheckpointError(mismatch);
      return { entry, bytes: read, header };
    } catch (e) {
      if (e instanceof CheckpointError) throw refuse(e.message);
      throw e;
    }
  }

  /** The newest last checkpoint of a run that was training when the page went away, or null. */
  async inProgress(): Promise<CheckpointEntry | null> {
    const last = (await this.list()).filter((e) => e.kind === 'last' && e.inProgress);
    return last.sort((a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt))[0] ?? null;
  }

  /** The run ended (finished, stopped, failed, or the resume was declined): nothing to offer after a reload. */
  async markEnded(runKey: string): Promise<void> {
    await this.#transact('readwrite', async (entries) => {
      for (const e of (await promised(entries.getAll() as IDBRequest<CheckpointEntry[]>))) {
        if (e.runKey === runKey && e.inProgress) entries.put({ ...e, inProgress: false });
      }
    });
  }

  /** Deletes one checkpoint, or with `runKey` every checkpoint of that run. */
  async remove(which: { id: string } | { runKey: string }): Promise<void> {
    await this.#transact('readwrite', async (entries, bytes) => {
      for (const e of (await promised(entries.getAll() as IDBRequest<CheckpointEntry[]>))) {
        if ('id' in which ? e.id === which.id : e.runKey === which.runKey) entries.delete(e.id);
      }
      await this.#collect(entries, bytes);
    });
  }

  /** What the kept checkpoints take (bytes stored once however many entries share them). */
  async usage(): Promise<CheckpointUsage> {
    const all = await this.list();
    const seen = new Set<string>();
    const runs = new Map<string, CheckpointUsage['runs'][number]>();
    let total = 0;
    for (const e of all) {
      const run = runs.get(e.runKey) ?? { runKey: e.runKey, runName: e.runName, bytes: 0, count: 0 };
      run.count += 1;
      if (!seen.has(e.sha256)) {
        seen.add(e.sha256);
        run.bytes += e.size;
        total += e.size;
      }
      runs.set(e.runKey, run);
    }
    return { count: all.length, bytes: total, runs: [...runs.values()].sort((a, b) => b.bytes - a.bytes) };
  }

  async close(): Promise<void> {
    const db = this.#db;
    this.#db = null;
    if (db) (await db.catch(() => null))?.close();
  }
}
