// The page's side of checkpoints: keeps what the worker sends in the CheckpointStore as the policy says, marks a
// run ended when it ends, offers to resume a run that was training when the page went away (or whose worker
// crashed), and lists what is kept with its size and the storage used.
import type { BackendName } from '../engine/backend-status';
import type { Event } from '../worker/protocol';
import { loadAutoContinue, saveAutoContinue, type AutoContinued } from './auto-continue';
import { nextBackend, type DeviceLossOffer } from './device-loss-offer';
import type { Experiment } from './experiment.svelte';
import { findPresetTitle } from './preset-title';
import { loadCheckpointPolicy, saveCheckpointPolicy, type CheckpointPolicy } from './checkpoint-policy';
import { CheckpointQuotaError, CheckpointStore, type CheckpointEntry, type CheckpointUsage } from './checkpoint-store';
import type { TrainingSession } from './session.svelte';

export class CheckpointKeeper {
  /** The run the page offers to resume, or null. */
  offer = $state.raw<CheckpointEntry | null>(null);
  /** Set when the offer is there because the GPU device under the run was lost: why, and where it can go on. */
  lostDevice = $state.raw<DeviceLossOffer | null>(null);
  entries = $state.raw<CheckpointEntry[]>([]);
  usage = $state.raw<CheckpointUsage | null>(null);
  /** navigator.storage.estimate() for the whole page (runs, datasets and checkpoints), where the browser tells. */
  estimate = $state.raw<{ usage: number; quota: number } | null>(null);
  /** The last failure in words (a refused checkpoint, a full storage). */
  error = $state<string | null>(null);
  /** The checkpoint the last resume refused (damaged, of another version): the page offers to delete it. */
  refused = $state.raw<CheckpointEntry | null>(null);
  /** True when the last save failed for lack of space: the page offers to delete old checkpoints. */
  full = $state(false);
  /** Which checkpoints are kept; kept in localStorage between visits. */
  policy = $state<CheckpointPolicy>(loadCheckpointPolicy());
  /** Why the last policy edit was not taken, or null. */
  policyProblem = $state<string | null>(null);
  readonly #store: CheckpointStore;
  readonly #session: TrainingSession;
  /** Saves one after another, so "best" is always compared with the one written before. */
  #queue: Promise<void> = Promise.resolve();
  /** The run the last event was about. */
  #runKey = '';
  /** Whether a lost device lets the page continue the run by itself, once per run (auto-continue.ts). */
  autoContinue = $state(loadAutoContinue());
  /** Set while a run continues by itself after a device loss: the notice the page shows. */
  autoContinued = $state.raw<AutoContinued | null>(null);
  /** The editor a continue by itself fills with the run's spec; null until the page hands it over. */
  #experiment: Experiment | null = null;
  /** Runs already continued by themselves: a second loss of the same run is offered, not continued again. */
  readonly #autoTried = new Set<string>();

  constructor(session: TrainingSession, store = new CheckpointStore()) {
    this.#session = session;
    this.#store = store;
    session.checkpoints = { everyEpochs: 1 }; // every epoch: the policy picks best, every N and last from them
    session.onEvent = (event) => this.#receive(event);
  }

  /** Lists what is kept and finds a run to offer; where IndexedDB is missing, says so once and keeps nothing. */
  async init(): Promise<void> {
    try {
      await this.refresh();
      this.offer = await this.#store.inProgress();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  async refresh(): Promise<void> {
    this.entries = await this.#store.list();
    this.usage = await this.#store.usage();
    const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => null);
    this.estimate = estimate?.usage !== undefined && estimate.quota !== undefined ? { usage: estimate.usage, quota: estimate.quota } : null;
  }

