// `npm run bench:wasm-threads`: the engine on tfjs's WASM backend in Chromium with one XNNPACK thread, with the
// count the app chooses (engine/backend-wasm.ts: every core but one) and with one per core, on MLPs from small to
// the reference one and the MNIST CNN preset's model, in one run. The page is cross-origin isolated (the dev
// server sends COOP and COEP), which the threaded build needs. Prints a markdown table.
import { availableParallelism } from 'node:os';
import { findChromium } from '../scripts/chromium';
import { launchChromium } from '../scripts/headless';
import { closeFixtureServer, runFixture } from '../tests/browser/fixture-server';
import type { WasmThreadsInput, WasmThreadsOutput } from '../tests/browser/fixtures/wasm-threads';
import { wasmThreadsFor } from '../src/engine/backend-wasm';
import { markdownTable, ratio } from './table';

const chromiumPath = findChromium();
if (!chromiumPath) throw new Error('The benchmark needs Chromium: install Debian\'s "chromium" package or set CHROMIUM_PATH.');
const browser = await launchChromium(chromiumPath);
const cores = availableParallelism();
const chosen = wasmThreadsFor(cores);
// 1 first (the speed-ups are over it), then the app's count and a thread per core where they differ from it
const counts = [...new Set([1, chosen, Math.min(8, cores)])];
const cases: Omit<WasmThreadsInput, 'threads'>[] = [
  { model: 'mlp-small', batchSize: 32, steps: 200 },
  { model: 'mlp', batchSize: 64, steps: 20 },
  { model: 'mlp', batchSize: 256, steps: 10 },
  { model: 'mnist-cnn', batchSize: 64, steps: 6 },
];
const rows = [];
try {
  for (const c of cases) {
    const rates: number[] = [];
    for (const threads of counts) {
      const out = await runFixture<WasmThreadsOutput>(browser, 'wasm-threads', { ...c, threads });
      if (threads > 1 && !out.isolated) throw new Error('the fixture page is not cross-origin isolated, so WASM cannot use threads');
      if (out.threads !== threads) throw new Error(`asked tfjs for ${threads} WASM threads and it started ${out.threads} (build-plugins/threaded-wasm.ts lifts its cap)`);
      rates.push(out.timing.examplesPerSecond);
    }
    rows.push([c.model, String(c.batchSize), ...rates.flatMap((r, i) => (i === 0 ? [r] : [r, ratio(r, rates[0])]))]);
  }
} finally {
  await browser.close();
  await closeFixtureServer();
}
const label = (n: number) => `${n === 1 ? '1 thread' : `${n} threads`}${n === chosen ? ' (the app)' : ''}`;
console.log(`\nEngine on WASM in Chromium, examples/s (${cores} logical cores, ${new Date().toISOString().slice(0, 10)})\n`);
console.log(markdownTable(['Model', 'Batch', ...counts.flatMap((n, i) => (i === 0 ? [label(n)] : [label(n), 'Speed-up']))], rows));
