// The WASM backend's .wasm files as assets of the build (Vite copies and fingerprints them), so the page loads
// them from its own origin, offline too. Imported by the training worker only: Node reads node_modules instead.
import * as tf from '@tensorflow/tfjs';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { useWasmFiles, WASM_THREADS_OFF } from '../engine/backend-wasm';

// tfjs-backend-wasm 4.22.0's threaded build starts its pthread workers from the source text of its Emscripten
// factory, which refers to names the bundler has renamed: in the built app every thread dies with
// "ReferenceError: e is not defined" and the backend never finishes starting. So the page runs WASM on one
// thread (SIMD still on) even when cross-origin isolated.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
void WASM_THREADS_OFF;
useWasmFiles({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd });
