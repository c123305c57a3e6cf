// The float16 rounding kernel on tfjs's WASM backend: float16.ts's JS conversion applied to the tensor's values where
// they lie on the WASM heap (read and written in place, no copy to and from JS arrays).
import type * as tf from '@tensorflow/tfjs';
import { roundFloat16Array } from '../precision/float16';
import { ROUND_FLOAT16 } from './names';

interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

export const wasmKernels: Omit<tf.KernelConfig, 'backendName'>[] = [
  {
    kernelName: ROUND_FLOAT16,
    kernelFunc: ({ inputs, backend }) => {
      const wasm = backend as unknown as WasmBackend;
      const rounded = roundFloat16Array(wasm.typedArrayFromHeap(inputs.x!) as Float32Array);
      const out = wasm.makeOutput(inputs.x!.shape, 'float32');
      (wasm.typedArrayFromHeap(out) as Float32Array).set(rounded);
      return out;
    },
  },
];
