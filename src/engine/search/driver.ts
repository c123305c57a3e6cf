// Runs a search's jobs one after another through a caller-given trainer (the worker's, or Node's in tests and
// scripts), inside the trial and time budgets, asking between jobs whether to pause or stop. Everything it
// needs to go on later is in its state (the results and the seconds spent), so a paused or reloaded search
// resumes by calling it again with that state. No tfjs here: the trainer callback owns the tensors.
import { planTrials, type SearchSpec, type Trial } from './plan';
import { nextJobs, type Job, type TrialResult } from './schedule';

export interface SearchState {
  results: TrialResult[];
  /** Seconds spent training so far, over every session of this search (the time budget counts them all). */
  seconds: number;
}

export type SearchEnd = 'complete' | 'time-budget' | 'paused' | 'stopped';

export interface DriverHooks {
  /**
   * Trains `trial` for `job.epochs` epochs from its initial weights and returns its figures; null when a pause
   * or stop cut it short: it is not kept, and a resumed search trains it again from the start.
   */
  train(trial: Trial, job: Job): Promise<Omit<TrialResult, 'trial' | 'rung' | 'epochs' | 'seconds'> | null>;
  /** Asked before each job: 'pause' or 'stop' ends the run here (a job in progress is the trainer's to cut short). */
  control?(): 'pause' | 'stop' | null;
  /**
   * Trains several jobs together (interleaved: bench/search-interleave.ts measured it faster than one after the
   * other); given, the driver hands it up to `together` jobs at a time, else it calls train() per job.
   */
  trainMany?(jobs: { trial: Trial; job: Job }[]): Promise<(Awaited<ReturnType<DriverHooks['train']>>)[]>;
  together?: number;
  onJob?(job: Job, trial: Trial): void;
  onResult?(result: TrialResult, state: SearchState): void | Promise<void>;
  /** Seconds, monotonic; injectable so budget tests need no real waiting. */
  clock?(): number;
}

export const emptyState = (): SearchState => ({ results: [], seconds: 0 });

/** Goes on from `state` (updated in place) until the search is complete, out of time, paused or stopped. */
export async function runSearch(search: SearchSpec, state: SearchState, hooks: DriverHooks): Promise<SearchEnd> {
  const clock = hooks.clock ?? (() => performance.now() / 1000);
  const trials = planTrials(search);
  for (;;) {
    const wanted = hooks.control?.();
    if (wanted === 'pause') return 'paused';
    if (wanted === 'stop') return 'stopped';
    const jobs = nextJobs(search, trials.length, state.results, hooks.trainMany ? Math.max(1, hooks.together ?? 2) : 1);
    if (jobs.length === 0) return 'complete';
    if (state.seconds >= search.budget.seconds) return 'time-budget';
    for (const job of jobs) hooks.onJob?.(job, trials[job.trial]);
    const started = clock();
    const outcomes = hooks.trainMany
      ? await hooks.trainMany(jobs.map((job) => ({ trial: trials[job.trial], job })))
      : [await hooks.train(trials[jobs[0].trial], jobs[0])];
    const seconds = clock() - started;
    state.seconds += seconds;
    // in job order, so results (and a resumed search) read the same however many trained together
    for (let i = 0; i < jobs.length; i++) {
      const outcome = outcomes[i];
      if (!outcome) continue; // cut short: control() now says pause or stop
      const result: TrialResult = { trial: jobs[i].trial, rung: jobs[i].rung, epochs: jobs[i].epochs, seconds: seconds / jobs.length, ...outcome };
      state.results.push(result);
      await hooks.onResult?.(result, state);
    }
  }
}
