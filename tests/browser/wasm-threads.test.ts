// The threaded WASM build in Chromium, in a worker as the app runs it: it starts with as many XNNPACK threads as
// it is asked for, up to one per core, above tfjs's own cap of half the cores (build-plugins/threaded-wasm.ts
// lifts it, and keeps the pthread workers' factory whole). The app asks for every core but one, which on a
// 2-core machine is one thread, so without this test the build's threads would go untried here.
import { availableParallelism } from 'node:os';
import { expect, it } from 'vitest';
import { useFixtureBrowser } from './browser';
import type { WasmThreadsInput, WasmThreadsOutput } from './fixtures/wasm-threads';

const fixture = useFixtureBrowser();

const cores = availableParallelism();

// on one core there is no second thread to start: the threaded build then runs as the single-threaded one does
it.skipIf(cores < 2)('starts a thread per core when asked, above tfjs\'s cap, and trains on them', async () => {
  const threads = Math.min(8, cores);
  const out = await fixture<WasmThreadsOutput>('wasm-threads', { threads, model: 'mlp-small', batchSize: 32, steps: 10 } satisfies WasmThreadsInput);
  expect(out.isolated).toBe(true);
  expect(out.multithreadSupport).toBe(true);
  expect(out.threads).toBe(threads);
  // the timed steps ran on those threads and gave a loss (a pthread that died would have hung or thrown)
  expect(out.timing.steps).toBe(10);
  expect(Number.isFinite(out.timing.loss)).toBe(true);
});
