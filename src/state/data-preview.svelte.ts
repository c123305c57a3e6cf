// What the Data panel shows of the data before training: asked of the data worker whenever the dataset, the seed
// or the validation split changes (a short pause first, so typing a number does not reread the file each key).
import type { ExperimentSpec } from '../engine/model/spec';
import type { DataClient } from '../worker/data-client';
import type { DataDescription } from '../worker/data-protocol';
import type { Progress } from './own-data.svelte';

const PAUSE_MS = 250;

export class DataPreview {
  description = $state.raw<DataDescription | null>(null);
  progress = $state<Progress | null>(null);
  problem = $state<string | null>(null);
  readonly #client: DataClient;
  readonly #datasetsUrl: string;
  #key = '';
  #latest = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(client: DataClient, datasetsUrl: string) {
    this.#client = client;
    this.#datasetsUrl = datasetsUrl;
  }

  /** Describes `spec`'s data unless it is what was last described; `stored` (the own data kept) changing rereads it. */
  update(spec: ExperimentSpec, stored = '') {
    const { dataset, training } = spec;
    const key = JSON.stringify([dataset, training.seed, training.validationSplit, stored]);
    if (key === this.#key) return;
    this.#key = key;
    if (this.#timer) clearTimeout(this.#timer);
    const request = ++this.#latest;
    const snapshot = structuredClone(dataset);
    this.#timer = setTimeout(() => void this.#describe(request, snapshot, training.seed, training.validationSplit), PAUSE_MS);
  }

  async #describe(request: number, dataset: ExperimentSpec['dataset'], seed: number, validationSplit: number) {
    try {
      const description = await this.#client.describe(dataset, seed, validationSplit, this.#datasetsUrl, (done, total, what) => {
        if (request === this.#latest) this.progress = { what, done, total };
      });
      if (request !== this.#latest) return;
      this.description = description;
      this.problem = null;
    } catch (error) {
      if (request !== this.#latest) return;
      this.description = null;
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      if (request === this.#latest) this.progress = null;
    }
  }
}
