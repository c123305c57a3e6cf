// The training session the page shows: phase, backend, curves, views and evaluation of the current run.
// It talks to the worker only through TrainingClient and keeps nothing but plain data.
import type { BackendReport, BackendStatus } from '../engine/backend';
import type { ExperimentSpec } from '../engine/model/spec';
import { TrainingClient } from '../worker/client';
import type { Pairing } from '../engine/model/pairing';
import type { BackendChoice } from '../engine/model/spec';
import type { CheckpointRequest, Event, FineTuneSource, FoldsSummary, PointsView, RunMode, RunPhase, SampleImages } from '../worker/protocol';
import { ArmView, isArmEvent } from './arm-view.svelte';
import { ExportSession } from './exports.svelte';

export type SessionPhase = RunPhase | 'idle';

export class TrainingSession {
  phase = $state<SessionPhase>('idle');
  /** What the worker is doing, or why it stopped. */
  message = $state('');
  error = $state<string | null>(null);
  /** True when the current run ended because its worker died (the next command starts a fresh one). */
  crashed = $state(false);
  backend = $state.raw<BackendReport | null>(null);
  /** What each backend would run on in this browser, probed once at start-up. */
  backends = $state.raw<BackendStatus[]>([]);
  /** The dataset download of the run being prepared, and since when (performance.now()), for time left. */
  loading = $state.raw<{ loadedBytes: number; totalBytes: number; startedAt: number } | null>(null);
  mode = $state<RunMode>('single');
  /** The run's trainings: one, a baseline and a variant, or one per fold. */
  arms = $state.raw<ArmView[]>([new ArmView(0)]);
  /** How many arms the run will have (folds appear one after another). */
  plannedArms = $state(1);
  pairing = $state.raw<Pairing | null>(null);
  folds = $state.raw<FoldsSummary | null>(null);
  points = $state.raw<PointsView | null>(null);
  samples = $state.raw<SampleImages | null>(null);
  /** The current run continues a saved or loaded model: from where, the layers held, what could not be copied. */
  fineTuned = $state.raw<{ source: string; frozen: string[]; note: string | null } | null>(null);
  /** The specs of the current run as they were prepared: [spec] or [baseline, variant]. */
  runSpecs = $state.raw<ExperimentSpec[]>([]);
  /** The Export view: format table, saved and loaded models (commands go through this session's worker). */
  readonly exports = new ExportSession((request, transfer) => this.#worker.export(request, transfer));

  /** Whether the network diagram is open: the person's choice, kept across runs. */
  diagramOpen = $state(false);
  /** Open diagrams on screen (watchDiagram): the worker computes the diagram only while there is one. */
  #diagramViewers = 0;

  /** Names the current run's checkpoints in the store: new for each prepared run, kept by a resume. */
  runKey = '';
  /** When runs send checkpoints (each arm its own; state/checkpoints.svelte.ts keeps them); null: none. */
  checkpoints: CheckpointRequest | null = null;
  /** Told every event of the current run after the session has taken it in (the checkpoint keeper listens). */
  onEvent: ((event: Event) => void) | null = null;

  /** Called once when a run that trained ends (finished, stopped or failed), with its training time. */
  onEnded: ((session: TrainingSession, durationMs: number) => void) | null = null;
  /** Milliseconds spent in 'running', and since when the current stretch runs. */
  #activeMs = 0;
  #runningSince: number | null = null;
  #client: TrainingClient | null = null;
  #runs = 0;
  readonly #createClient: (listener: (e: Event) => void) => TrainingClient;

  constructor(createClient = (listener: (e: Event) => void) => new TrainingClient(listener)) {
    this.#createClient = createClient;
  }

  get busy() {
    return this.phase === 'preparing' || this.phase === 'running';
  }

  /** The arm the single-run views show: the run itself, the pair's baseline, or the newest fold. */
  get main(): ArmView {
    return this.mode === 'folds' ? this.arms[this.arms.length - 1] : this.arms[0];
  }

  get runSpec(): ExperimentSpec | null {
    return this.runSpecs[0] ?? null;
  }

  get #worker(): TrainingClient {
    if (!this.#client) {
      this.#client = this.#createClient((event) => this.#receive(event));
      this.#client.onCrash = () => (this.crashed = true);
    }
    return this.#client;
  }

