// The façade the app calls: one worker, runs identified by runId, events of replaced runs dropped.
import type { BackendChoice, ExperimentSpec } from '../engine/model/spec';
import type { CheckpointRequest, Command, Event, FineTuneSource } from './protocol';
import type { ExportCommand } from './export-protocol';

/** An export command as the page writes it: the client adds the current run's id. */
export type ExportRequest = ExportCommand extends infer C ? (C extends ExportCommand ? Omit<C, 'runId'> : never) : never;

export type EventListener = (event: Event) => void;

/** Why the worker stopped: it threw and nothing caught it, or it was ended from outside (terminated, out of memory). */
export type CrashCause = 'error' | 'terminated';

export class TrainingClient {
  #worker: Worker | null = null;
  readonly #createWorker: () => Worker;
  readonly #listener: EventListener;
  #runId = 0;
  /** Whether the page shows the network diagram: told again to a worker started after one died. */
  #diagramShown = false;
  /** Called once per dead worker, just before the page is told with a failed phase and an error. */
  onCrash: ((message: string) => void) | null = null;

  constructor(listener: EventListener, createWorker?: () => Worker) {
    this.#listener = listener;
    this.#createWorker = createWorker ?? (() => new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' }));
    this.#start();
  }

  /** A fresh worker: at construction, and on the first command after one died. */
  #start(): Worker {
    const worker = this.#createWorker();
    worker.onmessage = (message: MessageEvent<Event>) => {
      if (message.data.type === 'uncaught') return this.#crashed(worker, `it threw an error nothing caught (${message.data.message})`);
      // Events of a replaced run are dropped; what the browser can do is news whenever it comes.
      if (message.data.runId === this.#runId || message.data.type === 'backends') this.#listener(message.data);
    };
    worker.onerror = (error) => {
      error.preventDefault();
      this.#crashed(worker, `it threw an error nothing caught (${error.message || 'no message'})`);
    };
    worker.onmessageerror = () => this.#crashed(worker, 'a message from it could not be read');
    this.#worker = worker;
    if (this.#diagramShown) worker.postMessage({ type: 'diagram', runId: this.#runId, shown: true } satisfies Command);
    return worker;
  }

  /** The worker is gone: it is ended for good, the run fails, and the next command starts a new worker. */
  #crashed(worker: Worker, why: string) {
    if (this.#worker !== worker) return;
    worker.terminate();
    this.#worker = null;
    const message = `The training worker stopped: ${why}. The run's curves so far are kept; Train or Reset starts a fresh worker.`;
    this.onCrash?.(message); // first, so that whoever keeps the run on its failed phase knows it crashed
    this.#listener({ type: 'phase', runId: this.#runId, phase: 'failed', message });
    this.#listener({ type: 'error', runId: this.#runId, message });
  }

  /**
   * Ends the worker as a crash would (tests and the debug hook): 'error' makes it throw where nothing catches,
   * 'terminated' ends it from here, as the browser does when it runs out of memory.
   */
  crashForTest(cause: CrashCause) {
    const worker = this.#worker;
    if (!worker) return;
    if (cause === 'error') worker.postMessage({ type: 'crash', runId: this.#runId });
    else this.#crashed(worker, 'it was terminated (as the browser does when a tab runs out of memory)');
  }

  /** Starts a fresh run from the spec (also how "reset" works); returns its id. The spec must be plain data. */
  prepare(spec: ExperimentSpec, variant?: ExperimentSpec, checkpoints?: CheckpointRequest): number {
    this.#runId += 1;
    const datasetsUrl = new URL('datasets/', document.baseURI).href;
    this.#send({ type: 'prepare', runId: this.#runId, spec, variant, datasetsUrl, checkpoints });
    return this.#runId;
  }

  /**
   * A run prepared from a checkpoint's bytes (handed over, not copied), on `backend` if given; with
   * `variantCheckpoint`, a paired run (side B's bytes, handed over too). Returns its id.
   */
  resume(checkpoint: Uint8Array, checkpoints?: CheckpointRequest, backend?: BackendChoice, variantCheckpoint?: Uint8Array): number {
    this.#runId += 1;
    const datasetsUrl = new URL('datasets/', document.baseURI).href;
    const transfer = [checkpoint.buffer, ...(variantCheckpoint ? [variantCheckpoint.buffer] : [])];
    this.#send({ type: 'resume', runId: this.#runId, checkpoint, datasetsUrl, checkpoints, backend, variantCheckpoint }, transfer);
    return this.#runId;
  }

  /** A run of `spec` starting from a saved or loaded model's weights, `frozenLayers` held; returns its id. */
  fineTune(spec: ExperimentSpec, source: FineTuneSource, frozenLayers: number[], checkpoints?: CheckpointRequest): number {
    this.#runId += 1;
    const datasetsUrl = new URL('datasets/', document.baseURI).href;
    this.#send({ type: 'fineTune', runId: this.#runId, spec, source, frozenLayers, datasetsUrl, checkpoints });
    return this.#runId;
  }

  /** Loses the worker's GPU device or context on purpose (tests): WebGPU device.destroy(), WEBGL_lose_context. */
  loseDeviceForTest() { this.#worker?.postMessage({ type: 'lose-device', runId: this.#runId }); }

  probe() { this.#send({ type: 'probe', runId: this.#runId }); }
  start() { this.#send({ type: 'start', runId: this.#runId }); }
  pause() { this.#send({ type: 'pause', runId: this.#runId }); }
  step() { this.#send({ type: 'step', runId: this.#runId }); }
  stop() { this.#send({ type: 'stop', runId: this.#runId }); }
  /** A new learning rate for the given arms of the current run, from their next step on. */
  setLearningRate(learningRate: number, arms: number[]) { this.#send({ type: 'learningRate', runId: this.#runId, arms, learningRate }); }
  /** Explain test example `example` (a sample-grid image or a test row) of an ended arm of the current run. */
  explain(arm: number, example: number) { this.#send({ type: 'explain', runId: this.#runId, arm, example }); }
  /** The page shows the network diagram, or no longer does: the worker computes it only while shown. */
  showDiagram(shown: boolean) {
    if (shown === this.#diagramShown) return;
    this.#diagramShown = shown;
    this.#send({ type: 'diagram', runId: this.#runId, shown });
  }
  /** An Export view command about the current run; `transfer` hands buffers over instead of copying them. */
  export(request: ExportRequest, transfer: Transferable[] = []) { this.#send({ ...request, runId: this.#runId } as ExportCommand, transfer); }

  #send(command: Command, transfer: Transferable[] = []) {
    (this.#worker ?? this.#start()).postMessage(command, transfer);
  }

  dispose() {
    this.#worker?.terminate();
    this.#worker = null;
  }
}
