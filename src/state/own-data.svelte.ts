// The person's own datasets: bringing a table, an image folder, a zip, webcam frames or drawn points in (kept
// in IndexedDB on this machine), listing and deleting them, and the column schema of each table. A file that
// cannot be used is refused with its message, and whatever dataset was open stays open.
import { isBundledTable } from '../data/catalog';
import { groupByClass } from '../data/own-images/class-folders';
import { readImageZip } from '../data/own-images/read-zip';
import type { ImageFailure, ImageFile, LabelledFile } from '../data/own-images/types';
import { deleteOwnData, getOwnData, listOwnData, newOwnName, putOwnData, type OwnDataEntry } from '../data/own-store';
import { TECHNIQUE_DEFAULTS, type OwnImagesDatasetSpec, type TableDatasetSpec } from '../engine/model/spec';
import type { DataClient } from '../worker/data-client';
import type { TableSchema } from '../worker/data-protocol';
import { defaultChoice, tableSpec, type TableChoice } from './table-choice';

/** Files larger than this are refused before reading: the browser would run out of memory parsing them. */
export const MAX_TABLE_BYTES = 300 * 1024 ** 2;
export const MAX_IMAGE_FILES = 20_000;

export interface Progress {
  what: string;
  done: number;
  total: number;
}

export class OwnDataLibrary {
  entries = $state<OwnDataEntry[]>([]);
  /** Whether the list has been read once (until then nothing is known to be missing). */
  listed = $state(false);
  progress = $state<Progress | null>(null);
  /** The last refusal, in words; cleared by the next success. */
  problem = $state<string | null>(null);
  /** Files of the last image load that were left out, with why. */
  skipped = $state<ImageFailure[]>([]);
  /** Why own data cannot be kept here, when it cannot. */
  unavailable = $state<string | null>(null);
  readonly #client: DataClient;
  readonly #datasetsUrl: string;
  readonly #schemas = new Map<string, Promise<TableSchema>>();

  constructor(client: DataClient, datasetsUrl: string) {
    this.#client = client;
    this.#datasetsUrl = datasetsUrl;
  }

  async refresh() {
    try {
      this.entries = await listOwnData();
      this.unavailable = null;
    } catch (error) {
      this.unavailable = error instanceof Error ? error.message : String(error);
    } finally {
      this.listed = true;
    }
  }

  has(name: string): boolean {
    return isBundledTable(name) || this.entries.some((e) => e.name === name);
  }

  /** A table's columns (bundled or own), parsed once in the data worker. */
  schemaOf(name: string): Promise<TableSchema> {
    let schema = this.#schemas.get(name);
    if (!schema) {
      schema = this.#client.inspectTable(name, this.#datasetsUrl, this.#onProgress('Reading the table'));
      this.#schemas.set(name, schema);
      schema.catch(() => this.#schemas.delete(name)).finally(() => (this.progress = null));
    }
    return schema;
  }

  #onProgress = (what: string) => (done: number, total: number) => {
    this.progress = { what, done, total };
  };

