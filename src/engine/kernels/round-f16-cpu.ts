// The float16 rounding kernel on tfjs's CPU backend: the JS conversion of float16.ts applied to the tensor's values.
import type * as tf from '@tensorflow/tfjs';
import { roundFloat16Array } from '../precision/float16';
import { ROUND_FLOAT16 } from './names';

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
];
