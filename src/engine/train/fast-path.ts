// Whether the engine uses its fused WebGPU kernels (kernels/fused-*.ts) where they apply. A tfjs environment
// flag, on by default, so a benchmark or a test can compare both paths in one run without rebuilding anything.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

export const FAST_PATH_FLAG = 'SANDBOX_FAST_PATH';

tf.env().registerFlag(FAST_PATH_FLAG, () => true);

export function setFastPath(enabled: boolean): void {
  tf.env().set(FAST_PATH_FLAG, enabled);
}

/** The internals of tfjs-backend-webgpu 4.22 the fused kernels rely on; checked so another version falls back. */
const NEEDED = ['device', 'tensorMap', 'uploadToGPU', 'makeUniforms', 'ensureCommandEncoderReady', 'submitQueue', 'makeTensorInfo'] as const;

/** The active WebGPU backend when the fast path is on and usable, else null (use the plain tensor ops). */
export function fusedWebGpu(): WebGPUBackend | null {
  if (!tf.env().getBool(FAST_PATH_FLAG) || tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend() as unknown as Record<string, unknown>;
  return NEEDED.every((k) => backend[k] != null) ? (backend as unknown as WebGPUBackend) : null;
}
