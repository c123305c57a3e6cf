// `npm run bench:wasm-threads`: the engine on tfjs's WASM backend in Chromium, one XNNPACK thread against one per
// core, on the reference MLP and the MNIST CNN preset's model, in one run. The page is cross-origin isolated (the
// dev server sends COOP and COEP), which the threaded build needs. Prints a markdown table.
import { cpus } from 'node:os';
import { findChromium } from '../scripts/chromium';
import { launchChromium } from '../scripts/headless';
import { closeFixtureServer, runFixture } from '../tests/browser/fixture-server';
import type { WasmThreadsInput, WasmThreadsOutput } from '../tests/browser/fixtures/wasm-threads';
import { wasmThreadsFor } from '../src/engine/backend-wasm';
import { markdownTable, ratio } from './table';

const chromiumPath = findChromium();
if (!chromiumPath) throw new Error('The benchmark needs Chromium: install Debian\'s "chromium" package or set CHROMIUM_PATH.');
const browser = await launchChromium(chromiumPath);
const many = wasmThreadsFor(cpus().length);
const cases: Omit<WasmThreadsInput, 'threads'>[] = [
  { model: 'mlp', batchSize: 256, steps: 10 },
  { model: 'mnist-cnn', batchSize: 64, steps: 6 },
];
const rows = [];
try {
  for (const c of cases) {
    const one = await runFixture<WasmThreadsOutput>(browser, 'wasm-threads', { ...c, threads: 1 });
    const all = await runFixture<WasmThreadsOutput>(browser, 'wasm-threads', { ...c, threads: many });
    if (!all.isolated) throw new Error('the fixture page is not cross-origin isolated, so WASM cannot use threads');
    if (all.threads !== many) throw new Error(`asked tfjs for ${many} WASM threads and it started ${all.threads} (build-plugins/threaded-wasm.ts lifts its cap)`);
    rows.push([c.model, String(c.batchSize), String(one.threads), one.timing.examplesPerSecond, String(all.threads), all.timing.examplesPerSecond,
      ratio(all.timing.examplesPerSecond, one.timing.examplesPerSecond)]);
  }
} finally {
  await browser.close();
  await closeFixtureServer();
}
console.log(`\nEngine on WASM in Chromium, examples/s (${cpus().length} logical cores, ${new Date().toISOString().slice(0, 10)})\n`);
console.log(markdownTable(['Model', 'Batch', 'Threads', 'ex/s', 'Threads', 'ex/s', 'Speed-up'], rows));
