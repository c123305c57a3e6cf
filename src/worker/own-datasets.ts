// Tables (bundled or own) and own image sets as the engine's Dataset: read the file, split its rows by the seed,
// fit the preprocessing on the training rows only, encode both splits. Shared by the training worker and the
// data worker, so a preview counts exactly what a run trains on.
import { BUNDLED_TABLES, isBundledTable, OWN_IMAGE_SHAPES } from '../data/catalog';
import type { Dataset, Split } from '../data/dataset';
import { buildOwnImages, type OwnImages } from '../data/own-images/build';
import type { ImageSize } from '../data/own-images/types';
import { getOwnData, missingDataMessage } from '../data/own-store';
import { Random, permutation } from '../data/random';
import { parseTable } from '../data/table/parse-table';
import { encodeRows, featureNames, fitPreprocessing, type Preprocessing } from '../data/table/preprocess';
import type { Table } from '../data/table/types';
import type { OwnImagesDatasetSpec, TableDatasetSpec } from '../engine/model/spec';

/** Where a dataset's data is not on this machine: what to load, in the person's words. */
export class MissingData extends Error {}


/** Reads a table's file: a bundled one from the datasets folder, an own one from IndexedDB. */
export async function readTable(d: TableDatasetSpec, datasetsUrl: string, onProgress?: (fraction: number) => void): Promise<Table> {
  if (isBundledTable(d.name)) {
    const url = new URL(BUNDLED_TABLES[d.name].file, datasetsUrl).href;
    const response = await fetch(url).catch((e) => { throw new Error(`Could not fetch ${url} (${e}): check the connection to the page's server.`); });
    if (!response.ok) throw new Error(`${url} answered ${response.status}: the datasets folder is missing from the server; run \`npm run datasets\`.`);
    return parseTable(await response.blob(), `${d.name}.csv`, { onProgress });
  }
  const own = await getOwnData(d.name);
  if (!own) throw new MissingData(missingDataMessage(d));
  if (own.kind !== 'table') throw new Error(`${own.title} is an image set, not a table: pick it as images.`);
  return parseTable(own.file, own.title, { onProgress });
}

/** The seeded split of `count` rows: the first share of a permutation trains, the rest tests. */
export function splitRows(count: number, trainRatio: number, seed: number): { train: Int32Array; test: Int32Array } {
  const order = permutation(count, new Random(seed ^ 0x7ab1e));
  const trainCount = Math.round(count * trainRatio);
  return { train: order.slice(0, trainCount), test: order.slice(trainCount) };
}

export interface TableData {
  dataset: Dataset;
  preprocessing: Preprocessing;
  /** Rows of the file in each split, before rows with a missing value were dropped. */
  rows: { train: Int32Array; test: Int32Array };
  dropped: { train: number; test: number };
}

/** The table as the experiment reads it; an error when the file no longer gives the spec's inputs or classes. */
export function tableData(table: Table, d: TableDatasetSpec, seed: number): TableData {
  const rows = splitRows(table.rowCount, d.trainRatio, seed);
  const choice = { target: d.target, features: d.features, task: d.task, missing: d.missing, clipOutliers: d.clipOutliers };
  const preprocessing = fitPreprocessing(table, choice, rows.train);
  if (preprocessing.inputSize !== d.inputSize || preprocessing.classNames.join('\n') !== d.classNames.join('\n')) {
    throw new Error(`${table.fileName} now gives ${preprocessing.inputSize} inputs and classes [${preprocessing.classNames.join(', ')}], ` +
      `but the experiment was made for ${d.inputSize} inputs and [${d.classNames.join(', ')}]: the file differs from the one it was made with. ` +
      'Choose the target and feature columns again in the Data panel.');
  }
  const train = encodeRows(preprocessing, table, rows.train);
  const test = encodeRows(preprocessing, table, rows.test);
  const info = {
    name: d.name, title: d.title, description: '', task: d.task, inputShape: [d.inputSize], classNames: d.classNames,
  };
  const split = (s: typeof train): Split => ({ x: s.x, y: s.y, count: s.count });
  const pipeline = { kind: 'table' as const, table: preprocessing, featureNames: featureNames(preprocessing) };
  const dataset = { info, train: split(train), test: split(test), preprocessing: pipeline };
  return { dataset, preprocessing, rows, dropped: { train: train.dropped, test: test.dropped } };
}

export function imageSizeOf(d: OwnImagesDatasetSpec): ImageSize {
  const [height, width, channels] = OWN_IMAGE_SHAPES[d.imageSize];
  return { height, width, channels: channels as 1 | 3 };
}

/** Decodes an own image set at the spec's size (failures counted, not fatal). */
export async function readOwnImages(d: OwnImagesDatasetSpec, onProgress?: (done: number, total: number) => void): Promise<OwnImages> {
  const own = await getOwnData(d.name);
  if (!own) throw new MissingData(missingDataMessage(d));
  if (own.kind !== 'images') throw new Error(`${own.title} is a table, not an image set: pick it as a table.`);
  return buildOwnImages(own.images, own.classNames, imageSizeOf(d), onProgress);
}

/** The decoded images split by the seed into the engine's Dataset. */
export function ownImagesData(images: OwnImages, d: OwnImagesDatasetSpec, seed: number): Dataset {
  if (images.classNames.join('\n') !== d.classNames.join('\n')) {
    throw new Error(`${d.title} now has the classes [${images.classNames.join(', ')}], but the experiment was made for [${d.classNames.join(', ')}]: pick the image set again in the Data panel.`);
  }
  const { train, test } = splitRows(images.count, d.trainRatio, seed);
  const size = images.size.height * images.size.width * images.size.channels;
  const take = (rows: Int32Array): Split => {
    const x = new Uint8Array(rows.length * size);
    const y = new Int32Array(rows.length);
    rows.forEach((row, i) => {
      x.set(images.x.subarray(row * size, (row + 1) * size), i * size);
      y[i] = images.y[row];
    });
    return { x, y, count: rows.length };
  };
  const info = {
    name: d.name, title: d.title, description: '', task: 'classification' as const,
    inputShape: OWN_IMAGE_SHAPES[d.imageSize], classNames: d.classNames,
  };
  const { height, width, channels } = images.size;
  return { info, train: take(train), test: take(test), preprocessing: { kind: 'images', height, width, channels, crop: 'centre', classNames: d.classNames } };
}
