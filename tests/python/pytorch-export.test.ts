// The exported PyTorch script against the engine, in one Python process: for every preset and a set of random
// valid specs (the link fuzzer's generator), the script's model with the exported weights gives the engine's
// logits on 256 test inputs (float32: largest difference ≤ 1e-4; uint8: the same class for ≥ 99%), its seeded
// generator and point sets match src/data/, it decodes .tsds files as the app does, and it compiles and
// imports nothing but torch, numpy and the standard library.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POINTS_DATASETS, type PointsDatasetName } from '../../src/data/catalog';
import { decodeDatasetFile } from '../../src/data/dataset-file';
import { generatePoints } from '../../src/data/points';
import { Random } from '../../src/data/random';
import { PRESETS } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { randomSpec } from '../state/link/random-link';
import { buildCase, caseJob, INPUTS, type Case } from './cases';
import { DATASETS_DIR } from './engine-data';
import { python, requireTorch } from './python';

const RANDOM_SPECS = 16;
const SEEDS = [0, 1, 42, 123456789, 2 ** 31 - 1];
const POINT_SETS = [
  ...Object.keys(POINTS_DATASETS).map((name) => ({ name: name as PointsDatasetName, numPoints: 101, noise: 0.1, trainRatio: 0.5, seed: 42 })),
  { name: 'spiral' as const, numPoints: 5000, noise: 0.3, trainRatio: 0.9, seed: 2 ** 31 - 1 },
  { name: 'bumps' as const, numPoints: 37, noise: 0.05, trainRatio: 0.3, seed: 0 },
];
const TSDS = ['mnist/test-0.tsds', 'fashion-mnist/test-0.tsds'];

interface Results {
  cases: { foreignImports: string[] }[];
  streams: number[][];
  points: { trainX: number[]; trainY: number[]; testX: number[]; testY: number[] }[];
  tsds: { shape: number[]; images: string; labels: string }[];
}

let root: string;
let cases: Case[] = [];
let results: Results;
const read = async (path: string) => new Float32Array((await readFile(path)).buffer.slice(0));
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return Number.isNaN(m) || a.length !== b.length ? Infinity : m;
};
const argmaxRows = (v: Float32Array, classes: number) => Array.from({ length: v.length / classes }, (_, r) => {
  const row = Array.from(v.subarray(r * classes, (r + 1) * classes));
  return row.indexOf(Math.max(...row));
});

