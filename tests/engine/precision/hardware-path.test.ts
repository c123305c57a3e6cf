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
      ['mixed_float16', { backend: 'webgpu', shaderF16: noF16 }, 'emulated', /does not offer the shader-f16 feature.*no float16 WebGPU kernels/],
      // an adapter with shader-f16 changes nothing: the step has no float16 kernels, and the report says both
      ['mixed_float16', { backend: 'webgpu', shaderF16: f16 }, 'emulated', /offers shader-f16\. The training step has no float16 WebGPU kernels/],
      ['mixed_float16', { backend: 'cpu' }, 'emulated', /only float32 arrays/],
      ['float16', { backend: 'webgl', webglProbe: { halfFloat: true, deviations: [] } }, 'webgl-f16-textures', /half-float textures.*0\.333251953125[^]*does\.$/],
      ['float16', { backend: 'webgl', webglProbe: { halfFloat: true, deviations: ['65520 → NaN, not Infinity'] } }, 'webgl-f16-textures', /not always round-to-nearest-even.*65520 → NaN, not Infinity/],
      ['float16', { backend: 'webgl', webglProbe: { halfFloat: false, deviations: [] } }, 'emulated', /did not give half-float textures/],
      ['float16', { backend: 'webgpu', shaderF16: f16 }, 'emulated', /offers shader-f16.*stay in float32 tensors.*exactly to binary16/],
      ['float16', { backend: 'webgpu', shaderF16: noF16 }, 'emulated', /stay in float32 tensors/],
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

  it('float16 halves everything: really on half-float textures, on paper only when emulated', () => {
    const textures = precisionMemory('float16', 'webgl-f16-textures', counts);
    expect([textures.weights.actualBytes, textures.optimizerSlots.actualBytes, textures.activations.actualBytes]).toEqual([2000, 4000, 1000]);
    expect(textures.emulated).toBe('');
    const emulated = precisionMemory('float16', 'emulated', counts);
    expect([emulated.weights.policyBytes, emulated.optimizerSlots.policyBytes, emulated.activations.policyBytes]).toEqual([2000, 4000, 1000]);
    expect([emulated.weights.actualBytes, emulated.optimizerSlots.actualBytes, emulated.activations.actualBytes]).toEqual([4000, 8000, 2000]);
    expect(emulated.emulated).toMatch(/weights and optimizer slots and activations are rounded/);
  });
});

describe('detectShaderF16 without WebGPU', () => {
  it('says there is no WebGPU rather than failing', async () => {
    const d = await detectShaderF16();
    expect(d.available).toBe(false);
    expect(d.why).toMatch(/navigator\.gpu is missing/);
  });
});
