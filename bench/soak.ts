// The soak benchmark (`npm run bench:soak`, not a test): 200 short runs back to back in one page per backend,
// printing tfjs's tensors and bytes (on the GPU too) and the JS heap before the first run and after the last,
// so a leak of a tensor or a listener per run shows as growth. Options: --runs 200  --backends webgl,webgpu,cpu
import { chromium } from 'playwright-core';
import { findChromium } from '../scripts/chromium';
import { CHROMIUM_FLAGS } from '../scripts/headless';
import { closeFixtureServer, runFixture } from '../tests/browser/fixture-server';
import type { SoakInput, SoakOutput } from '../tests/browser/fixtures/soak';

const args = process.argv.slice(2).filter((a) => a !== '--');
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const runs = Number(option('runs') ?? 200);
const backends = (option('backends') ?? 'webgl,webgpu,cpu').split(',') as SoakInput['backend'][];

const chromiumPath = findChromium();
if (!chromiumPath) throw new Error('The soak benchmark needs Chromium: install Debian\'s "chromium" package or set CHROMIUM_PATH.');
// --expose-gc: the heap is read after a collection, so garbage not yet collected is not counted as a leak
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...CHROMIUM_FLAGS, '--js-flags=--expose-gc'] });
const mb = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 1e6).toFixed(2)} MB`);
try {
  console.log('| Backend | Runs | Failed | Time | Tensors start → end | Bytes start → end | GPU bytes start → end | JS heap start → end |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const backend of backends) {
    const r = await runFixture<SoakOutput>(browser, 'soak', { runs, backend } satisfies SoakInput);
    console.log(`| ${r.backend} | ${r.runs} | ${r.failed} | ${(r.ms / 1000).toFixed(0)} s | ${r.start.numTensors} → ${r.end.numTensors} | ` +
      `${mb(r.start.numBytes)} → ${mb(r.end.numBytes)} | ${mb(r.start.numBytesInGPU)} → ${mb(r.end.numBytesInGPU)} | ${mb(r.start.jsHeapBytes)} → ${mb(r.end.jsHeapBytes)} |`);
  }
} finally {
  await browser.close();
  await closeFixtureServer();
}
