// The cost of the Inside panel's views on training speed, under Node on WASM (one core): per model, the same
// seeded training timed twice in one run, without views and with the views the worker's Arm reads while
// training (weight statistics every VIEW_EVERY_MS = 1000 ms; the gradient probe as often, or less often when a
// read is slow, by nextProbeDelay's budget, as the Arm does), alternating A/B/A/B so
// drift on a busy machine hits both; the ratio is reported, and the cost of one read of each view.
// The network diagram likewise, on the 2D sets' MLPs: training with the diagram hidden (the Arm computes
// nothing) against shown (read every DIAGRAM_EVERY_MS, or less often by nextProbeDelay, as the Arm does).
// Writes bench/results/inside-<date>.json and prints a markdown table.
//
// Options: --seconds 4 (per timed training)  --quick  --only diagram (the diagram's table alone)
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/engine/kernels/wasm-training';
import { wasmFolder } from '../scripts/wasm-node';
import { datasetInfo } from '../src/data/catalog';
import type { Dataset } from '../src/data/dataset';
import { generatePoints } from '../src/data/points';
import { Random } from '../src/data/random';
import { GradientProbe } from '../src/engine/evaluate/gradient-stats';
import { nextProbeDelay } from '../src/engine/evaluate/probe-clock';
import { WeightStats } from '../src/engine/evaluate/weight-stats';
import { NetworkDiagramProbe } from '../src/engine/evaluate/network-diagram';
import { planeExtent } from '../src/data/dataset';
import { presetSpec } from '../src/engine/model/presets';
import type { ExperimentSpec } from '../src/engine/model/spec';
import { Trainer } from '../src/engine/train/trainer';
import { markdownTable } from './table';

const args = process.argv.slice(2).filter((a) => a !== '--');
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const seconds = Number(option('seconds') ?? (args.includes('--quick') ? 1.5 : 4));
const VIEW_EVERY_MS = 1000; // as src/worker/arm.ts
const DIAGRAM_EVERY_MS = 500; // as src/worker/arm.ts
const CHUNK = 8; // batches queued between two read-backs of the loss, as the loop does in small chunks

/** A synthetic image set of the preset's shape (bytes), or the 2D set the spec generates. */
function datasetFor(spec: ExperimentSpec): Dataset {
  if (spec.dataset.kind === 'points') return generatePoints({ ...spec.dataset, seed: 1 });
  const info = datasetInfo(spec.dataset);
  const size = info.inputShape.reduce((a, b) => a * b, 1);
  const random = new Random(9);
  const split = (count: number) => ({
    x: Uint8Array.from({ length: count * size }, () => random.int(256)),
    y: Int32Array.from({ length: count }, () => random.int(info.classNames.length)), count,
  });
  return { info, train: split(1024), test: split(64) };
}

/** Examples per second over `seconds` of training, reading the views every VIEW_EVERY_MS when `views` is set. */
async function timeTraining(spec: ExperimentSpec, dataset: Dataset, views: boolean) {
  const trainer = new Trainer({ ...spec, training: { ...spec.training, epochs: 1000 } }, dataset);
  const weights = new WeightStats(trainer.network);
  const probe = new GradientProbe(trainer.network, trainer.data.fit.x, trainer.data.fit.y, trainer.data.numClasses);
  const readMs = { weights: 0, gradients: 0, reads: 0, probes: 0 };
  const drain = async () => {
    const totals = trainer.step.take();
    await totals.sums.data();
    totals.sums.dispose();
    return totals.examples;
  };
  for (let i = 0; i < CHUNK; i++) trainer.runBatch(); // warm-up: kernels compiled, first allocations made
  await drain();
  if (views) { await weights.read(); await probe.read(); }
  const start = performance.now();
  let lastView = start;
  let lastProbe = start;
  let probeEvery = VIEW_EVERY_MS;
  let examples = 0;
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < CHUNK; i++) trainer.runBatch();
    examples += await drain();
    if (views && performance.now() - lastView > VIEW_EVERY_MS) {
      const t0 = lastView = performance.now();
      await weights.read();
      readMs.weights += performance.now() - t0;
      readMs.reads += 1;
    }
    if (views && performance.now() - lastProbe > probeEvery) {
      const t0 = lastProbe = performance.now();
      await probe.read();
      const ms = performance.now() - t0;
      probeEvery = nextProbeDelay(ms, VIEW_EVERY_MS);
      readMs.gradients += ms;
      readMs.probes += 1;
    }
  }
  const elapsed = performance.now() - start;
  weights.dispose();
  probe.dispose();
  trainer.dispose();
  return { examplesPerSecond: (examples / elapsed) * 1000, readMs };
}