beforeAll(async () => {
  requireTorch();
  root = await mkdtemp(join(tmpdir(), 'pytorch-export-'));
  const started = performance.now();
  const random = new Random(16);
  // the script reproduces the shipped sets (tables and own images are refused with a message)
  const shipped = (spec: ExperimentSpec) => spec.dataset.kind === 'points' || spec.dataset.kind === 'images';
  const randomSpecs: ExperimentSpec[] = [];
  while (randomSpecs.length < RANDOM_SPECS) {
    const spec = randomSpec(random);
    if (shipped(spec)) randomSpecs.push(spec);
  }
  const specs = [...PRESETS.filter((p) => shipped(p.spec)).map((p) => ({ label: p.id, spec: p.spec })),
    ...randomSpecs.map((spec, i) => ({ label: `random-${i}`, spec }))];
  for (const { label, spec } of specs) cases.push(await buildCase(spec, label, root));
  const engineSeconds = (performance.now() - started) / 1000;
  const job = {
    cases: cases.map(caseJob), streams: SEEDS.map((seed) => ({ seed, n: 1000 })), points: POINT_SETS.map((p) => ({ ...p, regression: p.name === 'bumps' })),
    tsds: TSDS.map((file) => join(DATASETS_DIR, file)),
  };
  await writeFile(join(root, 'job.json'), JSON.stringify(job));
  const pythonStarted = performance.now();
  await python([join(import.meta.dirname, 'harness.py'), join(root, 'job.json'), join(root, 'results.json')]);
  results = JSON.parse(await readFile(join(root, 'results.json'), 'utf8'));
  console.log(`${cases.length} specs: engine (train 3 batches, export, logits) ${engineSeconds.toFixed(1)} s, ` +
    `one Python process for all ${((performance.now() - pythonStarted) / 1000).toFixed(1)} s`);
}, 900_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the exported PyTorch script', () => {
  it('gives the engine\'s logits with the float32 weights (largest difference ≤ 1e-4) for every preset and random spec', async () => {
    const worst: { label: string; diff: number }[] = [];
    for (const c of cases) worst.push({ label: c.label, diff: maxDiff(await read(join(c.dir, 'torch-float32.bin')), c.float32) });
    console.log('largest |logit difference|, float32:', worst.map((w) => `${w.label} ${w.diff.toExponential(1)}`).join(', '));
    console.log(`overall largest: ${Math.max(...worst.map((w) => w.diff)).toExponential(2)}`);
    for (const w of worst) expect(w.diff, w.label).toBeLessThanOrEqual(1e-4);
  });

  it('predicts the class tfjs predicts from the same uint8 files for at least 99% of inputs', async () => {
    const lines: string[] = [];
    for (const c of cases) {
      const torch = await read(join(c.dir, 'torch-uint8.bin'));
      expect(maxDiff(torch, c.uint8), `${c.label} uint8 logits`).toBeLessThanOrEqual(1e-4);
      if (c.classes === 1) continue; // regression: compared by value above
      const ours = argmaxRows(torch, c.classes);
      const tfjs = argmaxRows(c.uint8, c.classes);
      const trained = argmaxRows(c.float32, c.classes);
      const same = ours.filter((k, i) => k === tfjs[i]).length / INPUTS;
      lines.push(`${c.label} ${(same * 100).toFixed(1)}% (vs float32 model ${(ours.filter((k, i) => k === trained[i]).length / INPUTS * 100).toFixed(1)}%)`);
      expect(same, c.label).toBeGreaterThanOrEqual(0.99);
    }
    console.log('uint8 class agreement:', lines.join(', '));
  });

  it('regenerates the sandbox\'s seeded streams and 2D point sets from the seed', () => {
    SEEDS.forEach((seed, i) => {
      const random = new Random(seed);
      const expected = [...Array.from({ length: 1000 }, () => random.uint32()), random.normal(), random.fork()];
      expect(results.streams[i].slice(0, 1000)).toEqual(expected.slice(0, 1000));
      expect(results.streams[i][1000]).toBeCloseTo(expected[1000], 12);
      expect(results.streams[i][1001]).toBe(expected[1001]);
    });
    let largest = 0;
    POINT_SETS.forEach((p, i) => {
      const ts = generatePoints(p);
      const py = results.points[i];
      expect(py.trainX.length, p.name).toBe(ts.train.x.length);
      expect(py.testX.length, p.name).toBe(ts.test.x.length);
      largest = Math.max(largest, maxDiff(py.trainX, ts.train.x), maxDiff(py.testX, ts.test.x));
      if (p.name === 'bumps') expect(maxDiff(py.trainY, ts.train.y), p.name).toBeLessThanOrEqual(1e-6);
      else expect([py.trainY, py.testY], p.name).toEqual([Array.from(ts.train.y), Array.from(ts.test.y)]);
    });
    console.log(`points: largest coordinate difference ${largest}`);
    expect(largest).toBeLessThanOrEqual(1e-6);
  });

  it('decodes the shipped .tsds files (raw and Paeth-filtered) to the app\'s pixels and labels', async () => {
    for (const [i, file] of TSDS.entries()) {
      const decoded = await decodeDatasetFile(new Uint8Array(await readFile(join(DATASETS_DIR, file))), file);
      const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
      expect(results.tsds[i], file).toEqual({
        shape: [decoded.count, decoded.shape.height, decoded.shape.width, decoded.shape.channels], images: sha(decoded.images), labels: sha(decoded.labels),
      });
    }
  });

  it('compiles (py_compile) and imports nothing but torch, numpy and the standard library', () => {
    expect(results.cases).toHaveLength(cases.length);
    results.cases.forEach((r, i) => expect(r.foreignImports, cases[i].label).toEqual([]));
  });
});
