// The façade the app calls: one worker, runs identified by runId, events of replaced runs dropped.
import type { ExperimentSpec } from '../engine/model/spec';
import type { Command, Event } from './protocol';
import type { ExportCommand } from './export-protocol';

/** An export command as the page writes it: the client adds the current run's id. */
export type ExportRequest = ExportCommand extends infer C ? (C extends ExportCommand ? Omit<C, 'runId'> : never) : never;

export type EventListener = (event: Event) => void;

export class TrainingClient {
  readonly #worker: Worker;
  readonly #listener: EventListener;
  #runId = 0;

  constructor(listener: EventListener, worker?: Worker) {
    this.#listener = listener;
    this.#worker = worker ?? new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = (message: MessageEvent<Event>) => {
      // Events of a replaced run are dropped; what the browser can do is news whenever it comes.
      if (message.data.runId === this.#runId || message.data.type === 'backends') this.#listener(message.data);
    };
    this.#worker.onerror = (error) => {
      this.#listener({ type: 'error', runId: this.#runId, message: `The training worker crashed (${error.message || 'no message'}). Reset to start again.` });
    };
  }

  /** Starts a fresh run from the spec (also how "reset" works); returns its id. The spec must be plain data. */
  prepare(spec: ExperimentSpec, variant?: ExperimentSpec): number {
    this.#runId += 1;
    const datasetsUrl = new URL('datasets/', document.baseURI).href;
    this.#send({ type: 'prepare', runId: this.#runId, spec, variant, datasetsUrl });
    return this.#runId;
  }

  probe() { this.#send({ type: 'probe', runId: this.#runId }); }
  start() { this.#send({ type: 'start', runId: this.#runId }); }
  pause() { this.#send({ type: 'pause', runId: this.#runId }); }
  step() { this.#send({ type: 'step', runId: this.#runId }); }
  stop() { this.#send({ type: 'stop', runId: this.#runId }); }
  /** A new learning rate for the given arms of the current run, from their next step on. */
  setLearningRate(learningRate: number, arms: number[]) { this.#send({ type: 'learningRate', runId: this.#runId, arms, learningRate }); }
  /** An Export view command about the current run; `transfer` hands buffers over instead of copying them. */
  export(request: ExportRequest, transfer: Transferable[] = []) { this.#send({ ...request, runId: this.#runId } as ExportCommand, transfer); }

  #send(command: Command, transfer: Transferable[] = []) {
    this.#worker.postMessage(command, transfer);
  }

  dispose() {
    this.#worker.terminate();
  }
}
