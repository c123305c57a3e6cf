// The data worker's work: parse and describe datasets for the Data panel. Parsed tables and decoded images are
// kept by name, so changing the target or the split does not read the file again.
import type { OwnImages } from '../data/own-images/build';
import type { Table } from '../data/table/types';
import type { ExperimentSpec } from '../engine/model/spec';
import { DatasetCache, keepOnce } from './dataset-cache';
import type { DataCommand, DataDescription, DataEvent } from './data-protocol';
import { gallery, splitCounts, tableSchema, tableView } from './describe-data';
import { ownImagesData, readOwnImages, readTable, tableData } from './own-datasets';

type Post = (event: DataEvent, transfer?: Transferable[]) => void;

export class DataHandler {
  readonly #post: Post;
  readonly #tables = new Map<string, Promise<Table>>();
  readonly #images = new Map<string, Promise<OwnImages>>();
  /** Built-in sets go through the training worker's own loader, so both count the same examples. */
  readonly #builtIn = new DatasetCache();

  constructor(post: Post) {
    this.#post = post;
  }

  async handle(command: DataCommand) {
    if (command.type === 'forget') return this.#forget(command.name);
    try {
      await this.#run(command);
    } catch (error) {
      this.#post({ type: 'failed', id: command.id, message: error instanceof Error ? error.message : String(error) });
    }
  }

  #forget(name: string) {
    this.#tables.delete(name);
    for (const key of this.#images.keys()) if (key.startsWith(`${name}/`)) this.#images.delete(key);
  }

  async #run(command: Exclude<DataCommand, { type: 'forget' }>) {
    const { id } = command;
    const progress = (what: string) => (done: number, total: number) => this.#post({ type: 'progress', id, done, total, what });
    if (command.type === 'inspectTable') {
      this.#forget(command.name);
      const table = await this.#table(command.name, () => readTable({ kind: 'table', name: command.name } as never, command.datasetsUrl,
        (f) => progress('Reading the table')(Math.round(f * 100), 100)));
      return this.#post({ type: 'inspected', id, schema: tableSchema(table) });
    }
    if (command.type === 'inspectImages') {
      this.#forget(command.name);
      const spec = { kind: 'ownImages', name: command.name, imageSize: 'grey28', title: command.name, rows: 0, classNames: [] } as never;
      const images = await this.#ownImages(spec, progress('Decoding images'));
      return this.#post({ type: 'imagesInspected', id, classNames: images.classNames, count: images.count, failures: images.failures });
    }
    const spec = { dataset: command.dataset, training: { seed: command.seed, validationSplit: command.validationSplit } } as ExperimentSpec;
    const description = await this.#describe(spec, command.datasetsUrl, progress);
    this.#post({ type: 'described', id, description });
  }

  async #describe(spec: ExperimentSpec, datasetsUrl: string, progress: (what: string) => (done: number, total: number) => void): Promise<DataDescription> {
    const d = spec.dataset;
    if (d.kind === 'table') {
      const table = await this.#table(d.name, () => readTable(d, datasetsUrl, (f) => progress('Reading the table')(Math.round(f * 100), 100)));
      const data = tableData(table, d, spec.training.seed);
      const counts = splitCounts(data.dataset, spec, data.dropped.train + data.dropped.test);
      // two chosen inputs: the standardized rows are drawn on the plane the boundary will fill
      const { points } = this.#builtIn.views(data.dataset, 0);
      return { kind: 'table', table: tableView(table, data, d.target), counts, ...(points ? { points } : {}) };
    }
    if (d.kind === 'ownImages') {
      const images = await this.#ownImages(d, progress('Decoding images'));
      const dataset = ownImagesData(images, d, spec.training.seed);
      return { kind: 'images', gallery: gallery(dataset, false), counts: splitCounts(dataset, spec), failures: images.failures };
    }
    const dataset = await this.#builtIn.load(spec, datasetsUrl, progress('Downloading'));
    if (d.kind === 'points') {
      const { points } = this.#builtIn.views(dataset, 0);
      return { kind: 'points', points: points!, counts: splitCounts(dataset, spec) };
    }
    return { kind: 'images', gallery: gallery(dataset, true), counts: splitCounts(dataset, spec), failures: [] };
  }

  #table(name: string, read: () => Promise<Table>): Promise<Table> {
    return keepOnce(this.#tables, name, read);
  }

  #ownImages(d: Parameters<typeof readOwnImages>[0], onProgress: (done: number, total: number) => void): Promise<OwnImages> {
    return keepOnce(this.#images, `${d.name}/${d.imageSize}`, () => readOwnImages(d, onProgress));
  }
}
