// The page's façade to the data worker: each request a Promise, progress through a callback.
import type { DatasetSpec } from '../engine/model/spec';
import type { ImageFailure } from '../data/own-images/types';
import type { DataCommand, DataDescription, DataEvent, TableSchema } from './data-protocol';

type Progress = (done: number, total: number, what: string) => void;
type Pending = { resolve: (event: DataEvent) => void; reject: (error: Error) => void; progress?: Progress };

export class DataClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(createWorker = () => new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module' })) {
    this.#worker = createWorker();
    this.#worker.onmessage = (message: MessageEvent<DataEvent>) => {
      const event = message.data;
      const pending = this.#pending.get(event.id);
      if (!pending) return;
      if (event.type === 'progress') return pending.progress?.(event.done, event.total, event.what);
      this.#pending.delete(event.id);
      if (event.type === 'failed') pending.reject(new Error(event.message));
      else pending.resolve(event);
    };
    this.#worker.onerror = (error) => {
      error.preventDefault();
      for (const p of this.#pending.values()) p.reject(new Error(`The data worker stopped (${error.message || 'no message'}): reload the page.`));
      this.#pending.clear();
    };
  }

  #ask<T extends DataEvent>(command: DataCommand & { id: number }, progress?: Progress): Promise<T> {
    return new Promise((resolve, reject) => {
      this.#pending.set(command.id, { resolve: resolve as (e: DataEvent) => void, reject, progress });
      this.#worker.postMessage(command);
    });
  }

  async describe(dataset: DatasetSpec, seed: number, validationSplit: number, datasetsUrl: string, progress?: Progress): Promise<DataDescription> {
    const event = await this.#ask<Extract<DataEvent, { type: 'described' }>>({ type: 'describe', id: this.#nextId++, dataset, seed, validationSplit, datasetsUrl }, progress);
    return event.description;
  }

  async inspectTable(name: string, datasetsUrl: string, progress?: Progress): Promise<TableSchema> {
    const event = await this.#ask<Extract<DataEvent, { type: 'inspected' }>>({ type: 'inspectTable', id: this.#nextId++, name, datasetsUrl }, progress);
    return event.schema;
  }

  async inspectImages(name: string, progress?: Progress): Promise<{ classNames: string[]; count: number; failures: ImageFailure[] }> {
    const event = await this.#ask<Extract<DataEvent, { type: 'imagesInspected' }>>({ type: 'inspectImages', id: this.#nextId++, name }, progress);
    return event;
  }

  forget(name: string) {
    this.#worker.postMessage({ type: 'forget', name } satisfies DataCommand);
  }
}
