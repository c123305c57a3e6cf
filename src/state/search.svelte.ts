// The page's hyperparameter search: the form, the search running in the search worker, its results, and
// what is kept after every trial so a reload can resume it: the results in localStorage, and each unfinished
// trial's newest checkpoint in IndexedDB (search-checkpoints.ts), so a resumed search goes on with the trial
// that was in progress from its last epoch, with the figures of an uninterrupted search.
import type { BackendReport } from '../engine/backend';
import type { ExperimentSpec } from '../engine/model/spec';
import { emptyState, type SearchState } from '../engine/search/driver';
import { planTrials, searchProblems, type SearchSpec, type Trial } from '../engine/search/plan';
import { bestResult, latestResults, type Job, type TrialResult } from '../engine/search/schedule';
import { SearchClient } from '../worker/search-client';
import type { SearchEvent, SearchPhase } from '../worker/search-protocol';
import type { TrialCheckpoint } from '../worker/search-resume';
import type { RunRecord } from './run-record';
import { defaultForm, searchFrom, type SearchForm } from './search-form';
import { trialRecord } from './search-records';
import { SearchCheckpointStore } from './search-checkpoints';

const STORAGE_KEY = 'search:v1';
/** `key` names the search's trial checkpoints (absent in what older versions kept: they had none). */
interface Saved { search: SearchSpec; state: SearchState; phase: SearchPhase; form: SearchForm; key?: string }

export class SearchSession {
  form = $state<SearchForm>(null!);
  /** The search started last (null before any): what the results belong to. */
  search = $state.raw<SearchSpec | null>(null);
  state = $state.raw<SearchState>(emptyState());
  phase = $state<SearchPhase | 'idle'>('idle');
  message = $state<string | null>(null);
  current = $state<{ job: Job; params: Trial['params']; epoch: number } | null>(null);
  backend = $state.raw<BackendReport | null>(null);
  /** Restored from storage after a reload, not running now: Resume goes on with it. */
  restored = $state(false);
  /** Each finished trial as a stored run; App keeps it in the history. */
  onRecord: ((record: RunRecord) => void) | null = null;

  readonly trials = $derived(this.search ? planTrials(this.search) : []);
  readonly results = $derived(latestResults(this.state.results));
  readonly best = $derived(this.search ? bestResult(this.state.results, this.search.metric) : null);
  readonly running = $derived(this.phase === 'preparing' || this.phase === 'running');
  readonly canResume = $derived(!this.running && this.search !== null && (this.phase === 'paused' || this.restored));
  readonly #client: SearchClient;
  readonly #storage: Storage | null;
  readonly #checkpoints: SearchCheckpointStore | null;
  /** Names this search's trial checkpoints in their store. */
  #key = '';
  /** Checkpoint writes and deletes, one after another, so a resume reads what was written before it. */
  #writes: Promise<void> = Promise.resolve();

  constructor(base: ExperimentSpec, client?: SearchClient, storage: Storage | null = globalThis.localStorage ?? null,
    checkpoints: SearchCheckpointStore | null = SearchCheckpointStore.inBrowser()) {
    this.#client = client ?? new SearchClient((e) => this.handleEvent(e));
    this.#storage = storage;
    this.#checkpoints = checkpoints;
    this.form = defaultForm($state.snapshot(base) as ExperimentSpec);
    this.#restore();
  }

  /** The problems of the form against this base experiment (empty: Start can run). */
  problems(base: ExperimentSpec): string[] {
    return searchProblems(searchFrom($state.snapshot(this.form) as SearchForm, $state.snapshot(base) as ExperimentSpec));
  }

  /** Resets the form's ranges around a new base experiment, keeping which settings are chosen. */
  resetForm(base: ExperimentSpec) {
    this.form = { ...defaultForm($state.snapshot(base) as ExperimentSpec), chosen: this.form.chosen };
  }

  start(base: ExperimentSpec) {
    const search = searchFrom($state.snapshot(this.form) as SearchForm, $state.snapshot(base) as ExperimentSpec);
    const problems = searchProblems(search);
    if (problems.length) { this.message = problems.join(' '); return; }
    this.search = search;
    this.state = emptyState();
    this.#key = `search-${Date.now().toString(36)}`;
    const key = this.#key;
    this.#write((store) => store.removeOthers(key));
    this.#go();
  }

  /** Goes on with the search; its trial in progress goes on from its newest checkpoint, where one is kept. */
  resume() {
    if (!this.search) return;
    this.phase = 'preparing';
    this.restored = false;
    const key = this.#key;
    void this.#writes.then(() => this.#checkpoints?.all(key)).then((kept) => {
      if (kept?.damaged) this.message = `${kept.damaged} trial checkpoint${kept.damaged === 1 ? ' was' : 's were'} damaged and deleted: ${kept.damaged === 1 ? 'its trial trains' : 'their trials train'} again from the start.`;
      this.#go(kept?.checkpoints ?? [], kept?.damaged ? this.message : null);
    }, (e: unknown) => {
      this.#go([], `The trial checkpoints could not be read (${e instanceof Error ? e.message : String(e)}): the trial in progress trains again from its start.`);
    });
  }

  pause() {
    if (this.running) this.#client.pause();
  }

  stop() {
    if (this.running) this.#client.stop();
    else if (this.search) { this.phase = 'stopped'; this.restored = false; this.#save(); this.#dropCheckpoints(); }
  }

  /** The search will not go on: its trials' checkpoints are of no more use. */
  #dropCheckpoints() {
    const key = this.#key;
    this.#write((store) => store.remove(key));
  }

  #go(checkpoints: TrialCheckpoint[] = [], message: string | null = null) {
    this.message = message;
    this.restored = false;
    this.phase = 'preparing';
    this.#client.start($state.snapshot(this.search) as SearchSpec, $state.snapshot(this.state) as SearchState, checkpoints);
    this.#save();
  }

  #write(work: (store: SearchCheckpointStore) => Promise<void>) {
    const store = this.#checkpoints;
    if (!store) return;
    // a failed write costs the trial its resume point, not the search: the next epoch's checkpoint tries again
    this.#writes = this.#writes.then(() => work(store)).catch(() => {});
  }

  /** What the search worker says (the client calls it; a client made outside passes its events here). */
  handleEvent(event: SearchEvent) {
    switch (event.type) {
      case 'search-phase':
        this.phase = event.phase;
        this.message = event.message ?? null;
        if (event.phase !== 'running' && event.phase !== 'preparing') this.current = null;
        if (event.phase === 'complete' || event.phase === 'stopped' || event.phase === 'time-budget') this.#dropCheckpoints();
        this.#save();
        break;
      case 'search-backend': this.backend = event.report; break;
      case 'search-job': this.current = { job: event.job, params: event.params, epoch: 0 }; break;
      case 'search-progress': if (this.current) this.current.epoch = event.epoch; break;
      case 'search-checkpoint': {
        const { job: { trial, rung }, epoch, bytes } = event;
        const key = this.#key;
        this.#write((store) => store.put(key, { trial, rung, epoch, bytes }));
        break;
      }
      case 'search-result': {
        this.state = event.state;
        this.#save();
        const key = this.#key;
        const done = event.result;
        this.#write((store) => store.remove(key, done));
        const trial = this.trials[event.result.trial];
        if (this.search && trial) this.onRecord?.(trialRecord(this.search, trial, event.result, event.curve, event.evaluation, this.backend));
        break;
      }
    }
  }

  /** The trial's result at its highest rung, for the table. */
  resultOf(trial: number): TrialResult | undefined {
    return this.results.find((r) => r.trial === trial);
  }

  #save() {
    if (!this.#storage || !this.search) return;
    const saved: Saved = { search: this.search, state: this.state, phase: this.phase as SearchPhase, form: $state.snapshot(this.form) as SearchForm, key: this.#key };
    try {
      this.#storage.setItem(STORAGE_KEY, JSON.stringify(saved));
    } catch {
      this.message = 'This browser would not keep the search (storage full or blocked): a reload will lose it.';
    }
  }

  #restore() {
    const text = this.#storage?.getItem(STORAGE_KEY);
    if (!text) return;
    try {
      const saved = JSON.parse(text) as Saved;
      if (searchProblems(saved.search).length) return; // from an older format, or no longer valid: start afresh
      this.search = saved.search;
      this.state = saved.state;
      this.form = saved.form;
      this.#key = saved.key ?? '';
      const unfinished = saved.phase === 'running' || saved.phase === 'preparing' || saved.phase === 'paused';
      this.phase = unfinished ? 'paused' : saved.phase;
      this.restored = unfinished;
      if (unfinished) this.message = `A search was ${saved.phase === 'paused' ? 'paused' : 'running'} when the page closed: ${saved.state.results.length} trial results kept. Resume goes on (the trial in progress from its last checkpoint, where one was kept).`;
    } catch {
      this.#storage?.removeItem(STORAGE_KEY);
    }
  }
}
