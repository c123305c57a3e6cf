// The page's hyperparameter search: the form, the search running in the search worker, its results, and
// what is kept in localStorage after every trial so a reload can resume it. A resumed search trains the trial
// that was in progress again from its start (trials are short; their results are what is kept, not their
// weights), so its figures are those of an uninterrupted search.
import type { BackendReport } from '../engine/backend';
import type { ExperimentSpec } from '../engine/model/spec';
import { emptyState, type SearchState } from '../engine/search/driver';
import { planTrials, searchProblems, type SearchSpec, type Trial } from '../engine/search/plan';
import { bestResult, latestResults, type Job, type TrialResult } from '../engine/search/schedule';
import { SearchClient } from '../worker/search-client';
import type { SearchEvent, SearchPhase } from '../worker/search-protocol';
import type { RunRecord } from './run-record';
import { defaultForm, searchFrom, type SearchForm } from './search-form';
import { trialRecord } from './search-records';

const STORAGE_KEY = 'search:v1';
interface Saved { search: SearchSpec; state: SearchState; phase: SearchPhase; form: SearchForm }

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

  constructor(base: ExperimentSpec, client?: SearchClient, storage: Storage | null = globalThis.localStorage ?? null) {
    this.#client = client ?? new SearchClient((e) => this.handleEvent(e));
    this.#storage = storage;
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
    this.#go();
  }

  resume() {
    if (this.search) this.#go();
  }

  pause() {
    if (this.running) this.#client.pause();
  }

  stop() {
    if (this.running) this.#client.stop();
    else if (this.search) { this.phase = 'stopped'; this.restored = false; this.#save(); }
  }

  #go() {
    this.message = null;
    this.restored = false;
    this.phase = 'preparing';
    this.#client.start($state.snapshot(this.search) as SearchSpec, $state.snapshot(this.state) as SearchState);
    this.#save();
  }

  /** What the search worker says (the client calls it; a client made outside passes its events here). */
  handleEvent(event: SearchEvent) {
    switch (event.type) {
      case 'search-phase':
        this.phase = event.phase;
        this.message = event.message ?? null;
        if (event.phase !== 'running' && event.phase !== 'preparing') this.current = null;
        this.#save();
        break;
      case 'search-backend': this.backend = event.report; break;
      case 'search-job': this.current = { job: event.job, params: event.params, epoch: 0 }; break;
      case 'search-progress': if (this.current) this.current.epoch = event.epoch; break;
      case 'search-result': {
        this.state = event.state;
        this.#save();
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
    const saved: Saved = { search: this.search, state: this.state, phase: this.phase as SearchPhase, form: $state.snapshot(this.form) as SearchForm };
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
      const unfinished = saved.phase === 'running' || saved.phase === 'preparing' || saved.phase === 'paused';
      this.phase = unfinished ? 'paused' : saved.phase;
      this.restored = unfinished;
      if (unfinished) this.message = `A search was ${saved.phase === 'paused' ? 'paused' : 'running'} when the page closed: ${saved.state.results.length} trial results kept. Resume goes on (the trial in progress trains again from its start).`;
    } catch {
      this.#storage?.removeItem(STORAGE_KEY);
    }
  }
}
