// The backend probe in real Chromium. The test flags (scripts/headless.ts) put WebGPU on SwiftShader everywhere;
// WebGL runs on SwiftShader on a machine without a GPU and on the GPU where there is one. Either way the probe
// names the device and calls it software exactly when it is an emulation, and the CPU is always there.
import { expect, it } from 'vitest';
import type { BackendStatus } from '../../src/engine/backend';
import { useFixtureBrowser } from './browser';

const fixture = useFixtureBrowser();

const SOFTWARE = /swiftshader|llvmpipe|software|basic render/i;

it('finds WebGPU, WebGL, WASM with SIMD and the CPU, names what each runs on, and says which are software', async () => {
  const statuses = await fixture<BackendStatus[]>('backends');
  console.log('[backends]', statuses.map((s) => `${s.name}: ${s.detail}${s.software ? ' (software)' : ''}`).join(' | '));
  expect(statuses.map((s) => [s.name, s.available])).toEqual([['webgpu', true], ['webgl', true], ['wasm', true], ['cpu', true]]);
  for (const gpu of statuses.filter((s) => s.name === 'webgpu' || s.name === 'webgl')) {
    expect(gpu.detail, gpu.name).not.toBe('');
    // software exactly when the device is an emulation: SwiftShader here, a real GPU's name elsewhere
    expect(gpu.software, `${gpu.name} on ${gpu.detail}`).toBe(SOFTWARE.test(gpu.detail));
  }
  // the launch flags ask for SwiftShader's WebGPU adapter, and WebGL is SwiftShader's too wherever there is no GPU
  const [webgpu, webgl, wasm, cpu] = statuses;
  expect(webgpu.detail).toMatch(/swiftshader/i);
  if (!webgl.software) console.log(`[backends] WebGL runs on a GPU here: ${webgl.detail}`);
  // the dev server isolates the page (COOP + COEP), so the probe plans a thread per core but one (at least 1, at most 8)
  expect(wasm.detail).toMatch(/SIMD, (\d+ threads|one thread)(, one core left for the page)?$/);
  expect(cpu).toMatchObject({ name: 'cpu', software: true });
});
