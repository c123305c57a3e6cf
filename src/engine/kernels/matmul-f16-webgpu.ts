// A float16 matMul for WebGPU devices with shader-f16: inputs in float16 storage (packFloat16's int32 words, read
// as vec2<f16>), products in f16, sums in f32, output float32 [m, n]. One invocation per output element: the
// simplest correct kernel, to show real f16 arithmetic and storage, not to beat tfjs's tiled float32 matMul.
//
// UNTESTED ON HARDWARE HERE: SwiftShader and NVIDIA's Vulkan driver offer no shader-f16, so this kernel has never
// compiled on this project's machines. It is registered only on a device with the feature
// (webgpu-f16.ts useWebGpuWithShaderF16), and the op refuses to run elsewhere with a message saying why.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { deviceHasShaderF16, F16_MARKER } from '../precision/webgpu-f16';

export const MATMUL_PACKED_F16 = 'MatMulPackedF16';

interface MatMulAttrs {
  m: number;
  k: number;
  n: number;
}

const WORKGROUP = 64;

function program(m: number, n: number): WebGPUProgram {
  return {
    shaderKey: 'matMulPackedF16',
    variableNames: ['A', 'B'],
    outputShape: [m * n],
    size: true,
    uniforms: 'm : i32, k : i32, n : i32,',
    workgroupSize: [WORKGROUP, 1, 1],
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil((m * n) / WORKGROUP), 1, 1],
    getUserCode: () => `${F16_MARKER}
fn halfAt(word : i32, index : i32) -> f16 {
  return bitcast<vec2<f16>>(word)[index % 2];
}
fn main(index : i32) {
  if (index < uniforms.size) {
    let row = index / uniforms.n;
    let col = index % uniforms.n;
    var sum = 0.0;
    for (var i = 0; i < uniforms.k; i++) {
      let a = row * uniforms.k + i;
      let b = i * uniforms.n + col;
      sum += f32(halfAt(A[a / 2], a) * halfAt(B[b / 2], b));
    }
    result[index] = sum;
  }
}`,
  };
}

function matMulPackedF16({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { m, k, n } = attrs as unknown as MatMulAttrs;
  const uniforms = [{ type: 'int32', data: [m] }, { type: 'int32', data: [k] }, { type: 'int32', data: [n] }];
  const out = (backend as WebGPUBackend).runWebGPUProgram(program(m, n), [inputs.a!, inputs.b!], 'float32', uniforms);
  return { ...out, shape: [m, n] };
}

/**
 * a·b for a [m, k] and b [k, n] stored by packFloat16 (int32 [ceil(m·k/2)] and [ceil(k·n/2)]), computed in
 * float16 on a WebGPU device with shader-f16. Float32 [m, n].
 */
export function matMulPackedFloat16(a: tf.Tensor1D, b: tf.Tensor1D, m: number, k: number, n: number): tf.Tensor2D {
  if (!deviceHasShaderF16()) {
    throw new Error('matMulPackedFloat16 needs the webgpu backend on a device with shader-f16 (see detectShaderF16 for why there is none here); use float32 kernels with roundFloat16 instead.');
  }
  if (!tf.getKernel(MATMUL_PACKED_F16, 'webgpu')) {
    tf.registerKernel({ kernelName: MATMUL_PACKED_F16, backendName: 'webgpu', kernelFunc: matMulPackedF16 as tf.KernelFunc });
  }
  if (a.size !== Math.ceil((m * k) / 2) || b.size !== Math.ceil((k * n) / 2)) {
    throw new Error(`matMulPackedFloat16: packed sizes ${a.size} and ${b.size} do not fit [${m}, ${k}]·[${k}, ${n}]; pack each matrix with packFloat16.`);
  }
  return tf.engine().runKernel(MATMUL_PACKED_F16, { a, b }, { m, k, n } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
