// The training session the page shows: phase, backend, curves, views and evaluation of the current run.
// It talks to the worker only through TrainingClient and keeps nothing but plain data.
import type { BackendReport, BackendStatus } from '../engine/backend';
import type { ExperimentSpec } from '../engine/spec';
import { TrainingClient } from '../worker/client';
import type { Evaluation, Event, PointsView, RunInfo, RunPhase, SampleImages } from '../worker/protocol';
import { Curves } from './curves.svelte';

export type SessionPhase = RunPhase | 'idle';

export class TrainingSession {
  phase = $state<SessionPhase>('idle');
  /** What the worker is doing, or why it stopped. */
  message = $state('');
  error = $state<string | null>(null);
  backend = $state.raw<BackendReport | null>(null);
  /** What each backend would run on in this browser, probed once at start-up. */
  backends = $state.raw<BackendStatus[]>([]);
  info = $state.raw<RunInfo | null>(null);
  loading = $state.raw<{ loadedBytes: number; totalBytes: number } | null>(null);
  examplesPerSecond = $state(0);
  epoch = $state(0);
  step = $state(0);
  readonly curves = new Curves();
  points = $state.raw<PointsView | null>(null);
  samples = $state.raw<SampleImages | null>(null);
  boundary = $state.raw<{ values: Float32Array; resolution: number; extent: number } | null>(null);
  predictions = $state.raw<{ predicted: Int32Array; confidence: Float32Array } | null>(null);
  evaluation = $state.raw<Evaluation | null>(null);
  /** The spec of the current run, as it was when the run was prepared. */
  runSpec = $state.raw<ExperimentSpec | null>(null);

  #client: TrainingClient | null = null;
  readonly #createClient: (listener: (e: Event) => void) => TrainingClient;

  constructor(createClient = (listener: (e: Event) => void) => new TrainingClient(listener)) {
    this.#createClient = createClient;
  }

  get busy() {
    return this.phase === 'preparing' || this.phase === 'running';
  }

  get #worker(): TrainingClient {
    this.#client ??= this.#createClient((event) => this.#receive(event));
    return this.#client;
  }

  /** A fresh run at step 0 from the spec (the same seed gives the same initial weights). */
  prepare(spec: ExperimentSpec) {
    this.#clear();
    this.runSpec = structuredClone($state.snapshot(spec)) as ExperimentSpec;
    this.phase = 'preparing';
    this.#worker.prepare(this.runSpec);
  }

  /** Trains: resumes a paused run, or prepares a new one when the spec changed or the last run ended. */
  train(spec: ExperimentSpec) {
    if (!this.#resumable(spec)) this.prepare(spec);
    this.#worker.start();
  }

  stepOnce(spec: ExperimentSpec) {
    if (!this.#resumable(spec)) this.prepare(spec);
    this.#worker.step();
  }

  /** Asks the worker which backends this browser offers, so the page can say before any run. */
  probe() { this.#worker.probe(); }
  pause() { this.#client?.pause(); }
  stop() { this.#client?.stop(); }
  reset(spec: ExperimentSpec) { this.prepare(spec); }

  #resumable(spec: ExperimentSpec): boolean {
    const same = this.runSpec !== null && JSON.stringify(this.runSpec) === JSON.stringify($state.snapshot(spec));
    return same && (this.phase === 'ready' || this.phase === 'paused' || this.phase === 'preparing');
  }

  #clear() {
    this.error = null;
    this.message = '';
    this.info = null;
    this.loading = null;
    this.examplesPerSecond = 0;
    this.epoch = 0;
    this.step = 0;
    this.curves.clear();
    this.points = null;
    this.samples = null;
    this.boundary = null;
    this.predictions = null;
    this.evaluation = null;
  }

  #receive(event: Event) {
    switch (event.type) {
      case 'phase':
        this.phase = event.phase;
        this.message = event.message ?? '';
        break;
      case 'loading':
        this.loading = { loadedBytes: event.loadedBytes, totalBytes: event.totalBytes };
        break;
      case 'backend':
        this.backend = event.report;
        this.backends = event.report.statuses;
        break;
      case 'backends':
        this.backends = event.statuses;
        break;
      case 'ready':
        this.info = event.info;
        this.points = event.points ?? null;
        this.samples = event.samples ?? null;
        break;
      case 'batches':
        this.epoch = event.report.epoch;
        this.step = event.report.step;
        this.examplesPerSecond = event.report.examplesPerSecond;
        this.curves.addTraining(event.report);
        break;
      case 'epoch':
        this.curves.addValidation(event.report);
        break;
      case 'boundary':
        this.boundary = { values: event.values, resolution: event.resolution, extent: event.extent };
        break;
      case 'predictions':
        this.predictions = { predicted: event.predicted, confidence: event.confidence };
        break;
      case 'evaluation':
        this.evaluation = event.evaluation;
        break;
      case 'error':
        this.error = event.message;
        break;
    }
  }

  dispose() {
    this.#client?.dispose();
    this.#client = null;
  }
}
