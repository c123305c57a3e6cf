// tfjs's WASM backend: where its .wasm files are served from, whether SIMD and threads are on, and the training
// kernels it lacks registered before it runs. The page serves the files itself (worker/wasm-files.ts) so the app
// works offline; under Node they are read from node_modules (scripts/wasm-node.ts).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './kernels/wasm-training';
import type { BackendStatus } from './backend-status';

/** The three builds tfjs-backend-wasm ships: plain, SIMD, and SIMD with threads (needs cross-origin isolation). */
export type WasmFiles = { 'tfjs-backend-wasm.wasm': string; 'tfjs-backend-wasm-simd.wasm': string; 'tfjs-backend-wasm-threaded-simd.wasm': string };

let configured = false;

/** Why the page runs WASM on one thread although it could have more (worker/wasm-files.ts). */
export const WASM_THREADS_OFF = 'one thread: tfjs 4.22\'s threaded build does not start once bundled';

/** Where the .wasm files are: a folder URL or path ending in "/", or one URL per file. Call before the backend starts. */
export function useWasmFiles(where: string | WasmFiles): void {
  // tfjs's types take a prefix or a map; with a map it uses exactly the URLs given (usePlatformFetch off)
  setWasmPaths(where as string);
  registerWasmTrainingKernels();
  configured = true;
}

/** Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages (COOP + COEP headers). */
function threadsAllowed(): boolean {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return typeof SharedArrayBuffer !== 'undefined' && isolated !== false;
}

export async function probeWasm(): Promise<BackendStatus> {
  const unavailable = (detail: string): BackendStatus => ({ name: 'wasm', available: false, detail, software: false });
  if (typeof WebAssembly === 'undefined') return unavailable('This browser has no WebAssembly.');
  if (!configured) return unavailable('The page did not say where tfjs\'s .wasm files are served (useWasmFiles was not called).');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = threadsAllowed() && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  const cores = (globalThis.navigator as Navigator | undefined)?.hardwareConcurrency;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const oneThread = isolated ? WASM_THREADS_OFF : 'one thread (threads need a cross-origin isolated page: COOP and COEP headers)';
  const detail = `WebAssembly on the processor, ${simd ? 'SIMD' : 'no SIMD'}, ${threads ? `${cores ?? 'several'} threads` : oneThread}`;
  return { name: 'wasm', available: true, detail, software: false };
}
