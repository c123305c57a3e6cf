// The float16 rounding kernel on tfjs's WebGPU backend, in integer bit manipulation (bitcast<u32>) with the steps
// of float16.ts, so it is exact on any GPU (WGSL's pack2x16float leaves its rounding to the implementation, and
// SwiftShader's does not round to nearest even).
//
// The program works on the flat index, so tensors of any rank are passed as 1-D views of the same buffer.
import type * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { ROUND_FLOAT16 } from './names';

/** float32 bits ↔ binary16 bits, round to nearest even (see float16.ts for the reasoning). */
export const WGSL_F16_BITS = `
fn f16BitsFromF32Bits(b : u32) -> u32 {
  let s = (b >> 16u) & 0x8000u;
  let ex = (b >> 23u) & 0xffu;
  let fr = b & 0x7fffffu;
  if (ex == 0xffu) { return select(s | 0x7e00u | (fr >> 13u), s | 0x7c00u, fr == 0u); }
  let he = i32(ex) - 112;
  if (he >= 31) { return s | 0x7c00u; }
  if (he >= 1) {
    let h = s | (u32(he) << 10u) | (fr >> 13u);
    let rest = fr & 0x1fffu;
    return h + select(0u, 1u, rest > 0x1000u || (rest == 0x1000u && (h & 1u) == 1u));
  }
  let shift = u32(126 - i32(ex));
  if (shift > 24u) { return s; }
  let m = fr | 0x800000u;
  let q = m >> shift;
  let rest = m & ((1u << shift) - 1u);
  let halfway = 1u << (shift - 1u);
  return s | (q + select(0u, 1u, rest > halfway || (rest == halfway && (q & 1u) == 1u)));
}

fn f32BitsFromF16Bits(h : u32) -> u32 {
  let s = (h & 0x8000u) << 16u;
  let ex = (h >> 10u) & 0x1fu;
  let fr = h & 0x3ffu;
  if (ex == 0x1fu) { return s | 0x7f800000u | (fr << 13u); }
  if (ex != 0u) { return s | ((ex + 112u) << 23u) | (fr << 13u); }
  if (fr == 0u) { return s; }
  let p = firstLeadingBit(fr);
  return s | ((p + 103u) << 23u) | ((fr << (23u - p)) & 0x7fffffu);
}
`;

const WORKGROUP = 64;

/** A program over `size` output elements, one per invocation; `main` sees `index` and `uniforms.size`. */
function flatProgram(shaderKey: string, size: number, body: string): WebGPUProgram {
  return {
    shaderKey,
    variableNames: ['A'],
    outputShape: [size],
    size: true,
    workgroupSize: [WORKGROUP, 1, 1],
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(size / WORKGROUP), 1, 1],
    getUserCode: () => `${WGSL_F16_BITS}
fn main(index : i32) {
  if (index < uniforms.size) {
    ${body}
  }
}`,
  };
}

const flat = (t: tf.TensorInfo, size: number): tf.TensorInfo => ({ dataId: t.dataId, dtype: t.dtype, shape: [size] });
const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function roundFloat16({ inputs, backend }: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const x = inputs.x!;
  const size = sizeOf(x.shape);
  const program = flatProgram('roundFloat16', size,
    'result[index] = bitcast<f32>(f32BitsFromF16Bits(f16BitsFromF32Bits(bitcast<u32>(A[index]))));');
  const out = (backend as WebGPUBackend).runWebGPUProgram(program, [flat(x, size)], 'float32');
  return { ...out, shape: x.shape };
}

export const webgpuKernels: Omit<tf.KernelConfig, 'backendName'>[] = [
  { kernelName: ROUND_FLOAT16, kernelFunc: roundFloat16 as tf.KernelFunc },
];
