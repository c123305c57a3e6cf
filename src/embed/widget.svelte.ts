// One embedded experiment: the spec its link describes, a training session that stays cold (no worker, no
// tfjs, no GPU) until the reader presses Train, and the rule for pausing while the reader cannot see it.
import { datasetInfo } from '../data/catalog';
import type { ExperimentSpec } from '../engine/model/spec';
import { decodeLink } from '../state/link/link';
import { TrainingSession } from '../state/session.svelte';
import { modelLine, trainingLine, widgetTitle } from './describe';
import type { HiddenReason } from './visibility.svelte';

/**
 * How long the widget must be visible again before a run it paused itself resumes. The worker applies a
 * pause at the end of its current chunk (about 200 ms of batches); resuming only after that chunk is done
 * keeps a quick scroll past from thrashing the run.
 */
export const RESUME_AFTER_MS = 400;

export class EmbedWidget {
  readonly spec: ExperimentSpec;
  readonly title: string;
  readonly model: string;
  readonly training: string;
  readonly regression: boolean;
  readonly classNames: string[];
  /** What the link asked for and the widget could not do, one sentence each. */
  readonly notices: string[];
  readonly session: TrainingSession;
  /** Why the widget paused its run by itself; null when it did not, or when the reader paused it. */
  autoPaused = $state<HiddenReason | null>(null);
  #resumeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(hash: string, session = new TrainingSession()) {
    const { state, notices } = decodeLink(hash);
    this.spec = state.spec;
    this.notices = state.variant
      ? [...notices, 'This link sets up an A/B comparison; the widget trains the A side only. Open it in the sandbox to compare both.']
      : notices;
    this.title = state.lesson?.title ?? widgetTitle(state.spec);
    this.model = modelLine(state.spec);
    this.training = trainingLine(state.spec);
    const info = datasetInfo(state.spec.dataset);
    this.regression = info.task === 'regression';
    this.classNames = info.classNames;
    this.session = session;
  }

  get running() {
    return this.session.phase === 'running';
  }

  /** The one button: Train, Pause, Resume or Train again, by phase. The first press creates the worker. */
  press() {
    this.#cancelResume();
    this.autoPaused = null;
    if (this.running) this.session.pause();
    else if (this.session.phase !== 'preparing') this.session.train(this.spec);
  }

  /**
   * Follows what the reader can see (call it from an effect, so it re-runs when visibility or the phase
   * changes). Pauses a running run that went out of sight and remembers why; when the reader can see it
   * again, resumes it, but only if the widget paused it: a run the reader paused stays paused.
   */
  follow(hidden: HiddenReason | null) {
    const phase = this.session.phase;
    if (hidden) {
      this.#cancelResume();
      if (phase === 'running' && this.autoPaused === null) this.session.pause();
      if (phase === 'running' || this.autoPaused !== null) this.autoPaused = hidden;
    } else if (this.autoPaused !== null && phase === 'paused') {
      this.#resumeTimer ??= setTimeout(() => {
        this.#resumeTimer = null;
        if (this.autoPaused === null || this.session.phase !== 'paused') return;
        this.autoPaused = null;
        this.session.train(this.spec);
      }, RESUME_AFTER_MS);
    }
    // A run that ended while paused (or failed) has nothing to resume.
    if (phase !== 'running' && phase !== 'paused') this.autoPaused = null;
  }

  #cancelResume() {
    if (this.#resumeTimer) clearTimeout(this.#resumeTimer);
    this.#resumeTimer = null;
  }

  dispose() {
    this.#cancelResume();
    this.session.dispose();
  }
}
