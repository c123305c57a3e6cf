// Tests under Node run on tfjs's CPU backend, or on the one TEST_BACKEND names (the lessons tier uses 'wasm',
// vitest.config.ts). PROD silences tfjs's advice to install tfjs-node, which is not for us (the product runs in
// browsers); it only gates warnings. The WASM backend is always made available (its .wasm files from
// node_modules), for the tests that switch to it. Leaks are checked by the tests themselves.
import * as tf from '@tensorflow/tfjs';
import { useNodeWasmFiles } from '../scripts/wasm-node';

tf.env().set('PROD', true);
useNodeWasmFiles();
const backend = process.env.TEST_BACKEND ?? 'cpu';
if (!['cpu', 'wasm'].includes(backend)) throw new Error(`TEST_BACKEND is "${backend}": under Node the tests run on "cpu" or "wasm".`);
await tf.setBackend(backend);
