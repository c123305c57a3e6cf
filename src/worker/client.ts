// The façade the app calls: one worker, runs identified by runId, events of replaced runs dropped.
import type { ExperimentSpec } from '../engine/spec';
import type { Command, Event } from './protocol';

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

  #send(command: Command) {
    this.#worker.postMessage(command);
  }

  dispose() {
    this.#worker.terminate();
  }
}
