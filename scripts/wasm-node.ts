// Points tfjs's WASM backend at its .wasm files in node_modules, for tests, benchmarks and scripts under Node.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { useWasmFiles } from '../src/engine/backend-wasm';

const require = createRequire(import.meta.url);

/** The folder holding tfjs-backend-wasm's .wasm files, with the trailing separator tfjs expects. */
export function wasmFolder(): string {
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

export function useNodeWasmFiles(): void {
  useWasmFiles(wasmFolder());
}
