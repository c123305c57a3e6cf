// The backend probe in real Chromium: with the test flags, WebGPU and WebGL both run on SwiftShader.
import { expect, it } from 'vitest';
import type { BackendStatus } from '../../src/engine/backend';
import { useFixtureBrowser } from './browser';

const fixture = useFixtureBrowser();

it('finds WebGPU and WebGL, both software (SwiftShader), WASM with SIMD, and the CPU', async () => {
  const statuses = await fixture<BackendStatus[]>('backends');
  expect(statuses.map((s) => [s.name, s.available])).toEqual([['webgpu', true], ['webgl', true], ['wasm', true], ['cpu', true]]);
  expect(statuses.find((s) => s.name === 'webgl')?.detail).toMatch(/SwiftShader/i);
  expect(statuses.find((s) => s.name === 'wasm')?.detail).toMatch(/SIMD, one thread/);
  expect(statuses.filter((s) => s.software).map((s) => s.name)).toEqual(['webgpu', 'webgl', 'cpu']);
});
