// The WASM backend's .wasm files as assets of the build (Vite copies and fingerprints them), so the page loads
// them from its own origin, offline too. Imported by the training worker only: Node reads node_modules instead.
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { useWasmFiles } from '../engine/backend-wasm';

// The threaded build's factory is rebuilt from its own text by build-plugins/threaded-wasm.ts, so its pthread
// workers start once bundled; tfjs uses it where the page is cross-origin isolated (COOP + COEP).
useWasmFiles({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd });
