// Kept runs in IndexedDB (the raw API: two object stores, no library), so they survive a reload. Where
// IndexedDB cannot be used (private browsing in some browsers, storage blocked, an opaque origin) the store
// says so: `available` turns false and every method rejects with the reason, which the UI shows.
import { inTransaction, promised } from './idb-transaction';
import { readStoredRecord, readStoredSummary } from './record-migrations';
import { summarizeRun, type RunRecord, type RunSummary } from './run-record';

const DB_VERSION = 1;
/** Full records, and their light summaries kept beside them so that listing never reads the curves. */
const RUNS = 'runs';
const SUMMARIES = 'summaries';

/** A problem this store found itself, already in words. */
class StoreProblem extends Error {}

/** Reading `indexedDB` itself can throw (a SecurityError in some sandboxed frames): then there is none. */
function defaultFactory(): IDBFactory | null {
  try {
    return globalThis.indexedDB ?? null;
  } catch {
    return null;
  }
}

/** Why an IndexedDB error happened, as a clause a person can act on. */
function explain(error: unknown): string {
  if (error instanceof StoreProblem) return error.message;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'QuotaExceededError': return "the browser's storage for this page is full: delete or export old runs, or free disk space";
    case 'DataCloneError': return 'the run holds something that cannot be stored (a function, or a Svelte $state proxy: store $state.snapshot(run))';
    case 'SecurityError': return 'the browser refuses storage to this page (cookies and site data blocked, or a sandboxed frame)';
    case 'VersionError': return 'a newer version of the sandbox has upgraded the saved runs: reload the page to get it';
    case 'InvalidStateError': return 'the browser does not allow storage here (private browsing in some browsers), or site data was cleared: reload the page';
    default: return `the browser reported ${name || 'an error'}${message ? `: ${message}` : ''}`;
  }
}

export class RunStore {
  /** null until the first open() settles; then whether runs survive a reload here. */
  available: boolean | null = null;
  /** When unavailable: why, as a clause ("the browser refuses storage to this page (…)"). */
  unavailableReason: string | null = null;
  readonly #factory: IDBFactory | null;
  readonly #name: string;
  #db: Promise<IDBDatabase> | null = null;
  /** Told once per damaged or unreadable record that list() or get() skipped, with a sentence naming it. */
  onSkipped: ((notice: string) => void) | null = null;

  /** `factory` is the IndexedDB to use: this browser's by default; null for none (tests pass fakes and null). */
  constructor(factory: IDBFactory | null = defaultFactory(), name = 'training-sandbox') {
    this.#factory = factory;
    this.#name = name;
  }