  /** A fresh run at step 0 from the spec, or a paired run of the spec and a variant. */
  prepare(spec: ExperimentSpec, variant?: ExperimentSpec) {
    this.#clear();
    this.runSpecs = [spec, ...(variant ? [variant] : [])].map((s) => structuredClone($state.snapshot(s)) as ExperimentSpec);
    this.phase = 'preparing';
    this.runKey = `run-${Date.now().toString(36)}-${(this.#runs += 1)}`;
    this.#worker.prepare(this.runSpecs[0], this.runSpecs[1], this.checkpoints ?? undefined);
  }

  /**
   * A run prepared from a checkpoint's verified bytes (handed to the worker), continuing the stored run `runKey`;
   * with `variant`, a paired run whose side B goes on from its own checkpoint; with `start`, it trains on as soon
   * as it is ready.
   */
  resume(spec: ExperimentSpec, checkpoint: Uint8Array, runKey: string, backend?: BackendChoice, variant?: { spec: ExperimentSpec; checkpoint: Uint8Array }, start = false) {
    this.#clear();
    const on = (s: ExperimentSpec) => structuredClone(backend ? { ...s, training: { ...s.training, backend } } : s);
    this.runSpecs = [on(spec), ...(variant ? [on(variant.spec)] : [])];
    this.phase = 'preparing';
    this.runKey = runKey;
    this.#worker.resume(checkpoint, this.checkpoints ?? undefined, backend, variant?.checkpoint);
    if (start) this.#worker.start();
  }

  /**
   * Trains `spec` from a saved or loaded model's weights with `frozenLayers` held, at once. Its checkpoints
   * record the frozen layers, so a resume holds them too.
   */
  fineTune(spec: ExperimentSpec, source: FineTuneSource, frozenLayers: number[]) {
    this.#clear();
    this.runSpecs = [structuredClone($state.snapshot(spec)) as ExperimentSpec];
    this.phase = 'preparing';
    this.runKey = `run-${Date.now().toString(36)}-${(this.#runs += 1)}`;
    this.#worker.fineTune(this.runSpecs[0], source, frozenLayers, this.checkpoints ?? undefined);
    this.#worker.start();
  }

