// The float16 kernels on tfjs's CPU backend: the JS conversions of float16.ts applied to the tensor's values.
import type * as tf from '@tensorflow/tfjs';
import { float16BitsToFloat32Bits, float32BitsToFloat16Bits, roundFloat16Array } from '../precision/float16';
import { PACK_FLOAT16, ROUND_FLOAT16, UNPACK_FLOAT16, type UnpackAttrs } from './names';

type CpuBackend = tf.MathBackendCPU;

const float32Values = (backend: CpuBackend, x: tf.TensorInfo) => backend.data.get(x.dataId)!.values as Float32Array;

export const cpuKernels: Omit<tf.KernelConfig, 'backendName'>[] = [
  {
    kernelName: ROUND_FLOAT16,
    kernelFunc: ({ inputs, backend }) => {
      const cpu = backend as CpuBackend;
      return cpu.makeTensorInfo(inputs.x!.shape, 'float32', roundFloat16Array(float32Values(cpu, inputs.x!)));
    },
  },
  {
    // word i = bits of x[2i] | bits of x[2i+1] << 16, as pack2x16float lays them out
    kernelName: PACK_FLOAT16,
    kernelFunc: ({ inputs, backend }) => {
      const cpu = backend as CpuBackend;
      const values = float32Values(cpu, inputs.x!);
      const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
      const words = new Int32Array(Math.ceil(values.length / 2));
      for (let i = 0; i < values.length; i++) {
        words[i >> 1] |= float32BitsToFloat16Bits(bits[i]) << (16 * (i & 1));
      }
      return cpu.makeTensorInfo([words.length], 'int32', words);
    },
  },
  {
    kernelName: UNPACK_FLOAT16,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cpu = backend as CpuBackend;
      const { shape, size } = attrs as unknown as UnpackAttrs;
      const words = cpu.data.get(inputs.packed!.dataId)!.values as Int32Array;
      const out = new Float32Array(size);
      const outBits = new Uint32Array(out.buffer);
      for (let i = 0; i < size; i++) outBits[i] = float16BitsToFloat32Bits((words[i >> 1] >>> (16 * (i & 1))) & 0xffff);
      return cpu.makeTensorInfo(shape, 'float32', out);
    },
  },
];