  /**
   * Keeps a CSV/TSV file and reads its columns; the spec of a first choice of target and features, or null with
   * `problem` set. `name` stores it under a given name (loading the data a link asks for).
   */
  async addTable(file: File, name = newOwnName(), choose: (schema: TableSchema) => TableChoice = defaultChoice): Promise<TableDatasetSpec | null> {
    if (file.size > MAX_TABLE_BYTES) {
      return this.#refuse(`${file.name} is ${(file.size / 1024 ** 2).toFixed(0)} MB; the sandbox reads tables up to ${MAX_TABLE_BYTES / 1024 ** 2} MB in the browser. Take a sample of its rows and load that.`);
    }
    return this.#attempt(name, async () => {
      await putOwnData({ kind: 'table', name, title: file.name, bytes: file.size, createdAt: Date.now(), file });
      this.#client.forget(name);
      this.#schemas.delete(name);
      const schema = await this.schemaOf(name);
      return tableSpec(name, schema, choose(schema));
    });
  }

  /** Images picked as a folder (each file keeps its relative path) or dropped: classes from the folder names. */
  async addImageFiles(files: File[], title: string, name = newOwnName()): Promise<OwnImagesDatasetSpec | null> {
    if (files.length > MAX_IMAGE_FILES) return this.#refuse(`${title} holds ${files.length.toLocaleString('en')} files; the sandbox takes up to ${MAX_IMAGE_FILES.toLocaleString('en')}. Pick fewer images per class.`);
    return this.#attempt(name, async () => {
      const read: ImageFile[] = await Promise.all(files.map(async (f) => ({
        path: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name, bytes: new Uint8Array(await f.arrayBuffer()),
      })));
      return this.#storeImages(read, title, name);
    });
  }

  async addImageZip(file: File, name = newOwnName()): Promise<OwnImagesDatasetSpec | null> {
    return this.#attempt(name, async () => {
      this.progress = { what: `Unpacking ${file.name}`, done: 0, total: 1 };
      const files = await readImageZip(new Uint8Array(await file.arrayBuffer()), file.name);
      return this.#storeImages(files, file.name, name);
    });
  }

  /**
   * Points drawn on the plane, kept as a small table (x, y, class) so they train, split and preview as any table
   * does. Coordinates are in [-1, 1].
   */
  async addDrawnPoints(points: { x: number; y: number; label: string }[], name = newOwnName()): Promise<TableDatasetSpec | null> {
    const csv = ['x,y,class', ...points.map((p) => `${p.x.toFixed(4)},${p.y.toFixed(4)},${p.label}`)].join('\n');
    const file = new File([csv], 'drawn points.csv', { type: 'text/csv' });
    return this.addTable(file, name, () => ({ target: 'class', features: ['x', 'y'], task: 'classification' }));
  }

  /** Frames recorded per class (webcam), already labelled. */
  async addLabelledImages(classNames: string[], files: LabelledFile[], title: string, name = newOwnName()): Promise<OwnImagesDatasetSpec | null> {
    return this.#attempt(name, () => this.#keepImages(classNames, files, [], title, name));
  }

  /** Image files dropped or picked onto a class of an own image set: added to it, the set read again. */
  async addToClass(d: OwnImagesDatasetSpec, className: string, files: File[]): Promise<OwnImagesDatasetSpec | null> {
    if (!files.length) return null;
    const own = await getOwnData(d.name).catch(() => undefined);
    if (own?.kind !== 'images') return this.#refuse(`${d.title} is not in this browser any more: load it again.`);
    const previous = own;
    try {
      this.problem = null;
      this.progress = { what: `Adding ${files.length} images to ${className}`, done: 0, total: files.length };
      const added = await Promise.all(files.map(async (f) => ({ className, name: `${className}/${f.name}`, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const images = [...own.images, ...added];
      const bytes = images.reduce((n, f) => n + f.bytes.byteLength, 0);
      await putOwnData({ ...own, images, bytes });
      this.#client.forget(d.name);
      const inspected = await this.#client.inspectImages(d.name, this.#onProgress('Decoding images'));
      this.skipped = inspected.failures;
      await this.refresh();
      return { ...d, rows: inspected.count };
    } catch (error) {
      // what was kept before stays: the added files are taken back out
      await putOwnData(previous).catch(() => undefined);
      this.#client.forget(d.name);
      return this.#refuse(error instanceof Error ? error.message : String(error));
    } finally {
      this.progress = null;
    }
  }

  async #storeImages(files: ImageFile[], title: string, name: string): Promise<OwnImagesDatasetSpec> {
    const { classNames, files: labelled, skipped } = groupByClass(files);
    return this.#keepImages(classNames, labelled, skipped, title, name);
  }

  async #keepImages(classNames: string[], images: LabelledFile[], skipped: ImageFailure[], title: string, name: string): Promise<OwnImagesDatasetSpec> {
    const bytes = images.reduce((n, f) => n + f.bytes.byteLength, 0);
    await putOwnData({ kind: 'images', name, title, bytes, createdAt: Date.now(), classNames, images });
    this.#client.forget(name);
    const inspected = await this.#client.inspectImages(name, this.#onProgress('Decoding images'));
    this.skipped = [...skipped, ...inspected.failures];
    return {
      kind: 'ownImages', name, title, rows: inspected.count, classNames, imageSize: 'grey28', trainRatio: 0.8,
      imbalance: { ...TECHNIQUE_DEFAULTS.imbalance }, augmentation: { ...TECHNIQUE_DEFAULTS.augmentation },
    };
  }

  /** Runs an import; on failure removes what it stored, keeps the message, and returns null. */
  async #attempt<T>(name: string, work: () => Promise<T>): Promise<T | null> {
    const existed = (await getOwnData(name).catch(() => undefined)) !== undefined;
    this.problem = null;
    this.skipped = [];
    try {
      const result = await work();
      await this.refresh();
      return result;
    } catch (error) {
      if (!existed) await deleteOwnData(name).catch(() => undefined);
      this.#client.forget(name);
      this.#schemas.delete(name);
      return this.#refuse(error instanceof Error ? error.message : String(error));
    } finally {
      this.progress = null;
    }
  }

  #refuse(message: string): null {
    this.problem = `${message} The dataset you had open is unchanged.`;
    return null;
  }

  async remove(name: string) {
    try {
      await deleteOwnData(name);
      this.#client.forget(name);
      this.#schemas.delete(name);
      await this.refresh();
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }
}
