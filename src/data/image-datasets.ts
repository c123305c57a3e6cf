// Loads MNIST or Fashion-MNIST from the datasets folder: reads the manifest, fetches only the shards that the
// requested prefix sizes need, checks each against the manifest's SHA-256, decodes, and returns typed arrays.
import { IMAGE_DATASETS, type ImageDatasetName } from './catalog';
import type { Dataset, Split } from './dataset';
import { decodeDatasetFile, isGzip, isRawDatasetFile } from './dataset-file';
import { MANIFEST_FILE, parseManifest, sha256Hex, type ManifestDataset, type ManifestShard, type ManifestSplit } from './dataset-manifest';

export interface LoadImageDatasetOptions {
  /** Examples wanted from each split; more than the files hold is clamped to what they hold. */
  trainSize: number;
  testSize: number;
  /** Reads a file given its path relative to the datasets folder ("manifest.json", "mnist/train-0.tsds"). */
  fetchBytes: (path: string) => Promise<Uint8Array>;
  /** Called with bytes fetched so far and bytes this load will fetch in all, after the manifest and each shard. */
  onProgress?: (loadedBytes: number, totalBytes: number) => void;
}

/** How the datasets folder is named in messages, so a person knows which file to look at. */
const FOLDER = 'datasets';
const FIX = 're-download it or run `npm run datasets`';

export async function loadImageDataset(name: ImageDatasetName, opts: LoadImageDatasetOptions): Promise<Dataset> {
  const info = IMAGE_DATASETS[name];
  if (!info) throw new Error(`"${name}" is not an image dataset: choose one of ${Object.keys(IMAGE_DATASETS).join(', ')}`);
  checkSize('trainSize', opts.trainSize);
  checkSize('testSize', opts.testSize);

  const manifestName = `${FOLDER}/${MANIFEST_FILE}`;
  const manifest = parseManifest(await fetchOrExplain(opts.fetchBytes, MANIFEST_FILE), manifestName);
  const entry = manifest.datasets[name];
  if (!entry) throw new Error(`${manifestName} has no "${name}" dataset: run \`npm run datasets\` to rebuild the datasets folder`);
  if (entry.shape.join() !== info.inputShape.join()) {
    throw new Error(`${manifestName} says ${name} images are [${entry.shape}] but this app expects [${info.inputShape}]: run \`npm run datasets\``);
  }

  const trainShards = shardsFor(entry.train, opts.trainSize);
  const testShards = shardsFor(entry.test, opts.testSize);
  const totalBytes = [...trainShards, ...testShards].reduce((sum, shard) => sum + shard.bytes, 0);
  let loadedBytes = 0;
  opts.onProgress?.(0, totalBytes);
  const progress = (shard: ManifestShard) => {
    loadedBytes += shard.bytes;
    opts.onProgress?.(loadedBytes, totalBytes);
  };
  const [train, test] = await Promise.all([
    loadSplit(entry, trainShards, Math.min(opts.trainSize, entry.train.count), opts.fetchBytes, progress),
    loadSplit(entry, testShards, Math.min(opts.testSize, entry.test.count), opts.fetchBytes, progress),
  ]);
  return { info, train, test };
}

function checkSize(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${field} must be a whole number ≥ 0, got ${value}`);
}

/** The leading shards that hold the first `wanted` examples of the split. */
function shardsFor(split: ManifestSplit, wanted: number): ManifestShard[] {
  const needed: ManifestShard[] = [];
  let covered = 0;
  for (const shard of split.shards) {
    if (covered >= wanted) break;
    needed.push(shard);
    covered += shard.count;
  }
  return needed;
}

/** Fetches, checks and decodes the shards in parallel, then copies the first `count` examples into one split. */
async function loadSplit(
  entry: ManifestDataset,
  shards: ManifestShard[],
  count: number,
  fetchBytes: LoadImageDatasetOptions['fetchBytes'],
  progress: (shard: ManifestShard) => void,
): Promise<Split> {
  const [height, width, channels] = entry.shape;
  const exampleSize = height * width * channels;
  const x = new Uint8Array(count * exampleSize);
  const y = new Int32Array(count);
  const decoded = await Promise.all(shards.map(async (shard) => {
    const bytes = await fetchOrExplain(fetchBytes, shard.file);
    progress(shard);
    await verify(bytes, shard);
    return decodeShard(bytes, shard, entry);
  }));
  let filled = 0;
  for (const file of decoded) {
    const take = Math.min(file.count, count - filled);
    x.set(file.images.subarray(0, take * exampleSize), filled * exampleSize);
    for (let i = 0; i < take; i++) y[filled + i] = file.labels[i];
    filled += take;
  }
  return { x, y, count };
}

async function fetchOrExplain(fetchBytes: LoadImageDatasetOptions['fetchBytes'], path: string): Promise<Uint8Array> {
  try {
    return await fetchBytes(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not read ${FOLDER}/${path} (${reason}): check the connection, or run \`npm run datasets\` if the file is missing`, { cause: error });
  }
}

/** Compares size and SHA-256 with the manifest: against the stored (gzip) file, or its decompressed content. */
async function verify(bytes: Uint8Array, shard: ManifestShard): Promise<void> {
  const path = `${FOLDER}/${shard.file}`;
  const compressed = isGzip(bytes);
  // Neither layout: the decoder's message says what arrived instead (an HTML error page, say).
  if (!compressed && !isRawDatasetFile(bytes)) return;
  const [size, hash] = compressed ? [shard.bytes, shard.sha256] : [shard.rawBytes, shard.rawSha256];
  if (bytes.length < size) throw new Error(`${path} is truncated (${bytes.length} of ${size} bytes): ${FIX}`);
  if (bytes.length > size) throw new Error(`${path} is corrupted (${bytes.length} bytes, expected ${size}): ${FIX}`);
  if ((await sha256Hex(bytes)) !== hash) throw new Error(`${path} is corrupted (SHA-256 mismatch): ${FIX}`);
}

async function decodeShard(bytes: Uint8Array, shard: ManifestShard, entry: ManifestDataset) {
  const path = `${FOLDER}/${shard.file}`;
  const file = await decodeDatasetFile(bytes, path);
  const { height, width, channels } = file.shape;
  if (file.count !== shard.count || [height, width, channels].join() !== entry.shape.join()) {
    throw new Error(`${path} holds ${file.count} images of [${height},${width},${channels}] but ${FOLDER}/${MANIFEST_FILE} `
      + `promises ${shard.count} of [${entry.shape}]: the two come from different builds; run \`npm run datasets\``);
  }
  const classes = entry.classNames.length;
  const bad = file.labels.findIndex((label) => label >= classes);
  if (bad >= 0) throw new Error(`${path} has label ${file.labels[bad]} at example ${bad} but only ${classes} classes: ${FIX}`);
  return file;
}
