// RoundFloat16 on tfjs's WebGL backend, in GLSL ES 3.0 integer arithmetic (floatBitsToUint / uintBitsToFloat):
// the same steps as float16.ts, so the result is exact whatever the GPU's float rounding does. Only the bits
// move; no float arithmetic touches the value.
import * as tf from '@tensorflow/tfjs';
import { ROUND_FLOAT16 } from './names';

/** float32 bits → binary16 bits, round to nearest even (see float32BitsToFloat16Bits in float16.ts). */
export const GLSL_F32_TO_F16 = `
uint f16BitsFromF32Bits(uint b) {
  uint s = (b >> 16) & 0x8000u;
  uint ex = (b >> 23) & 0xffu;
  uint fr = b & 0x7fffffu;
  if (ex == 0xffu) return fr == 0u ? (s | 0x7c00u) : (s | 0x7e00u | (fr >> 13));
  int he = int(ex) - 112;
  if (he >= 31) return s | 0x7c00u;
  if (he >= 1) {
    uint h = s | (uint(he) << 10) | (fr >> 13);
    uint rest = fr & 0x1fffu;
    return h + ((rest > 0x1000u || (rest == 0x1000u && (h & 1u) == 1u)) ? 1u : 0u);
  }
  int shift = 126 - int(ex);
  if (shift > 24) return s;
  uint m = fr | 0x800000u;
  uint q = m >> uint(shift);
  uint rest = m & ((1u << uint(shift)) - 1u);
  uint halfway = 1u << uint(shift - 1);
  return s | (q + ((rest > halfway || (rest == halfway && (q & 1u) == 1u)) ? 1u : 0u));
}`;

/** binary16 bits → float32 bits; GLSL ES 3.0 has no findMSB, so subnormals are normalised in a short loop. */
export const GLSL_F16_TO_F32 = `
uint f32BitsFromF16Bits(uint h) {
  uint s = (h & 0x8000u) << 16;
  uint ex = (h >> 10) & 0x1fu;
  uint fr = h & 0x3ffu;
  if (ex == 0x1fu) return s | 0x7f800000u | (fr << 13);
  if (ex != 0u) return s | ((ex + 112u) << 23) | (fr << 13);
  if (fr == 0u) return s;
  int e = 113;
  for (int i = 0; i < 10; i++) {
    if ((fr & 0x400u) != 0u) break;
    fr <<= 1;
    e -= 1;
  }
  return s | (uint(e) << 23) | ((fr & 0x3ffu) << 13);
}`;

function roundProgram(shape: number[]) {
  return {
    variableNames: ['A'],
    outputShape: shape,
    userCode: `${GLSL_F32_TO_F16}
${GLSL_F16_TO_F32}
void main() {
  float x = getAAtOutCoords();
  setOutput(uintBitsToFloat(f32BitsFromF16Bits(f16BitsFromF32Bits(floatBitsToUint(x)))));
}`,
  };
}

export const webglKernels: Omit<tf.KernelConfig, 'backendName'>[] = [
  {
    kernelName: ROUND_FLOAT16,
    kernelFunc: ({ inputs, backend }) => {
      const webgl = backend as tf.MathBackendWebGL;
      if (tf.env().getNumber('WEBGL_VERSION') !== 2) {
        throw new Error('roundFloat16 on WebGL needs WebGL 2 (GLSL ES 3.0 integer operations); this context is WebGL 1. Use the CPU or WebGPU backend.');
      }
      const x = inputs.x!;
      return webgl.runWebGLProgram(roundProgram(x.shape), [x], 'float32');
    },
  },
];
