// The page's side of checkpoints: keeps what the worker sends in the CheckpointStore as the policy says (a paired
// run's side B under `${runKey}~B`), marks a run ended when it ends, offers to resume a run that was training
// when the page went away (or whose worker crashed), a pair as a pair, and lists what is kept with its size and
// the storage used.
import type { BackendName } from '../engine/backend-status';
import type { Event } from '../worker/protocol';
import { loadAutoContinue, saveAutoContinue, type AutoContinued } from './auto-continue';
import { nextBackend, type DeviceLossOffer } from './device-loss-offer';
import type { Experiment } from './experiment.svelte';
import { findPresetTitle } from './preset-title';
import { loadCheckpointPolicy, saveCheckpointPolicy, type CheckpointPolicy } from './checkpoint-policy';
import { CheckpointQuotaError, CheckpointStore, type CheckpointEntry, type CheckpointUsage } from './checkpoint-store';
import type { TrainingSession } from './session.svelte';
import type { PairSetup } from './pair-setup.svelte';

/** Where a paired run's side B keeps its checkpoints: beside side A's, under A's key and this mark. */
export const VARIANT_KEY = '~B';
const sideA = (runKey: string) => (runKey.endsWith(VARIANT_KEY) ? runKey.slice(0, -VARIANT_KEY.length) : runKey);

export class CheckpointKeeper {
  /** The run the page offers to resume (a pair's side A), or null. */
  offer = $state.raw<CheckpointEntry | null>(null);
  /** With a paired run's offer: side B's last checkpoint, resumed with it. */
  offerVariant = $state.raw<CheckpointEntry | null>(null);
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
  /** The A/B setup a paired run continued by itself is set up in again. */
  #pair: PairSetup | undefined;
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
      this.#setOffer(await this.#store.inProgress());
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

  /** Offers `entry`'s run; a pair's side (either) offers the pair: A's last checkpoint with B's. */
  #setOffer(entry: CheckpointEntry | null) {
    const key = entry ? sideA(entry.runKey) : '';
    const last = (runKey: string) => this.entries.find((e) => e.runKey === runKey && e.kind === 'last') ?? null;
    this.offer = entry ? last(key) ?? entry : null;
    this.offerVariant = entry ? last(`${key}${VARIANT_KEY}`) : null;
  }

  #receive(event: Event) {
    const session = this.#session;
    const runKey = session.runKey;
    // a new run (a reset, another spec) replaced one that had not ended: that one is not to be resumed
    if (this.#runKey && this.#runKey !== runKey) {
      const replaced = this.#runKey;
      this.#enqueue(() => this.#markEnded(replaced));
    }
    this.#runKey = runKey;
    if (event.type === 'checkpoint') {
      const spec = session.runSpecs[session.mode === 'paired' ? event.arm : 0] ?? session.runSpec;
      const paired = session.runSpecs.length > 1;
      const fold = session.mode === 'folds' ? ` (fold ${event.arm + 1} of ${session.plannedArms})` : '';
      const name = `${spec ? findPresetTitle(spec) : 'run'}${paired ? (event.arm === 1 ? ' (A/B: B)' : ' (A/B: A)') : fold}`;
      // a cross-validation goes on after each fold's last epoch but the last fold's
      const inProgress = event.epoch < event.epochs || (session.mode === 'folds' && event.arm < session.plannedArms - 1);
      this.#enqueue(async () => {
        await this.#store.save({
          runKey: event.arm === 1 && paired ? `${runKey}${VARIANT_KEY}` : runKey, runName: name, bytes: event.bytes, epoch: event.epoch, epochs: event.epochs,
          validation: event.validation, policy: $state.snapshot(this.policy), inProgress,
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
          this.entries = await this.#store.list();
          this.#setOffer(await this.#store.inProgress());
          if (lost) await this.#continueByItself(runKey);
        });
      }
      else this.#enqueue(() => this.#markEnded(runKey));
    }
  }

  /** Both sides of a pair end together: neither is offered once the run ended. */
  async #markEnded(runKey: string) {
    await this.#store.markEnded(sideA(runKey));
    await this.#store.markEnded(`${sideA(runKey)}${VARIANT_KEY}`);
  }

  #enqueue(work: () => Promise<void>) {
    this.#queue = this.#queue.then(work).then(() => this.refresh()).catch((e: unknown) => {
      this.full = e instanceof CheckpointQuotaError;
      this.error = e instanceof Error ? e.message : String(e);
    });
  }

  /** Lets a lost device continue the run by itself, into `experiment` (the editor a resume fills) and `pair`. */
  continueAutomatically(experiment: Experiment, pair?: PairSetup): void {
    this.#experiment = experiment;
    this.#pair = pair;
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
    await this.resume(this.#experiment, undefined, this.#pair, true);
    if (!this.offer) this.autoContinued = { runName: offer.runName, why: lost.why, epoch: offer.epoch, backend: lost.lost };
  }

  /**
   * Resumes the offered run: its checkpoint verified, the editor set to its spec, the worker prepared from it;
   * on `backend` instead of the checkpoint's when given (after a lost device, the next backend). A pair's
   * side B is verified too, set up as the variant in `pair`, and resumed with it. With `start`, training on at once.
   */
  async resume(experiment: Experiment, backend?: BackendName, pair?: PairSetup, start = false): Promise<void> {
    const offer = this.offer;
    const offerB = this.offerVariant;
    if (!offer) return;
    let refused: CheckpointEntry = offer;
    try {
      const { header, bytes } = await this.#store.load(offer.id);
      refused = offerB ?? offer;
      const b = offerB ? await this.#store.load(offerB.id) : null;
      const on = (s: typeof header.spec) => (backend ? { ...s, training: { ...s.training, backend } } : s);
      experiment.replace(on(header.spec));
      if (b && pair) {
        pair.begin(experiment);
        pair.variant!.replace(on(b.header.spec));
      } else pair?.end();
      this.#session.resume(header.spec, bytes.slice(), offer.runKey, backend, b && pair ? { spec: b.header.spec, checkpoint: b.bytes.slice() } : undefined, start);
      this.offer = null;
      this.offerVariant = null;
      this.lostDevice = null;
      this.error = null;
      this.refused = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.refused = refused;
    }
  }

  /** Deletes the checkpoint a resume refused; it is no longer offered. */
  removeRefused(): void {
    const refused = this.refused;
    if (!refused) return;
    this.refused = null;
    this.error = null;
    if (this.offer?.id === refused.id || this.offerVariant?.id === refused.id) { this.offer = null; this.offerVariant = null; }
    this.remove({ id: refused.id });
  }

  /** Declines the offer: the run is marked ended and not offered again (its checkpoints stay listed). */
  decline(): void {
    const offer = this.offer;
    this.offer = null;
    this.offerVariant = null;
    this.lostDevice = null;
    if (offer) this.#enqueue(() => this.#markEnded(offer.runKey));
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
      for (const runKey of new Set(this.entries.map((e) => e.runKey))) if (sideA(runKey) !== current) await this.#store.remove({ runKey });
      this.full = false;
      this.error = null;
    });
  }
}
