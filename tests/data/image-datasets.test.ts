// The loader against a small in-memory datasets folder, so every failure can be staged without touching disk.
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_DATASETS } from '../../src/data/catalog';
import { encodeDatasetFile } from '../../src/data/dataset-file';
import { sha256Hex, type DatasetManifest, type ManifestSplit } from '../../src/data/dataset-manifest';
import { loadImageDataset } from '../../src/data/image-datasets';

const PIXELS = 784;
const SHAPE = { height: 28, width: 28, channels: 1 };
/** Example i of a split has label i mod 10 and every pixel equal to (i + offset) mod 256, so content shows order. */
const labelOf = (i: number) => i % 10;

let files: Map<string, Uint8Array>;

async function buildSplit(split: 'train' | 'test', shardCounts: number[], offset: number): Promise<ManifestSplit> {
  const shards: ManifestSplit['shards'] = [];
  let first = 0;
  for (const [index, count] of shardCounts.entries()) {
    const labels = Uint8Array.from({ length: count }, (_, i) => labelOf(first + i));
    const images = new Uint8Array(count * PIXELS).map((_, p) => (first + Math.floor(p / PIXELS) + offset) % 256);
    const raw = encodeDatasetFile(images, labels, SHAPE);
    const stored = new Uint8Array(gzipSync(raw, { level: 9 }));
    const file = `mnist/${split}-${index}.tsds`;
    files.set(file, stored);
    shards.push({ file, count, bytes: stored.length, sha256: await sha256Hex(stored), rawBytes: raw.length, rawSha256: await sha256Hex(raw) });
    first += count;
  }
  return { count: first, shards };
}

beforeAll(async () => {
  files = new Map();
  const manifest: DatasetManifest = {
    formatVersion: 1,
    datasets: {
      mnist: {
        title: 'test', source: 'test', license: 'test', url: 'test', order: 'test', shape: [28, 28, 1],
        classNames: IMAGE_DATASETS.mnist.classNames,
        train: await buildSplit('train', [30, 30, 15], 0),
        test: await buildSplit('test', [20], 100),
      },
    },
  };
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
});

/** A fetchBytes over the in-memory folder, with some files replaced, and a log of what was fetched. */
function folder(replace: Record<string, Uint8Array | undefined> = {}) {
  const fetched: string[] = [];
  const fetchBytes = async (path: string) => {
    fetched.push(path);
    const bytes = path in replace ? replace[path] : files.get(path);
    if (!bytes) throw new Error(`ENOENT: no such file ${path}`);
    return bytes;
  };
  return { fetched, fetchBytes };
}

const load = (trainSize: number, testSize: number, replace?: Record<string, Uint8Array | undefined>) =>
  loadImageDataset('mnist', { trainSize, testSize, fetchBytes: folder(replace).fetchBytes });

describe('loadImageDataset', () => {
  it('fetches only the shards a prefix needs and returns that prefix in file order', async () => {
    const { fetched, fetchBytes } = folder();
    const progress: [number, number][] = [];
    const data = await loadImageDataset('mnist', { trainSize: 40, testSize: 5, fetchBytes, onProgress: (a, b) => progress.push([a, b]) });
    expect(fetched.sort()).toEqual(['manifest.json', 'mnist/test-0.tsds', 'mnist/train-0.tsds', 'mnist/train-1.tsds']);
    expect(data.info).toBe(IMAGE_DATASETS.mnist);
    expect([data.train.count, data.train.x.length, data.train.y.length]).toEqual([40, 40 * PIXELS, 40]);
    expect(data.train.x).toBeInstanceOf(Uint8Array);
    expect(data.train.y).toBeInstanceOf(Int32Array);
    expect([...data.train.y]).toEqual(Array.from({ length: 40 }, (_, i) => labelOf(i)));
    expect(data.train.x[39 * PIXELS]).toBe(39);
    expect(data.test.x[4 * PIXELS + 783]).toBe(104);
    const total = files.get('mnist/train-0.tsds')!.length + files.get('mnist/train-1.tsds')!.length + files.get('mnist/test-0.tsds')!.length;
    expect(progress[0]).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);
  });

  it('clamps sizes larger than the files hold, and allows 0', async () => {
    const data = await load(1_000_000, 0);
    expect([data.train.count, data.test.count, data.test.x.length]).toEqual([75, 0, 0]);
    expect(data.train.x[74 * PIXELS]).toBe(74);
  });

  it('accepts a shard that some server already decompressed, checking it against rawSha256', async () => {
    const data = await load(10, 10, { 'mnist/test-0.tsds': new Uint8Array(gunzipSync(files.get('mnist/test-0.tsds')!)) });
    expect(data.test.count).toBe(10);
  });

  it('rejects sizes that are not whole numbers ≥ 0', async () => {
    await expect(load(-1, 0)).rejects.toThrow('trainSize must be a whole number ≥ 0, got -1');
    await expect(load(0, 2.5)).rejects.toThrow('testSize must be a whole number ≥ 0, got 2.5');
  });
});

describe('loadImageDataset failures name the file and the fix', () => {
  it('missing or broken manifest', async () => {
    await expect(load(1, 1, { 'manifest.json': undefined })).rejects.toThrow(
      /Could not read datasets\/manifest\.json \(ENOENT.*\): check the connection, or run `npm run datasets` if the file is missing/);
    await expect(load(1, 1, { 'manifest.json': new TextEncoder().encode('<html>') })).rejects.toThrow(
      /datasets\/manifest\.json is not valid JSON .*run `npm run datasets` to rebuild it/);
    await expect(load(1, 1, { 'manifest.json': new TextEncoder().encode('{"datasets":{}}') })).rejects.toThrow(
      'datasets/manifest.json has no "mnist" dataset: run `npm run datasets`');
    await expect(load(1, 1, { 'manifest.json': new TextEncoder().encode('{"datasets":{"mnist":{"shape":[28,28,1]}}}') })).rejects.toThrow(
      /datasets\/manifest\.json is malformed: "mnist" has no classNames list/);
  });

  it('corrupted, truncated or missing shard', async () => {
    const corrupted = files.get('mnist/train-0.tsds')!.slice();
    corrupted[100] ^= 1;
    await expect(load(5, 5, { 'mnist/train-0.tsds': corrupted })).rejects.toThrow(
      'datasets/mnist/train-0.tsds is corrupted (SHA-256 mismatch): re-download it or run `npm run datasets`');
    const truncated = files.get('mnist/test-0.tsds')!.subarray(0, 50);
    await expect(load(5, 5, { 'mnist/test-0.tsds': truncated })).rejects.toThrow(
      /datasets\/mnist\/test-0\.tsds is truncated \(50 of \d+ bytes\): re-download it or run `npm run datasets`/);
    await expect(load(50, 5, { 'mnist/train-1.tsds': undefined })).rejects.toThrow(/Could not read datasets\/mnist\/train-1\.tsds/);
  });

  it('an HTML page in place of a shard', async () => {
    const page = new TextEncoder().encode('<!doctype html><title>404</title>');
    await expect(load(5, 5, { 'mnist/train-0.tsds': page })).rejects.toThrow(/datasets\/mnist\/train-0\.tsds is not a dataset file .*HTML page/);
  });

  it('a shard from a different build than the manifest', async () => {
    // A valid file whose checksums match a manifest edited to claim another count.
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as DatasetManifest;
    manifest.datasets.mnist!.test.shards[0].count = 19;
    manifest.datasets.mnist!.test.count = 19;
    await expect(load(5, 5, { 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)) })).rejects.toThrow(
      /test-0\.tsds holds 20 images of \[28,28,1\] but datasets\/manifest\.json promises 19 .*different builds; run `npm run datasets`/);
  });
});
