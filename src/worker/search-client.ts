// The façade the page's search state calls: one search worker, started on first use, searches identified by
// searchId so events of a replaced search are dropped.
import type { SearchState } from '../engine/search/driver';
import type { SearchSpec } from '../engine/search/plan';
import type { SearchCommand, SearchEvent } from './search-protocol';
import type { TrialCheckpoint } from './search-resume';

export class SearchClient {
  #worker: Worker | null = null;
  #searchId = 0;
  readonly #listener: (event: SearchEvent) => void;
  readonly #createWorker: () => Worker;

  constructor(listener: (event: SearchEvent) => void, createWorker?: () => Worker) {
    this.#listener = listener;
    this.#createWorker = createWorker ?? (() => new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' }));
  }

  #send(command: SearchCommand) {
    if (!this.#worker) {
      const worker = this.#createWorker();
      worker.onmessage = (m: MessageEvent<SearchEvent>) => { if (m.data.searchId === this.#searchId) this.#listener(m.data); };
      worker.onerror = (e) => {
        e.preventDefault();
        this.#worker = null;
        worker.terminate();
        this.#listener({ type: 'search-phase', searchId: this.#searchId, phase: 'failed', message: `The search worker stopped (${e.message || 'no message'}); Resume starts a fresh one.` });
      };
      this.#worker = worker;
    }
    this.#worker.postMessage(command);
  }

  /** Starts (or goes on with) a search, jobs with `checkpoints` from them; returns its id. `search` and `state` must be plain data. */
  start(search: SearchSpec, state: SearchState, checkpoints: TrialCheckpoint[] = []): number {
    this.#searchId += 1;
    const datasetsUrl = new URL('datasets/', document.baseURI).href;
    this.#send({ type: 'search-start', searchId: this.#searchId, search, state, datasetsUrl, checkpoints });
    return this.#searchId;
  }

  pause() {
    this.#send({ type: 'search-pause', searchId: this.#searchId });
  }

  stop() {
    this.#send({ type: 'search-stop', searchId: this.#searchId });
  }
}
