// The float16 kernels on tfjs's WASM backend: float16.ts's JS conversions applied to the tensor's values where
// they lie on the WASM heap (read and written in place, no copy to and from JS arrays).
import type * as tf from '@tensorflow/tfjs';
import { float16BitsToFloat32Bits, float32BitsToFloat16Bits, roundFloat16Array } from '../precision/float16';
import { PACK_FLOAT16, ROUND_FLOAT16, UNPACK_FLOAT16, type UnpackAttrs } from './names';

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
  {
    // word i = bits of x[2i] | bits of x[2i+1] << 16, as pack2x16float lays them out
    kernelName: PACK_FLOAT16,
    kernelFunc: ({ inputs, backend }) => {
      const wasm = backend as unknown as WasmBackend;
      const out = wasm.makeOutput([Math.ceil(inputs.x!.shape.reduce((a, b) => a * b, 1) / 2)], 'int32');
      const values = wasm.typedArrayFromHeap(inputs.x!) as Float32Array; // after makeOutput: the heap may have grown
      const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
      const words = wasm.typedArrayFromHeap(out) as Int32Array;
      words.fill(0);
      for (let i = 0; i < values.length; i++) words[i >> 1] |= float32BitsToFloat16Bits(bits[i]) << (16 * (i & 1));
      return out;
    },
  },
  {
    kernelName: UNPACK_FLOAT16,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackend;
      const { shape, size } = attrs as unknown as UnpackAttrs;
      const out = wasm.makeOutput(shape, 'float32');
      const words = wasm.typedArrayFromHeap(inputs.packed!) as Int32Array;
      const outValues = wasm.typedArrayFromHeap(out) as Float32Array;
      const outBits = new Uint32Array(outValues.buffer, outValues.byteOffset, size);
      for (let i = 0; i < size; i++) outBits[i] = float16BitsToFloat32Bits((words[i >> 1] >>> (16 * (i & 1))) & 0xffff);
      return out;
    },
  },
];