  /**
   * Opens the database (once; every method calls it). Rejects, and marks the store unavailable, when IndexedDB
   * cannot be used here; the next call tries again, since some causes pass (another tab closing, a reload).
   */
  async open(): Promise<void> {
    await this.#open();
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= this.#connect().then(
      (db) => {
        this.available = true;
        this.unavailableReason = null;
        return db;
      },
      (reason: string) => {
        this.available = false;
        this.unavailableReason = reason;
        this.#db = null;
        throw new Error(`Runs cannot be kept in this browser: ${reason}. Runs made now are lost on reload; use "Export runs" to keep them in a file.`);
      },
    );
    return this.#db;
  }

  #connect(): Promise<IDBDatabase> {
    return new Promise((resolve, reject: (reason: string) => void) => {
      if (!this.#factory) return reject('this browser offers no IndexedDB (some turn it off in private browsing)');
      let request: IDBOpenDBRequest;
      try {
        request = this.#factory.open(this.#name, DB_VERSION);
      } catch (e) {
        return reject(explain(e));
      }
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(RUNS)) db.createObjectStore(RUNS, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(SUMMARIES)) db.createObjectStore(SUMMARIES, { keyPath: 'id' });
      };
      let failed = false;
      request.onblocked = () => {
        failed = true;
        reject('another tab of the sandbox holds an older version of the saved runs open: close it and reload');
      };
      request.onerror = () => reject(explain(request.error));
      request.onsuccess = () => {
        const db = request.result;
        // Blocked, then let through after we gave up: nobody holds this connection, so it must not stay open.
        if (failed) return db.close();
        // Let a newer page in another tab upgrade the database; this tab reopens (and finds out) on its next call.
        db.onversionchange = () => {
          db.close();
          this.#db = null;
        };
        // The browser closes it when site data is cleared; open again next time rather than fail forever.
        db.onclose = () => {
          this.#db = null;
        };
        resolve(db);
      };
    });
  }

  /** Runs `work` in one transaction over both stores; resolves with its result once the transaction commits. */
  async #transact<T>(mode: IDBTransactionMode, action: string, work: (runs: IDBObjectStore, summaries: IDBObjectStore) => Promise<T> | T): Promise<T> {
    const db = await this.#open();
    try {
      // a put that throws (quota, a value that cannot be cloned) aborts the transaction: the puts before it do not commit
      return await inTransaction(db, [RUNS, SUMMARIES], mode, work);
    } catch (e) {
      throw new Error(`Could not ${action}: ${explain(e)}.`);
    }
  }


  /** Every kept run's summary, newest first. */
  async list(): Promise<RunSummary[]> {
    const stored = await this.#transact('readonly', 'list the saved runs', (_runs, summaries) => promised(summaries.getAll() as IDBRequest<unknown[]>));
    const all = this.#keep(stored.map(readStoredSummary));
    // Date.parse, not string order: an imported run may carry an offset ("+02:00") instead of "Z".
    return all.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id));
  }

  /** The whole record, or undefined when no run has this id. */
  async get(id: string): Promise<RunRecord | undefined> {
    const stored = await this.#transact('readonly', 'read the saved run', (runs) => promised(runs.get(id) as IDBRequest<unknown>));
    return stored === undefined ? undefined : this.#keep([readStoredRecord(stored)])[0];
  }

  /** The values that read well; each skipped one is told to onSkipped. */
  #keep<T>(results: ({ ok: true; value: T } | { ok: false; problem: string })[]): T[] {
    return results.flatMap((r) => {
      if (r.ok) return [r.value];
      this.onSkipped?.(r.problem);
      return [];
    });
  }

  /** Adds a run, or replaces the one with the same id. */
  put(record: RunRecord): Promise<void> {
    return this.putAll([record]);
  }

  /** Adds or replaces several runs at once: all are kept, or (on an error) none. */
  putAll(records: readonly RunRecord[]): Promise<void> {
    return this.#transact('readwrite', records.length === 1 ? `save run "${records[0].name}"` : `save ${records.length} runs`, (runs, summaries) => {
      for (const record of records) {
        runs.put(record);
        summaries.put(summarizeRun(record));
      }
    });
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) throw new Error('A run needs a name: type at least one character.');
    await this.#transact('readwrite', 'rename the run', async (runs, summaries) => {
      const record = (await promised(runs.get(id))) as RunRecord | undefined;
      if (!record) throw new StoreProblem(`no saved run has id ${id} (deleted in another tab?); reload the list`);
      const renamed = { ...record, name: trimmed };
      runs.put(renamed);
      summaries.put(summarizeRun(renamed));
    });
  }

  /** Deletes a run; deleting one that is not there does nothing. */
  remove(id: string): Promise<void> {
    return this.#transact('readwrite', 'delete the run', (runs, summaries) => {
      runs.delete(id);
      summaries.delete(id);
    });
  }

  /** Deletes every kept run. */
  clear(): Promise<void> {
    return this.#transact('readwrite', 'delete the saved runs', (runs, summaries) => {
      runs.clear();
      summaries.clear();
    });
  }

  /** Closes the connection (tests, or before deleting the database); the next call opens it again. */
  async close(): Promise<void> {
    const db = this.#db;
    this.#db = null;
    if (db) (await db.catch(() => null))?.close();
  }
}
