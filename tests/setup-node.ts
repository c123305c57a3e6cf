// Unit tests run on tfjs's CPU backend under Node. PROD silences tfjs's advice to install tfjs-node, which is
// not for us (the product runs in browsers); it only gates warnings. Leaks are checked by the tests themselves.
// The WASM backend is made available too (its .wasm files from node_modules), for the tests that use it.
import * as tf from '@tensorflow/tfjs';
import { useNodeWasmFiles } from '../scripts/wasm-node';

tf.env().set('PROD', true);
useNodeWasmFiles();
await tf.setBackend('cpu');