  #receive(event: Event) {
    const session = this.#session;
    const runKey = session.runKey;
    // a new run (a reset, another spec) replaced one that had not ended: that one is not to be resumed
    if (this.#runKey && this.#runKey !== runKey) {
      const replaced = this.#runKey;
      this.#enqueue(() => this.#store.markEnded(replaced));
    }
    this.#runKey = runKey;
    if (event.type === 'checkpoint') {
      const spec = session.runSpec;
      const name = spec ? findPresetTitle(spec) : 'run';
      this.#enqueue(async () => {
        await this.#store.save({
          runKey, runName: name, bytes: event.bytes, epoch: event.epoch, epochs: event.epochs,
          validation: event.validation, policy: $state.snapshot(this.policy), inProgress: event.epoch < event.epochs,
        });
        this.full = false;
      });
    } else if (event.type === 'phase' && ['finished', 'stopped', 'failed'].includes(event.phase)) {
      // a crashed worker's run (or one whose device was lost) stays resumable, and is offered at once; any
      // other end closes the run
      const lost = event.fault === 'device-lost' ? session.backend?.active : undefined;
      this.lostDevice = lost ? { why: event.why ?? 'the GPU device was lost', lost, next: nextBackend(lost, session.backends) } : null;
      if (lost) this.autoContinued = null;
      if (session.crashed) {
        this.#enqueue(async () => {
          this.offer = await this.#store.inProgress();
          if (lost) await this.#continueByItself(runKey);
        });
      }
      else this.#enqueue(() => this.#store.markEnded(runKey));
    }
  }

  #enqueue(work: () => Promise<void>) {
    this.#queue = this.#queue.then(work).then(() => this.refresh()).catch((e: unknown) => {
      this.full = e instanceof CheckpointQuotaError;
      this.error = e instanceof Error ? e.message : String(e);
    });
  }

  /** Lets a lost device continue the run by itself, into `experiment` (the editor a resume fills). */
  continueAutomatically(experiment: Experiment): void {
    this.#experiment = experiment;
  }

  setAutoContinue(on: boolean): void {
    this.autoContinue = on;
    saveAutoContinue(on);
  }

  /** After the device under `runKey` was lost: continues it from its checkpoint on the same backend, once. */
  async #continueByItself(runKey: string): Promise<void> {
    const offer = this.offer;
    const lost = this.lostDevice;
    if (!this.autoContinue || !this.#experiment || !offer || !lost || offer.runKey !== runKey || this.#autoTried.has(runKey)) return;
    this.#autoTried.add(runKey);
    await this.resume(this.#experiment, undefined, true);
    if (!this.offer) this.autoContinued = { runName: offer.runName, why: lost.why, epoch: offer.epoch, backend: lost.lost };
  }

  /**
   * Resumes the offered run: its checkpoint verified, the editor set to its spec, the worker prepared from it;
   * on `backend` instead of the checkpoint's when given (after a lost device, the next backend); with `start`,
   * training on at once.
   */
  async resume(experiment: Experiment, backend?: BackendName, start = false): Promise<void> {
    const offer = this.offer;
    if (!offer) return;
    try {
      const { header, bytes } = await this.#store.load(offer.id);
      const spec = backend ? { ...header.spec, training: { ...header.spec.training, backend } } : header.spec;
      experiment.replace(spec);
      this.#session.resume(header.spec, bytes.slice(), offer.runKey, backend, start);
      this.offer = null;
      this.lostDevice = null;
      this.error = null;
      this.refused = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.refused = offer;
    }
  }

  /** Deletes the checkpoint a resume refused; it is no longer offered. */
  removeRefused(): void {
    const refused = this.refused;
    if (!refused) return;
    this.refused = null;
    this.error = null;
    if (this.offer?.id === refused.id) this.offer = null;
    this.remove({ id: refused.id });
  }

  /** Declines the offer: the run is marked ended and not offered again (its checkpoints stay listed). */
  decline(): void {
    const offer = this.offer;
    this.offer = null;
    this.lostDevice = null;
    if (offer) this.#enqueue(() => this.#store.markEnded(offer.runKey));
  }

  /** Changes the policy from the next checkpoint on (those kept stay as they are) and keeps it for later visits. */
  setPolicy(change: Partial<CheckpointPolicy>): void {
    const policy = { ...$state.snapshot(this.policy), ...change };
    this.policyProblem = saveCheckpointPolicy(policy);
    if (!this.policyProblem) this.policy = policy;
  }

  remove(which: { id: string } | { runKey: string }): void {
    this.#enqueue(() => this.#store.remove(which));
  }

  /** After a full storage: deletes every checkpoint of the runs that are not the current one. */
  removeOld(): void {
    const current = this.#session.runKey;
    this.#enqueue(async () => {
      for (const runKey of new Set(this.entries.map((e) => e.runKey))) if (runKey !== current) await this.#store.remove({ runKey });
      this.full = false;
      this.error = null;
    });
  }
}
