// Float16 as tfjs ops: roundFloat16 (exact binary16 rounding of a float32 tensor, result still float32),
// and castFloat16 (the same forward, and its gradient rounds dy, so backward values crossing it are float16 too).
//
// The kernels are registered for a backend the first time an op runs on it, so only backends that exist get
// them, and Node (CPU only) never touches the WebGL or WebGPU code paths.
import * as tf from '@tensorflow/tfjs';
import { cpuKernels } from '../kernels/round-f16-cpu';
import { webglKernels } from '../kernels/round-f16-webgl';
import { webgpuKernels } from '../kernels/round-f16-webgpu';
import { wasmKernels } from '../kernels/round-f16-wasm';
import { ROUND_FLOAT16 } from '../kernels/names';

export { ROUND_FLOAT16 };

const KERNELS: Record<string, Omit<tf.KernelConfig, 'backendName'>[]> = {
  cpu: cpuKernels,
  webgl: webglKernels,
  webgpu: webgpuKernels,
  wasm: wasmKernels,
};

// Rounding is a step function, so its true derivative is 0 almost everywhere; as in every quantisation-aware
// training scheme, the gradient passes straight through. castFloat16 adds the rounding of that gradient.
tf.registerGradient({ kernelName: ROUND_FLOAT16, gradFunc: (dy) => ({ x: () => dy as tf.Tensor }) });

/** Registers the float16 kernels for the active backend if they are not there yet. */
function ensureKernels(kernelName: string): void {
  const backend = tf.getBackend();
  if (tf.getKernel(kernelName, backend)) return;
  const kernels = KERNELS[backend];
  if (!kernels) {
    throw new Error(`The float16 ops have kernels for the cpu, wasm, webgl and webgpu backends, not for "${backend}": switch with tf.setBackend('webgl') or another of those.`);
  }
  for (const kernel of kernels) {
    if (!tf.getKernel(kernel.kernelName, backend)) tf.registerKernel({ ...kernel, backendName: backend });
  }
}

function checkFloat32(x: tf.Tensor, op: string): void {
  if (x.dtype !== 'float32') throw new Error(`${op} takes a float32 tensor, got ${x.dtype}: cast it first with tf.cast(x, 'float32').`);
}

/** x rounded to the nearest binary16 value (ties to even, subnormals kept, overflow to ±Infinity), as float32. */
export function roundFloat16<T extends tf.Tensor>(x: T): T {
  checkFloat32(x, 'roundFloat16');
  ensureKernels(ROUND_FLOAT16);
  return tf.engine().runKernel(ROUND_FLOAT16, { x }) as T;
}

const cast = tf.customGrad((x, save) => {
  void save;
  return { value: roundFloat16(x as tf.Tensor), gradFunc: (dy: tf.Tensor) => roundFloat16(dy) };
});

/**
 * A float16 cast point: the forward value is roundFloat16(x) and the gradient flowing back through it is
 * roundFloat16(dy). `observeGradient`, if given, sees dy before that rounding (e.g. to count values that flush
 * to zero); it runs inside the backward pass, so anything it keeps must be kept with tf.keep or a variable.
 */
export function castFloat16<T extends tf.Tensor>(x: T, observeGradient?: (dy: tf.Tensor) => void): T {
  checkFloat32(x, 'castFloat16');
  if (!observeGradient) return cast(x) as T;
  return tf.customGrad((input, save) => {
    void save;
    return {
      value: roundFloat16(input as tf.Tensor),
      gradFunc: (dy: tf.Tensor) => {
        observeGradient(dy);
        return roundFloat16(dy);
      },
    };
  })(x) as T;
}
