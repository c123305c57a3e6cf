// datasets/manifest.json: which shard files each image dataset has, and how to check them. Written by
// scripts/build-datasets.ts, read by image-datasets.ts before it fetches anything else.
import type { ImageDatasetName } from './catalog';

export const MANIFEST_FILE = 'manifest.json';
const FIX = 'run `npm run datasets` to rebuild it, or re-download the datasets folder';

export interface ManifestShard {
  /** Path relative to the datasets folder, e.g. "fashion-mnist/train-0.tsds". */
  file: string;
  count: number;
  /** Size and SHA-256 (hex) of the file as stored: gzip-compressed. */
  bytes: number;
  sha256: string;
  /** Size and SHA-256 after decompression, to check a copy some server or cache already decompressed. */
  rawBytes: number;
  rawSha256: string;
}

export interface ManifestSplit {
  /** Examples in all shards together; shards are listed in order and a prefix of them is a prefix of the split. */
  count: number;
  shards: ManifestShard[];
}

export interface ManifestDataset {
  title: string;
  /** Where the bytes came from: package name and version. */
  source: string;
  license: string;
  url: string;
  classNames: string[];
  /** [height, width, channels] */
  shape: number[];
  /** How the examples are ordered in the files (and the seed, where a shuffle was applied). */
  order: string;
  shuffleSeed?: number;
  train: ManifestSplit;
  test: ManifestSplit;
}

export interface DatasetManifest {
  formatVersion: number;
  datasets: Partial<Record<ImageDatasetName, ManifestDataset>>;
}

/** Parses manifest.json and checks the parts the loader relies on, so a damaged manifest fails here, by name. */
export function parseManifest(bytes: Uint8Array, fileName: string): DatasetManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${fileName} is not valid JSON (${reason}): ${FIX}`, { cause: error });
  }
  const manifest = json as DatasetManifest;
  if (!isObject(json) || !isObject(manifest.datasets)) {
    throw new Error(`${fileName} has no "datasets" object: ${FIX}`);
  }
  for (const [name, entry] of Object.entries(manifest.datasets)) {
    const problem = entryProblem(entry);
    if (problem) throw new Error(`${fileName} is malformed: "${name}" ${problem}: ${FIX}`);
  }
  return manifest;
}

function entryProblem(entry: unknown): string | undefined {
  if (!isObject(entry)) return 'is not an object';
  const dataset = entry as unknown as ManifestDataset;
  if (!Array.isArray(dataset.shape) || dataset.shape.length !== 3) return 'has no [height, width, channels] shape';
  if (!Array.isArray(dataset.classNames)) return 'has no classNames list';
  for (const split of ['train', 'test'] as const) {
    const s = dataset[split];
    if (!isObject(s) || !Number.isInteger(s.count) || !Array.isArray(s.shards)) return `has no valid "${split}" split`;
    const bad = s.shards.findIndex((shard) => !isObject(shard) || typeof shard.file !== 'string'
      || !Number.isInteger(shard.count) || !Number.isInteger(shard.bytes) || typeof shard.sha256 !== 'string'
      || !Number.isInteger(shard.rawBytes) || typeof shard.rawSha256 !== 'string');
    if (bad >= 0) return `${split} shard ${bad} lacks file, count, bytes, sha256, rawBytes or rawSha256`;
    if (s.shards.reduce((sum, shard) => sum + shard.count, 0) !== s.count) return `${split} shard counts do not add up to ${s.count}`;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** SHA-256 of the bytes as lowercase hex, via Web Crypto (present in browsers, workers and Node ≥ 19). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
