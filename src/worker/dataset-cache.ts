// Datasets for the worker: 2D sets generated from the spec, image sets fetched from the datasets folder once
// and kept, so "reset" or a second run on the same data does not download again.
import { hasPlane, takeFirst, type Dataset } from '../data/dataset';
import { loadImageDataset } from '../data/image-datasets';
import type { OwnImages } from '../data/own-images/build';
import { generatePoints } from '../data/points';
import { featureNames } from '../data/table/preprocess';
import type { Table } from '../data/table/types';
import type { ExperimentSpec } from '../engine/model/spec';
import { ownImagesData, readOwnImages, readTable, tableData } from './own-datasets';
import type { PointsView, SampleImages } from './protocol';

export class DatasetCache {
  /** Per image dataset, the largest load so far and the sizes asked for it; smaller asks take its prefix. */
  readonly #images = new Map<string, { trainSize: number; testSize: number; dataset: Promise<Dataset> }>();
  /** Parsed tables and decoded own images, by name (and image size): parsing again for every run is slow. */
  readonly #tables = new Map<string, Promise<Table>>();
  readonly #ownImages = new Map<string, Promise<OwnImages>>();

  async load(spec: ExperimentSpec, datasetsUrl: string, onProgress: (loaded: number, total: number) => void): Promise<Dataset> {
    const d = spec.dataset;
    if (d.kind === 'points') {
      return generatePoints({ name: d.name, numPoints: d.numPoints, noise: d.noise, trainRatio: d.trainRatio, seed: spec.training.seed });
    }
    if (d.kind === 'table') {
      const table = keepOnce(this.#tables, d.name, () => readTable(d, datasetsUrl, (f) => onProgress(Math.round(f * 100), 100)));
      const loaded = tableData(await table, d, spec.training.seed);
      return { ...loaded.dataset, featureNames: featureNames(loaded.preprocessing) };
    }
    if (d.kind === 'ownImages') {
      const images = keepOnce(this.#ownImages, `${d.name}/${d.imageSize}`, () => readOwnImages(d, onProgress));
      return ownImagesData(await images, d, spec.training.seed);
    }
    let cached = this.#images.get(d.name);
    if (!cached || cached.trainSize < d.trainSize || cached.testSize < d.testSize) {
      const sizes = { trainSize: Math.max(d.trainSize, cached?.trainSize ?? 0), testSize: Math.max(d.testSize, cached?.testSize ?? 0) };
      const dataset = loadImageDataset(d.name, { ...sizes, onProgress, fetchBytes: (path) => fetchBytes(new URL(path, datasetsUrl).href) });
      cached = { ...sizes, dataset };
      this.#images.set(d.name, cached);
      dataset.catch(() => this.#images.delete(d.name)); // a failed download is retried next time
    }
    const full = await cached.dataset;
    const size = full.info.inputShape.reduce((a, b) => a * b, 1);
    return { info: full.info, train: takeFirst(full.train, d.trainSize, size), test: takeFirst(full.test, d.testSize, size) };
  }

  /** What the page needs to draw the data: every point of a 2D set, or the first few test images. */
  views(dataset: Dataset, sampleCount: number): { points?: PointsView; samples?: SampleImages } {
    const { info, train, test } = dataset;
    if (hasPlane(dataset)) {
      return { points: { trainX: Float32Array.from(train.x), trainY: Float32Array.from(train.y), testX: Float32Array.from(test.x), testY: Float32Array.from(test.y) } };
    }
    if (info.inputShape.length === 1) return {};
    const [height, width, channels] = info.inputShape;
    const count = Math.min(sampleCount, test.count);
    const pixels = Uint8Array.from(test.x.subarray(0, count * width * height * channels));
    return { samples: { pixels, labels: Int32Array.from(test.y.subarray(0, count)), count, width, height, channels, invert: channels === 1 && !info.name.startsWith('own-') } };
  }
}

/** The promise kept under `key`, started by `start` when there is none; a failure is not kept. */
export function keepOnce<T>(map: Map<string, Promise<T>>, key: string, start: () => Promise<T>): Promise<T> {
  let promise = map.get(key);
  if (!promise) {
    promise = start();
    map.set(key, promise);
    promise.catch(() => map.delete(key));
  }
  return promise;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`Could not fetch ${url} (${e instanceof Error ? e.message : e}). Check the connection to the page's server.`);
  }
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}: the datasets folder is missing from the server, or incomplete.`);
  return new Uint8Array(await response.arrayBuffer());
}
