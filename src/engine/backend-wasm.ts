// tfjs's WASM backend: where its .wasm files are served from, whether SIMD and threads are on, and the training
// kernels it lacks registered before it runs. The page serves the files itself (worker/wasm-files.ts) so the app
// works offline; under Node they are read from node_modules (scripts/wasm-node.ts).
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './kernels/wasm-training';
import type { BackendStatus } from './backend-status';

/** The three builds tfjs-backend-wasm ships: plain, SIMD, and SIMD with threads (needs cross-origin isolation). */
export type WasmFiles = { 'tfjs-backend-wasm.wasm': string; 'tfjs-backend-wasm-simd.wasm': string; 'tfjs-backend-wasm-threaded-simd.wasm': string };

let configured = false;

/**
 * XNNPACK's threads for the training worker: every logical core but one, which the page's main thread keeps for
 * the charts (and the worker's own thread for the step's JavaScript), up to the 8 pthread workers the build
 * starts with (more would be created on the fly, which a worker inside a worker makes slow). A thread per core
 * was slower on a 2-core machine for all but the largest model (`npm run bench:wasm-threads`, 2026-12-04: the
 * 784-128-128-10 MLP at batch 32 0.71× with two threads, the MNIST CNN 0.93×, the 784-512-512-10 MLP at batch
 * 256 1.16×), and a lesson pair in the app took 7.2 s on two threads against 4.5 s on one: the threads wait for
 * each other and for the core the page is drawing on.
 */
export function wasmThreadsFor(logicalCores: number | undefined): number {
  return Math.max(1, Math.min(8, (logicalCores ?? 1) - 1));
}

/** Where the .wasm files are: a folder URL or path ending in "/", or one URL per file. Call before the backend starts. */
export function useWasmFiles(where: string | WasmFiles): void {
  // tfjs's types take a prefix or a map; with a map it uses exactly the URLs given (usePlatformFetch off)
  setWasmPaths(where as string);
  setThreadsCount(wasmThreadsFor(globalThis.navigator?.hardwareConcurrency));
  registerWasmTrainingKernels();
  configured = true;
}

/** Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages (COOP + COEP headers). */
function threadsAllowed(): boolean {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return typeof SharedArrayBuffer !== 'undefined' && isolated !== false;
}

/** What the badge says WASM runs on: SIMD or not, and its threads (planned, or `started` once the backend runs). */
async function wasmDetail(started?: number): Promise<string> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'SIMD' : 'no SIMD';
  const multithreaded = threadsAllowed() && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  if (!multithreaded) return `WebAssembly on the processor, ${simd}, one thread (threads need a cross-origin isolated page: COOP and COEP headers)`;
  const cores = globalThis.navigator?.hardwareConcurrency;
  const count = started ?? wasmThreadsFor(cores);
  const threads = count === 1 ? 'one thread' : `${count} threads`;
  // why an isolated page on a 2-core machine says "one thread": the other core is the page's (wasmThreadsFor)
  return `WebAssembly on the processor, ${simd}, ${threads}${cores !== undefined && count === cores - 1 ? ', one core left for the page' : ''}`;
}

export async function probeWasm(): Promise<BackendStatus> {
  const unavailable = (detail: string): BackendStatus => ({ name: 'wasm', available: false, detail, software: false });
  if (typeof WebAssembly === 'undefined') return unavailable('This browser has no WebAssembly.');
  if (!configured) return unavailable('The page did not say where tfjs\'s .wasm files are served (useWasmFiles was not called).');
  return { name: 'wasm', available: true, detail: await wasmDetail(), software: false };
}

/** Once the backend runs: the threads XNNPACK really has, which the probe can only plan. */
export const wasmDetailOnceStarted = (): Promise<string> => wasmDetail(getThreadsCount());
