// Runs a hyperparameter search in its own worker, two trials at a time interleaved (engine/search/driver.ts
// decides which, engine/search/train-trial.ts trains them), and tells the page each result so it can keep the trial as a
// stored run and the search's state for a reload. Each trial sends a checkpoint after every epoch; a pause cuts
// the trial in progress at its next chunk of batches, and when the search resumes it goes on from its last
// checkpoint (search-resume.ts), with the figures it would have had without stopping.
import type { Dataset } from '../data/dataset';
import { selectBackend } from '../engine/backend';
import { runSearch } from '../engine/search/driver';
import { searchProblems } from '../engine/search/plan';
import { trainTrials, type TrialOutcome } from '../engine/search/train-trial';
import { checkpointToBytes } from '../engine/train/checkpoint-bytes';
import { timeTrainingSteps } from '../engine/train/speed-trial';
import { DatasetCache } from './dataset-cache';
import { evaluateRun } from './evaluate';
import type { Evaluation } from './protocol';
import type { SearchCommand, SearchPost } from './search-protocol';
import { trialStart } from './search-resume';

interface Active {
  id: number;
  control: 'pause' | 'stop' | null;
}

export class SearchHandler {
  readonly #post: SearchPost;
  readonly #datasets = new DatasetCache();
  #active: Active | null = null;
  #running: Promise<void> = Promise.resolve();

  constructor(post: SearchPost) {
    this.#post = post;
  }

  handle(command: SearchCommand): Promise<void> {
    if (command.type === 'search-pause' || command.type === 'search-stop') {
      if (this.#active?.id === command.searchId) this.#active.control = command.type === 'search-pause' ? 'pause' : 'stop';
      return Promise.resolve();
    }
    // a new search waits for the previous one to let go of its tensors
    if (this.#active) this.#active.control = 'stop';
    this.#running = this.#running.then(() => this.#run(command)).catch((e) => {
      const message = e instanceof Error ? e.message : String(e);
      this.#post({ type: 'search-phase', searchId: command.searchId, phase: 'failed', message });
    });
    return this.#running;
  }

  async #run({ searchId, search, state, datasetsUrl, checkpoints = [] }: Extract<SearchCommand, { type: 'search-start' }>) {
    const active: Active = { id: searchId, control: null };
    this.#active = active;
    const problems = searchProblems(search);
    if (problems.length) throw new Error(problems.join(' '));
    const phase = (p: 'preparing' | 'running', message?: string) => this.#post({ type: 'search-phase', searchId, phase: p, message });
    phase('preparing', 'Loading data…');
    const dataset: Dataset = await this.#datasets.load(search.base, datasetsUrl, () => {});
    phase('preparing', 'Starting the backend…');
    const backend = await selectBackend(search.base.training.backend, (name, budgetMs) => timeTrainingSteps(name, search.base, dataset, budgetMs));
    this.#post({ type: 'search-backend', searchId, report: backend });
    phase('running');
    const end = await runSearch(search, state, {
      control: () => active.control,
      onJob: (job, trial) => this.#post({ type: 'search-job', searchId, job, params: trial.params }),
      train: () => Promise.reject(new Error('trainMany trains every job')),
      // two at a time, interleaved: bench/search-interleave.ts measured it faster than one after the other
      together: 2,
      trainMany: async (jobs) => {
        const starts = jobs.map(({ trial, job }) => trialStart(checkpoints, job, trial.spec));
        const refused = starts.flatMap((s) => s.refused ?? []);
        if (refused.length) phase('running', refused.join(' '));
        const outcomes = await trainTrials(jobs.map(({ trial, job }, i) => ({ spec: trial.spec, epochs: job.epochs, from: starts[i].from })), dataset, {
          shouldContinue: () => active.control === null,
          onCheckpoint: (i, checkpoint) => {
            const bytes = checkpointToBytes(checkpoint);
            this.#post({ type: 'search-checkpoint', searchId, job: jobs[i].job, epoch: checkpoint.header.epoch, bytes }, [bytes.buffer]);
          },
          onTrialBatches: (i, r) => this.#post({ type: 'search-progress', searchId, job: jobs[i].job, epoch: r.epoch, loss: r.loss }),
          report: evaluateRun,
        });
        // onResult() comes only for the jobs kept, in order: a trial cut short has no entry
        this.#pending = outcomes.filter((o) => o.failed !== 'cut short').map((o) => ({ curve: o.curve, evaluation: o.report ?? null }));
        return outcomes.map((o) => (o.failed === 'cut short' ? null : { metrics: o.metrics, failed: o.failed }));
      },
      onResult: (result, now) => {
        const { curve, evaluation } = this.#pending!.shift()!;
        this.#post({ type: 'search-result', searchId, result, state: structuredClone(now), curve, evaluation });
      },
    });
    if (this.#active === active) this.#active = null;
    this.#post({ type: 'search-phase', searchId, phase: end });
  }

  /** The jobs just trained: their curves and evaluations, in job order, taken by onResult() one by one. */
  #pending: { curve: TrialOutcome['curve']; evaluation: Evaluation | null }[] | null = null;
}
