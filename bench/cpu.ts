// The benchmark's CPU half (the first part of `npm run bench`), under Node on one core: per model, stock
// model.fit on tfjs's CPU backend, on its WASM backend as shipped and with the kernels kernels/wasm-training.ts
// registers, the engine's own step on WASM, and PyTorch on one thread (Debian's python3-torch, /usr/bin/python3)
// on the same model, batch, optimizer and data shapes. All in one run, one after another, so the ratios hold on a
// noisy machine. Writes bench/results/cpu-<date>.json and prints a markdown table (examples/s).
//
// Options: --models mlp,mlp-small,mnist-cnn  --quick (fewer steps, to check that it runs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/engine/kernels/wasm-training';
import { wasmFolder } from '../scripts/wasm-node';
import { timeEngine, timeFit, type LoopOptions } from './loops';
import type { ReferenceModel } from './models';
import { markdownTable, ratio } from './table';

const args = process.argv.slice(2).filter((a) => a !== '--');
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const quick = args.includes('--quick');

interface Case { model: ReferenceModel; title: string; batchSize: number; steps: number; hidden?: number[] }
// steps sized for about 2–5 s per loop on WASM here; the CPU backend takes several times longer
const CASES: Case[] = [
  { model: 'mlp', title: 'MLP 784-512-512-10', batchSize: 256, steps: 12, hidden: [512, 512] },
  { model: 'mlp-small', title: 'MLP 784-128-128-10', batchSize: 64, steps: 40, hidden: [128, 128] },
  { model: 'mnist-cnn', title: 'MNIST CNN preset', batchSize: 32, steps: 30 },
];
const chosen = (option('models') ?? CASES.map((c) => c.model).join(',')).split(',');
const cases = CASES.filter((c) => chosen.includes(c.model)).map((c) => ({ ...c, steps: quick ? Math.ceil(c.steps / 4) : c.steps }));
const WARM = 2;
const loopOptions = (c: Case): LoopOptions => ({ model: c.model, batchSize: c.batchSize, steps: c.steps, warmSteps: WARM });

type Column = 'cpuFit' | 'wasmShippedFit' | 'wasmFit' | 'wasmEngine' | 'torch';
const results: Record<string, Partial<Record<Column, number | string>>> = Object.fromEntries(cases.map((c) => [c.model, {}]));
const log = (what: string) => console.error(`[bench:cpu] ${what}`);

async function measure(column: Column, c: Case, loop: typeof timeFit) {
  try {
    const t = await loop(loopOptions(c));
    results[c.model][column] = t.examplesPerSecond;
    log(`${c.title} ${column}: ${t.examplesPerSecond.toFixed(0)} examples/s (loss ${t.loss.toFixed(3)})`);
  } catch (e) {
    results[c.model][column] = `fails: ${e instanceof Error ? e.message : e}`;
    log(`${c.title} ${column}: ${results[c.model][column]}`);
  }
}

tf.env().set('PROD', true);
// WASM as shipped first: the kernels registered below replace some of its own for the rest of the process
setWasmPaths(wasmFolder());
for (const c of cases) {
  await tf.setBackend('cpu');
  await measure('cpuFit', c, timeFit);
  await tf.setBackend('wasm');
  await measure('wasmShippedFit', c, timeFit);
}
registerWasmTrainingKernels();
await tf.setBackend('wasm');
const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'threads' : 'one thread';
for (const c of cases) {
  await measure('wasmFit', c, timeFit);
  await measure('wasmEngine', c, timeEngine);
}

const PYTHON = '/usr/bin/python3';
if (existsSync(PYTHON)) {
  const torchCases = cases.map((c) => ({ model: c.model === 'mnist-cnn' ? 'mnist-cnn' : 'mlp', hidden: c.hidden, batchSize: c.batchSize, steps: c.steps * 2, warmSteps: WARM, key: c.model }));
  const run = spawnSync(PYTHON, ['bench/torch_cpu.py', JSON.stringify(torchCases)], { encoding: 'utf8' });
  if (run.status !== 0) log(`PyTorch failed: ${run.stderr.trim().split('\n').at(-1)} (Debian: apt-get install python3-torch)`);
  for (const line of run.stdout.split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as { key: string; examplesPerSecond: number };
    results[r.key].torch = r.examplesPerSecond;
    log(`${r.key} PyTorch: ${r.examplesPerSecond.toFixed(0)} examples/s`);
  }
} else {
  log(`no ${PYTHON}: the PyTorch column stays empty (Debian: apt-get install python3-torch)`);
}

const num = (v: number | string | undefined) => (typeof v === 'number' ? v : null);
const cell = (v: number | string | undefined) => (typeof v === 'string' ? 'fails' : v);
const header = ['Model', 'Batch', 'tfjs CPU, model.fit', 'tfjs WASM as shipped, model.fit', 'tfjs WASM + our kernels, model.fit',
  'Engine on WASM', 'PyTorch CPU, 1 thread', 'Engine / PyTorch', 'Engine / WASM model.fit', 'WASM ours / as shipped'];
const rows = cases.map((c) => {
  const r = results[c.model];
  return [c.title, String(c.batchSize), cell(r.cpuFit), cell(r.wasmShippedFit), cell(r.wasmFit), cell(r.wasmEngine), cell(r.torch),
    ratio(num(r.wasmEngine), num(r.torch)), ratio(num(r.wasmEngine), num(r.wasmFit)), ratio(num(r.wasmFit), num(r.wasmShippedFit))];
});
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.versions.node}, WASM SIMD on ${threads}`;
const date = new Date().toISOString().slice(0, 10);
mkdirSync('bench/results', { recursive: true });
// a partial run (--models, --quick) does not overwrite the day's full run, as in chromium.ts
const partial = args.length > 0 ? `-partial-${new Date().toISOString().slice(11, 16).replace(':', '')}` : '';
writeFileSync(`bench/results/cpu-${date}${partial}.json`, JSON.stringify({ date, machine, quick, cases, results }, null, 2) + '\n');
console.log(`\nCPU table, ${date}, ${machine} (examples/s; Adam; one run)\n`);
console.log(markdownTable(header, rows));
