import { describe, expect, it } from 'vitest';
import { chooseFloat16Path, precisionMemory } from '../../../src/engine/precision/hardware-path';
import { detectShaderF16 } from '../../../src/engine/precision/webgpu-f16';

const noF16 = { available: false, adapter: 'SwiftShader', why: 'The WebGPU adapter (SwiftShader) does not offer the shader-f16 feature.' };
const f16 = { available: true, adapter: 'Some GPU', why: 'The WebGPU adapter (Some GPU) offers shader-f16.' };

describe('chooseFloat16Path', () => {
  it('says which path runs and why, per policy and backend', () => {
    expect(chooseFloat16Path('float32', { backend: 'webgl' })).toBeNull();
    const cases = [
      ['mixed_float16', { backend: 'webgl', webglProbe: { halfFloat: true, deviations: [] } }, 'emulated', /one texture type.*master weights/],
      ['mixed_float16', { backend: 'webgpu', shaderF16: noF16 }, 'emulated', /shader-f16/],
      ['mixed_float16', { backend: 'webgpu', shaderF16: f16 }, 'webgpu-shader-f16', /offers shader-f16/],
      ['mixed_float16', { backend: 'cpu' }, 'emulated', /only float32 arrays/],
      ['float16', { backend: 'webgl', webglProbe: { halfFloat: true, deviations: [] } }, 'webgl-f16-textures', /half-float textures.*0\.333251953125[^]*does\.$/],
      ['float16', { backend: 'webgl', webglProbe: { halfFloat: true, deviations: ['65520 → NaN, not Infinity'] } }, 'webgl-f16-textures', /not always round-to-nearest-even.*65520 → NaN, not Infinity/],
      ['float16', { backend: 'webgl', webglProbe: { halfFloat: false, deviations: [] } }, 'emulated', /did not give half-float textures/],
      ['float16', { backend: 'webgpu', shaderF16: noF16, packedStorage: true }, 'webgpu-packed-f16', /two per 32-bit word/],
      ['float16', { backend: 'webgpu', shaderF16: noF16 }, 'emulated', /keeps its weights in float32 tensors/],
      ['float16', { backend: 'cpu' }, 'emulated', /exactly to binary16/],
    ] as const;
    for (const [policy, caps, path, why] of cases) {
      const report = chooseFloat16Path(policy, caps);
      expect(report?.path, `${policy} on ${caps.backend}`).toBe(path);
      expect(report?.why).toMatch(why);
    }
  });
});

describe('precisionMemory', () => {
  const counts = { weights: 1000, optimizerSlots: 2000, activations: 500 };
  it('float32 takes 4 B a value and emulates nothing', () => {
    const m = precisionMemory('float32', null, counts);
    expect([m.weights, m.optimizerSlots, m.activations]).toEqual([
      { policyBytes: 4000, actualBytes: 4000 }, { policyBytes: 8000, actualBytes: 8000 }, { policyBytes: 2000, actualBytes: 2000 },
    ]);
    expect(m.emulated).toBe('');
  });

  it('mixed_float16 halves activations only, and says when that is emulated', () => {
    const m = precisionMemory('mixed_float16', 'emulated', counts);
    expect(m.weights).toEqual({ policyBytes: 4000, actualBytes: 4000 });
    expect(m.activations).toEqual({ policyBytes: 1000, actualBytes: 2000 });
    expect(m.emulated).toMatch(/activations are rounded to float16 but stored in float32/);
  });

  it('float16 halves everything: really on half-float textures, weights and slots only when packed on WebGPU', () => {
    const textures = precisionMemory('float16', 'webgl-f16-textures', counts);
    expect([textures.weights.actualBytes, textures.optimizerSlots.actualBytes, textures.activations.actualBytes]).toEqual([2000, 4000, 1000]);
    expect(textures.emulated).toBe('');
    const packed = precisionMemory('float16', 'webgpu-packed-f16', counts);
    expect([packed.weights.actualBytes, packed.optimizerSlots.actualBytes, packed.activations.actualBytes]).toEqual([2000, 4000, 2000]);
    expect(packed.emulated).toMatch(/activations/);
  });
});

describe('detectShaderF16 without WebGPU', () => {
  it('says there is no WebGPU rather than failing', async () => {
    const d = await detectShaderF16();
    expect(d.available).toBe(false);
    expect(d.why).toMatch(/navigator\.gpu is missing/);
  });
});
