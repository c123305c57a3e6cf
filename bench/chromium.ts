// The benchmark's Chromium half (`npm run bench`): per backend (WebGPU, WebGL; SwiftShader on machines without a
// GPU), the app's training (built app, worker, charts, everything) against bare loops on the same model and batch
// in the same browser (stock model.fit, a minimize loop, the engine's Trainer with and without its fused WebGPU
// kernels), plus GPU dispatches and uploads per engine step. Writes bench/results/chromium-<date>.json and prints
// a markdown table of examples/s and ratios. All figures of one row come from one run, one after the other.
//
// Options: --backends webgpu,webgl  --model mlp|cnn  --batches webgl=64,256;webgpu=64  --steps webgl=20;webgpu=6
//          --repeats webgl=3;webgpu=1 (each bare loop timed that often, taking turns; the median is kept)
//          --no-build (serve the existing dist/)  --no-app  --no-bare
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { findChromium } from '../scripts/chromium';
import { launchChromium, serveBuiltApp } from '../scripts/headless';
import { closeFixtureServer, runFixture } from '../tests/browser/fixture-server';
import type { BenchInput, BenchOutput } from '../tests/browser/fixtures/bench';
import { measureApp, type AppMeasurement } from './app';
import type { ReferenceModel } from './models';
import { markdownTable, ratio } from './table';

type Backend = 'webgpu' | 'webgl';

const args = process.argv.slice(2).filter((a) => a !== '--');
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const perBackend = (text: string | undefined, fallback: Record<Backend, number[]>): Record<Backend, number[]> => {
  const out = { ...fallback };
  for (const part of text?.split(';') ?? []) {
    const [name, values] = part.split('=');
    if (name === 'webgpu' || name === 'webgl') out[name] = values.split(',').map(Number);
  }
  return out;
};

// SwiftShader's WebGPU trained the reference MLP at about 56 examples/s at batch 64 (2026-11-23), its WebGL at
// 700–1,000 (2026-12-04): these defaults keep the whole run near 10 minutes on a 2-core machine.
const backends = (option('backends') ?? 'webgpu,webgl').split(',') as Backend[];
const model = (option('model') ?? 'mlp') as ReferenceModel;
const batches = perBackend(option('batches'), { webgpu: [64], webgl: [64, 256] });
const steps = perBackend(option('steps'), { webgpu: [6], webgl: [20] });
// WebGL's bare loops take seconds each, so three turns are cheap; WebGPU's take a minute on SwiftShader
const repeats = perBackend(option('repeats'), { webgpu: [1], webgl: [3] });
const app = !args.includes('--no-app');
const bare = !args.includes('--no-bare');

export interface ChromiumRow {
  backend: Backend;
  model: ReferenceModel;
  batchSize: number;
  app: AppMeasurement | null;
  bare: BenchOutput | null;
}

const chromiumPath = findChromium();
if (!chromiumPath) throw new Error('The benchmark needs Chromium: install Debian\'s "chromium" package or set CHROMIUM_PATH.');
const started = Date.now();
const served = await serveBuiltApp(!args.includes('--no-build'));
const browser = await launchChromium(chromiumPath);
const rows: ChromiumRow[] = [];
try {
  for (const backend of backends) {
    for (const batchSize of batches[backend]) {
      const timed = steps[backend][0];
      const log = (what: string) => console.error(`[bench] ${backend} ${model} batch ${batchSize}: ${what} (${Math.round((Date.now() - started) / 1000)} s)`);
      log('the app');
      const appResult = app ? await measureApp(browser, served.url, {
        // WebGPU on SwiftShader reports once a step (3 s): a longer window for a few reports
        backend, model, batchSize, warmMs: backend === 'webgpu' ? 10_000 : 5_000, windowMs: backend === 'webgpu' ? 30_000 : 20_000, maxMs: 240_000,
      }) : null;
      log('bare loops');
      const input: BenchInput = {
        backend, model, batchSize, steps: timed, warmSteps: 2, loops: ['fit', 'minimize', 'engine', 'engine-slow'], countSteps: 3, repeats: repeats[backend][0],
      };
      const bareResult = bare ? await runFixture<BenchOutput>(browser, 'bench', input) : null;
      rows.push({ backend, model, batchSize, app: appResult, bare: bareResult });
    }
  }
} finally {
  await browser.close();
  await closeFixtureServer();
  await served.close();
}

const date = new Date().toISOString().slice(0, 10);
const device = `headless Chromium ${browser.version()} (${chromiumPath}), SwiftShader, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`;
mkdirSync('bench/results', { recursive: true });
// a partial run (--no-app, --no-bare, other sizes) does not overwrite the day's full run
const partial = args.length > 0 ? `-partial-${new Date().toISOString().slice(11, 16).replace(':', '')}` : '';
const file = `bench/results/chromium-${date}${partial}.json`;
writeFileSync(file, `${JSON.stringify({ date, device, model, minutes: (Date.now() - started) / 60000, rows }, null, 2)}\n`);

const speed = (row: ChromiumRow, loop: string, fastPath = true) =>
  row.bare?.timings.find((t) => t.loop === loop && t.fastPath === fastPath)?.examplesPerSecond ?? null;
const count = (row: ChromiumRow, fastPath: boolean) => row.bare?.counts.find((c) => c.fastPath === fastPath)?.perStep;
console.log(`\nChromium benchmark, ${date}: ${device}; reference ${model}, Adam, examples/s\n`);
console.log(markdownTable(
  ['Backend', 'Batch', 'App (shown)', 'App (steps)', 'model.fit', 'minimize loop', 'Engine', 'Engine, fast path off', 'App / model.fit', 'App / minimize', 'App / engine',
    'Engine / model.fit', 'Longest main-thread task (ms)', 'Dispatches per step (off → on)', 'Uploads per step (off → on)'],
  rows.map((r) => {
    const [off, on] = [count(r, false), count(r, true)];
    return [r.backend, String(r.batchSize), r.app?.examplesPerSecond, r.app?.examplesPerSecondFromSteps, speed(r, 'fit'), speed(r, 'minimize'), speed(r, 'engine'), speed(r, 'engine', false),
      ratio(r.app?.examplesPerSecond, speed(r, 'fit')), ratio(r.app?.examplesPerSecond, speed(r, 'minimize')), ratio(r.app?.examplesPerSecond, speed(r, 'engine')),
      ratio(speed(r, 'engine'), speed(r, 'fit')), r.app ? Math.round(r.app.longestTaskMs) : null,
      off && on ? `${off.dispatches} → ${on.dispatches}` : null, off && on ? `${off.uploads} → ${on.uploads}` : null];
  })));
for (const r of rows) {
  const turns = r.bare?.timings.map((t) => `${t.loop}${t.fastPath ? '' : ' (fast path off)'} ${t.samples.join(', ')}`).join('; ');
  if (turns) console.log(`${r.backend} batch ${r.batchSize}, each bare loop's turns (examples/s, median kept): ${turns}`);
}
console.log(`\nWritten: ${file} (${((Date.now() - started) / 60000).toFixed(1)} minutes)`);