/** Examples per second over `seconds` of training, with the network diagram shown (read as the Arm does) or hidden. */
async function timeDiagram(spec: ExperimentSpec, dataset: Dataset, shown: boolean) {
  const trainer = new Trainer({ ...spec, training: { ...spec.training, epochs: 1000 } }, dataset);
  const probe = shown ? new NetworkDiagramProbe(trainer.network, planeExtent(dataset.train.x)) : null;
  const drain = async () => {
    const totals = trainer.step.take();
    await totals.sums.data();
    totals.sums.dispose();
    return totals.examples;
  };
  for (let i = 0; i < CHUNK; i++) trainer.runBatch();
  await drain();
  if (probe) await probe.read(); // its first read pays for kernel set-up, as the Arm's read on showing does
  let readMs = 0;
  let reads = 0;
  const start = performance.now();
  let last = start;
  let every = DIAGRAM_EVERY_MS;
  let examples = 0;
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < CHUNK; i++) trainer.runBatch();
    examples += await drain();
    if (probe && performance.now() - last > every) {
      const t0 = last = performance.now();
      await probe.read();
      const ms = performance.now() - t0;
      every = nextProbeDelay(ms, DIAGRAM_EVERY_MS);
      readMs += ms;
      reads += 1;
    }
  }
  const elapsed = performance.now() - start;
  probe?.dispose();
  trainer.dispose();
  return { examplesPerSecond: (examples / elapsed) * 1000, readMs, reads, elapsed };
}

const DIAGRAM_CASES = [
  { title: 'Spiral MLP (2-64-64-64-2, 16 drawn per layer)', preset: 'spiral-mlp' },
  { title: 'Circle MLP (2-8-4-2)', preset: 'circle-mlp' },
];

const CASES = [
  { title: 'Spiral MLP (2-64-64-64-2)', preset: 'spiral-mlp' },
  { title: 'MNIST MLP 784-128-64-10', preset: 'mnist-mlp' },
  { title: 'MNIST CNN preset', preset: 'mnist-cnn' },
];

tf.env().set('PROD', true);
setWasmPaths(wasmFolder());
registerWasmTrainingKernels();
await tf.setBackend('wasm');
const rows: Record<string, string | number>[] = [];
for (const c of option('only') === 'diagram' ? [] : CASES) {
  const spec = presetSpec(c.preset);
  const dataset = datasetFor(spec);
  const off: number[] = [];
  const on: number[] = [];
  let read = { weights: 0, gradients: 0, reads: 0, probes: 0 };
  for (let round = 0; round < 2; round++) {
    off.push((await timeTraining(spec, dataset, false)).examplesPerSecond);
    const withViews = await timeTraining(spec, dataset, true);
    on.push(withViews.examplesPerSecond);
    const r = withViews.readMs;
    read = { weights: read.weights + r.weights, gradients: read.gradients + r.gradients, reads: read.reads + r.reads, probes: read.probes + r.probes };
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const row = {
    model: c.title, batch: spec.training.batchSize,
    'without views (ex/s)': Math.round(mean(off)), 'with views (ex/s)': Math.round(mean(on)),
    'with / without': (mean(on) / mean(off)).toFixed(3),
    'weights read (ms)': Number((read.weights / Math.max(1, read.reads)).toFixed(1)),
    'gradient probe read (ms)': Number((read.gradients / Math.max(1, read.probes)).toFixed(1)),
    'weight reads': read.reads, 'probe reads': read.probes,
    'views share of time': `${((100 * (read.weights + read.gradients)) / (2 * seconds * 1000)).toFixed(1)}%`,
  };
  console.error(`[bench:inside] ${JSON.stringify(row)}`);
  rows.push(row);
}
const diagramRows: Record<string, string | number>[] = [];
for (const c of DIAGRAM_CASES) {
  const spec = presetSpec(c.preset);
  const dataset = datasetFor(spec);
  const hidden: number[] = [];
  const shown: number[] = [];
  let read = { ms: 0, reads: 0, elapsed: 0 };
  for (let round = 0; round < 4; round++) { // the diagram's cost is small beside this machine's drift: more rounds
    hidden.push((await timeDiagram(spec, dataset, false)).examplesPerSecond);
    const s = await timeDiagram(spec, dataset, true);
    shown.push(s.examplesPerSecond);
    read = { ms: read.ms + s.readMs, reads: read.reads + s.reads, elapsed: read.elapsed + s.elapsed };
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const row = {
    model: c.title, batch: spec.training.batchSize,
    'diagram hidden (ex/s)': Math.round(mean(hidden)), 'diagram shown (ex/s)': Math.round(mean(shown)),
    'shown / hidden': (mean(shown) / mean(hidden)).toFixed(3),
    'diagram read (ms)': Number((read.ms / Math.max(1, read.reads)).toFixed(1)),
    'diagram reads': read.reads,
    'diagram share of time': `${((100 * read.ms) / read.elapsed).toFixed(1)}%`,
  };
  console.error(`[bench:inside] ${JSON.stringify(row)}`);
  diagramRows.push(row);
}
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/inside${option('only') === 'diagram' ? '-diagram' : ''}-${new Date().toISOString().slice(0, 10)}.json`;
writeFileSync(file, JSON.stringify({ backend: 'wasm', seconds, viewEveryMs: VIEW_EVERY_MS, diagramEveryMs: DIAGRAM_EVERY_MS, rows, diagramRows }, null, 2));
if (rows.length) console.log(markdownTable(Object.keys(rows[0]), rows.map((r) => Object.values(r))));
console.log(`\n${markdownTable(Object.keys(diagramRows[0]), diagramRows.map((r) => Object.values(r)))}`);
console.error(`[bench:inside] wrote ${file}`);
