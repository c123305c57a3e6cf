// A hyperparameter search under Node, as the page runs it (the same plan, schedule and trial trainer), on tfjs's
// WASM backend (or --backend cpu), against the preset's own settings trained for the same epochs.
// Usage: npm run search -- [--preset mnist-mlp] [--method random|grid|halving] [--params learningRate,units,dropout]
//   [--trials 8] [--epochs 5] [--train 4000] [--test 2000] [--seed 1] [--minutes 30] [--eta 3] [--min-epochs 1] [--steps 3]
//   [--metric val_accuracy|val_loss|test_accuracy|test_loss] [--backend wasm|cpu]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadImageDataset } from '../src/data/image-datasets';
import { generatePoints } from '../src/data/points';
import type { Dataset } from '../src/data/dataset';
import { findPreset, presetSpec, PRESETS } from '../src/engine/model/presets';
import type { ExperimentSpec } from '../src/engine/model/spec';
import { emptyState, runSearch } from '../src/engine/search/driver';
import { describeParams, METRICS, planTrials, searchProblems, type SearchMetric, type SearchMethod, type SearchSpec } from '../src/engine/search/plan';
import { bestResult, latestResults } from '../src/engine/search/schedule';
import { currentValue, defaultDimension, PARAM_IDS, type ParamId } from '../src/engine/search/space';
import { trainTrial } from '../src/engine/search/train-trial';
import { useNodeWasmFiles } from './wasm-node';

const args = process.argv.slice(2).filter((a) => a !== '--');
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const num = (name: string, fallback: number) => (option(name) === undefined ? fallback : Number(option(name)));

const presetId = option('preset') ?? 'mnist-mlp';
if (!findPreset(presetId)) throw new Error(`--preset must be one of ${PRESETS.map((p) => p.id).join(', ')} (got ${presetId}).`);
const params = (option('params') ?? 'learningRate,units,dropout').split(',') as ParamId[];
for (const p of params) if (!PARAM_IDS.includes(p)) throw new Error(`--params: "${p}" is not searchable; choose from ${PARAM_IDS.join(', ')}.`);
const metric = (option('metric') ?? 'val_accuracy') as SearchMetric;
if (!METRICS.includes(metric)) throw new Error(`--metric must be one of ${METRICS.join(', ')}.`);
const methodName = option('method') ?? 'random';
const method: SearchMethod = methodName === 'grid' ? { kind: 'grid', steps: num('steps', 3) }
  : methodName === 'halving' ? { kind: 'halving', eta: num('eta', 3), minEpochs: num('min-epochs', 1) }
  : methodName === 'random' ? { kind: 'random' } : (() => { throw new Error('--method must be random, grid or halving.'); })();

useNodeWasmFiles();
tf.env().set('PROD', true);
await tf.setBackend(option('backend') ?? 'wasm');

const base: ExperimentSpec = presetSpec(presetId);
base.training.epochs = num('epochs', 5);
if (base.dataset.kind === 'images') {
  base.dataset.trainSize = num('train', 4000);
  base.dataset.testSize = num('test', 2000);
}
const search: SearchSpec = {
  base, dimensions: params.map((p) => defaultDimension(p, base)), method,
  budget: { trials: num('trials', 8), seconds: num('minutes', 30) * 60 }, metric, seed: num('seed', 1),
};
const problems = searchProblems(search);
if (problems.length) throw new Error(problems.join('\n'));

async function load(spec: ExperimentSpec): Promise<Dataset> {
  if (spec.dataset.kind === 'points') return generatePoints({ ...spec.dataset, seed: spec.training.seed });
  if (spec.dataset.kind !== 'images') throw new Error('The search script trains points and image presets.');
  return loadImageDataset(spec.dataset.name, {
    trainSize: spec.dataset.trainSize, testSize: spec.dataset.testSize,
    fetchBytes: async (path) => new Uint8Array(await readFile(join('datasets', path))),
  });
}

const data = await load(base);
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '—');
const started = performance.now();
console.error(`${presetId} on ${tf.getBackend()}: ${search.dimensions.map((d) => JSON.stringify(d)).join(' ')}; ${methodName}, ${search.budget.trials} trials, ${base.training.epochs} epochs, seed ${search.seed}`);
const baseline = await trainTrial(base, data, base.training.epochs);
console.error(`baseline (preset settings): ${metric} ${fmt(baseline.metrics[metric])}, test accuracy ${fmt(baseline.metrics.test_accuracy)}`);
const trials = planTrials(search);
const state = emptyState();
const end = await runSearch(search, state, {
  train: (trial, job) => trainTrial(trial.spec, data, job.epochs),
  onResult: (r) => console.error(`trial ${r.trial + 1} rung ${r.rung} (${r.epochs} epochs, ${r.seconds.toFixed(1)} s): ${describeParams(trials[r.trial].params)} → ${metric} ${fmt(r.metrics[metric])}, test accuracy ${fmt(r.metrics.test_accuracy)}`),
});
const best = bestResult(state.results, metric)!;
const rows = latestResults(state.results).map((r) => `| ${r.trial + 1}${r === best ? ' (best)' : ''} | ${describeParams(trials[r.trial].params)} | ${r.epochs} | ${fmt(r.metrics.val_accuracy)} | ${fmt(r.metrics.test_accuracy)} |`);
console.log(['| trial | settings | epochs | val accuracy | test accuracy |', '|---|---|---|---|---|',
  `| preset | ${describeParams(Object.fromEntries(params.map((p) => [p, currentValue(base, p)])))} | ${base.training.epochs} | ${fmt(baseline.metrics.val_accuracy)} | ${fmt(baseline.metrics.test_accuracy)} |`,
  ...rows].join('\n'));
console.log(JSON.stringify({
  preset: presetId, backend: tf.getBackend(), method: methodName, end, trials: trials.length, jobs: state.results.length, epochs: base.training.epochs,
  baselineTestAccuracy: baseline.metrics.test_accuracy, best: { trial: best.trial + 1, params: trials[best.trial].params, ...best.metrics },
  minutes: Math.round((performance.now() - started) / 6000) / 10,
}));