  /** Trains: resumes a paused run, or prepares a new one when the specs changed or the last run ended. */
  train(spec: ExperimentSpec, variant?: ExperimentSpec) {
    if (!this.#resumable(spec, variant)) this.prepare(spec, variant);
    this.#worker.start();
  }

  stepOnce(spec: ExperimentSpec, variant?: ExperimentSpec) {
    if (!this.#resumable(spec, variant)) this.prepare(spec, variant);
    this.#worker.step();
  }

  /**
   * An open diagram is on screen until the returned function is called: while any is, the worker sends the
   * diagram; when the last goes, it stops computing it.
   */
  watchDiagram(): () => void {
    if ((this.#diagramViewers += 1) === 1) this.#worker.showDiagram(true);
    let watching = true;
    return () => {
      if (!watching) return;
      watching = false;
      if ((this.#diagramViewers -= 1) === 0) this.#client?.showDiagram(false);
    };
  }

  /** Asks the worker which backends this browser offers, so the page can say before any run. */
  probe() { this.#worker.probe(); }
  pause() { this.#client?.pause(); }
  stop() { this.#client?.stop(); }
  reset(spec: ExperimentSpec, variant?: ExperimentSpec) { this.prepare(spec, variant); }

  /** Whether a run is under way that a live edit can still reach: prepared, running or paused. */
  get live(): boolean {
    return this.phase === 'ready' || this.phase === 'running' || this.phase === 'paused';
  }

  /**
   * Changes the learning rate of the live run from its next step on (arm 0, or arm 1 for a pair's variant), and
   * of the run's spec, so that pausing and training again resumes instead of starting over.
   */
  setLearningRate(learningRate: number, arm = 0) {
    if (!this.live || !(learningRate > 0)) return;
    const index = this.mode === 'paired' ? arm : 0;
    this.runSpecs = this.runSpecs.map((s, i) => (i === index ? { ...s, training: { ...s.training, learningRate } } : s));
    this.#client?.setLearningRate(learningRate, this.mode === 'paired' ? [index] : this.arms.map((a) => a.index));
  }

  /** Asks for the explanation of test example `example` (a sample-grid image or a test row) of an ended arm. */
  explain(arm: number, example: number) { this.#client?.explain(arm, example); }

  #resumable(spec: ExperimentSpec, variant?: ExperimentSpec): boolean {
    const wanted = JSON.stringify([spec, ...(variant ? [variant] : [])].map((s) => $state.snapshot(s)));
    const same = JSON.stringify(this.runSpecs) === wanted;
    return same && (this.phase === 'ready' || this.phase === 'paused' || this.phase === 'preparing');
  }

  /** Keeps time spent training (pauses excluded) and tells onEnded when a run that trained ends. */
  #phaseChanged(phase: RunPhase) {
    const now = performance.now();
    if (this.#runningSince !== null) this.#activeMs += now - this.#runningSince;
    this.#runningSince = phase === 'running' ? now : null;
    const trained = this.arms.some((a) => a.step > 0);
    const ending = (phase === 'finished' || phase === 'stopped' || phase === 'failed') && this.phase !== phase;
    // a speed measured before a pause (or over a single Step) is not this stretch's: wait for a fresh one
    if (phase === 'running' && this.phase !== 'running') for (const arm of this.arms) arm.examplesPerSecond = 0;
    this.phase = phase;
    if (ending && trained) this.onEnded?.(this, this.#activeMs);
  }

  #clear() {
    this.#activeMs = 0;
    this.#runningSince = null;
    this.error = null;
    this.crashed = false;
    this.message = '';
    this.loading = null;
    this.mode = 'single';
    this.arms = [new ArmView(0)];
    this.plannedArms = 1;
    this.pairing = null;
    this.folds = null;
    this.fineTuned = null;
    this.points = null;
    this.samples = null;
    this.exports.clear();
  }

  #arm(index: number): ArmView {
    let arm = this.arms[index];
    if (!arm) {
      arm = new ArmView(index);
      const arms = [...this.arms];
      // a cross-validation resumed at a later fold: the folds before it are there, ended, with no curves here
      for (let i = arms.length; i < index; i++) arms[i] = Object.assign(new ArmView(i), { end: { reason: 'finished' } as const });
      arms[index] = arm;
      this.arms = arms;
    }
    return arm;
  }

  #receive(event: Event) {
    if (this.exports.receive(event)) return;
    this.#take(event);
    this.onEvent?.(event);
  }

  #take(event: Event) {
    switch (event.type) {
      case 'phase':
        if (event.fault) this.crashed = true; // before the phase: a failed phase keeps the run, as crashed
        this.#phaseChanged(event.phase);
        this.message = event.message ?? '';
        break;
      case 'loading':
        this.loading = { loadedBytes: event.loadedBytes, totalBytes: event.totalBytes, startedAt: this.loading?.startedAt ?? performance.now() };
        break;
      case 'backend':
        this.backend = event.report;
        this.backends = event.report.statuses;
        break;
      case 'backends':
        this.backends = event.statuses;
        break;
      case 'plan':
        this.mode = event.mode;
        this.plannedArms = event.arms;
        this.pairing = event.pairing ?? null;
        break;
      case 'ready':
        this.#arm(event.arm).info = event.info;
        // before any live change: a paired run's arms have a spec each, folds share the one
        this.#arm(event.arm).initialRate = (this.runSpecs[event.arm] ?? this.runSpecs[0])?.training.learningRate ?? null;
        this.points = event.points ?? this.points;
        this.samples = event.samples ?? this.samples;
        break;
      case 'folds':
        this.folds = event.summary;
        break;
      case 'fineTune':
        this.fineTuned = { source: event.source, frozen: event.frozen, note: event.note };
        break;
      case 'error':
        this.error = event.message;
        break;
      default:
        if (isArmEvent(event)) this.#arm(event.arm).take(event);
    }
  }

  /** The debug hook's way to crash the worker (state/debug-hooks.ts). */
  crashWorkerForTest(cause: 'error' | 'terminated') { this.#client?.crashForTest(cause); }
  loseDeviceForTest() { this.#client?.loseDeviceForTest(); }

  dispose() {
    this.#client?.dispose();
    this.#client = null;
  }
}
