// Which float16 path a run takes on this backend, said honestly, and what its weights and activations take in
// memory. Everywhere the numerics are exact binary16 rounding (roundFloat16) at the points the policy puts values
// in float16; a path only says whether the hardware also stores values in float16. The one such path is WebGL's
// half-float textures: the training step has no float16 WebGPU kernels (shader-f16 is detected and named, but
// neither SwiftShader nor NVIDIA's Vulkan driver offers it), so WebGPU runs are emulated and say why.
import type { PrecisionPolicy } from '../model/spec';
import type { ShaderF16Detection } from './webgpu-f16';

export type Float16Path = 'webgl-f16-textures' | 'emulated';

export interface Float16PathReport {
  path: Float16Path;
  why: string;
}

export interface Float16Capabilities {
  backend: 'webgpu' | 'webgl' | 'wasm' | 'cpu';
  /** WebGPU: the adapter's shader-f16 detection. */
  shaderF16?: ShaderF16Detection;
  /** WebGL: what probeWebGlStorage found after setWebGlHalfTextures(true). */
  webglProbe?: { halfFloat: boolean; deviations: readonly string[] };
}

const EMULATED = 'The values the policy puts in float16 are rounded exactly to binary16 (round to nearest even, subnormals, overflow to Infinity) inside float32 tensors: the numerics are float16\'s, the memory and speed are float32\'s.';

/** What WebGPU offers and why the step still runs float32 kernels on it. */
function webGpuF16(caps: Float16Capabilities): string {
  const detected = caps.shaderF16?.why ?? 'shader-f16 was not looked for.';
  return `${detected} The training step has no float16 WebGPU kernels, so weights and activations stay in float32 tensors.`;
}

/** The path for `policy` on this backend, with the reason in words; null for float32 (nothing is float16). */
export function chooseFloat16Path(policy: PrecisionPolicy, caps: Float16Capabilities): Float16PathReport | null {
  if (policy === 'float32') return null;
  // mixed_float16 differs only on WebGL; on every other backend both policies are emulated for the same reason
  if (policy === 'mixed_float16' && caps.backend === 'webgl') {
    return { path: 'emulated', why: `tfjs's WebGL backend stores every tensor in one texture type, so half-float textures would make the float32 master weights float16 too (that is the float16 policy). ${EMULATED}` };
  }
  switch (caps.backend) {
    case 'webgl': {
      const probe = caps.webglProbe;
      if (!probe?.halfFloat) return { path: 'emulated', why: `This WebGL context did not give half-float textures. ${EMULATED}` };
      const off = probe.deviations.length
        ? ` This GPU's own conversion to half is not always round-to-nearest-even (the GL spec leaves it open): ${probe.deviations.join('; ')}.`
        : '';
      return { path: 'webgl-f16-textures', why: `Every tensor (weights, activations, gradients, optimizer slots) is stored in half-float textures, verified by reading back 1/3 as 0.333251953125; shaders compute in float32 between a read and a write, as float16 hardware does.${off}` };
    }
    case 'webgpu':
      return { path: 'emulated', why: `${webGpuF16(caps)} ${EMULATED}` };
    case 'cpu':
      return { path: 'emulated', why: `The CPU backend has only float32 arrays. ${EMULATED}` };
    case 'wasm':
      return { path: 'emulated', why: `The WASM backend has only float32 arrays. ${EMULATED}` };
  }
}

/** Values a model keeps: trainable weights, optimizer slots (moments, accumulators) and one batch's activations. */
export interface ValueCounts {
  weights: number;
  optimizerSlots: number;
  /** Layer outputs for one batch: what backprop keeps between the forward and backward pass. */
  activations: number;
}

export interface MemoryPart {
  /** Bytes under the policy with real float16 storage where the policy says float16. */
  policyBytes: number;
  /** Bytes this path really allocates. */
  actualBytes: number;
}

export interface PrecisionMemory {
  weights: MemoryPart;
  optimizerSlots: MemoryPart;
  activations: MemoryPart;
  /** What is emulated (policy bytes not really saved), in words; '' when nothing is. */
  emulated: string;
}

/**
 * Bytes by policy: float32 4 B/value everywhere; mixed_float16 keeps float32 master weights and slots (Keras also
 * makes float16 copies of the weights for each step, transient and left out) with float16 activations;
 * float16 is 2 B/value everywhere. `actualBytes` is what the path stores: half floats only where it says so.
 */
export function precisionMemory(policy: PrecisionPolicy, path: Float16Path | null, counts: ValueCounts): PrecisionMemory {
  const half = { weights: policy === 'float16', optimizerSlots: policy === 'float16', activations: policy !== 'float32' };
  const textures = path === 'webgl-f16-textures';
  const stored = { weights: textures, optimizerSlots: textures, activations: textures };
  const part = (key: keyof ValueCounts): MemoryPart => ({
    policyBytes: counts[key] * (half[key] ? 2 : 4),
    actualBytes: counts[key] * (half[key] && stored[key] ? 2 : 4),
  });
  const names = { weights: 'weights', optimizerSlots: 'optimizer slots', activations: 'activations' };
  const emulated = (Object.keys(names) as (keyof ValueCounts)[]).filter((k) => half[k] && !stored[k]).map((k) => names[k]);
  return {
    weights: part('weights'),
    optimizerSlots: part('optimizerSlots'),
    activations: part('activations'),
    emulated: emulated.length ? `The float16 ${emulated.join(' and ')} are rounded to float16 but stored in float32 on this path, so they take 4 B a value, not 2.` : '',
  };
}
