// Switching a Node test to tfjs's WASM backend, for tests whose cost is training and whose claim holds on any
// backend (setup-node.ts starts each file on the CPU backend, or on the one TEST_BACKEND names).
import * as tf from '@tensorflow/tfjs';

/** Makes WASM the backend from here on (its .wasm files come from node_modules: setup-node.ts). */
export async function startWasm(): Promise<void> {
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs\'s WASM backend did not start under Node');
  await tf.ready();
}

/** Runs `work` on WASM, then goes back to the backend the test was on, whether or not `work` threw. */
export async function onWasm<T>(work: () => Promise<T>): Promise<T> {
  const testBackend = tf.getBackend();
  await startWasm();
  try {
    return await work();
  } finally {
    await tf.setBackend(testBackend);
  }
}
