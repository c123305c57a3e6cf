// The backend probe in real Chromium: with the test flags, WebGPU and WebGL both run on SwiftShader.
import { expect, it } from 'vitest';
import type { BackendStatus } from '../../src/engine/backend';
import { useFixtureBrowser } from './browser';

const fixture = useFixtureBrowser();

it('finds WebGPU and WebGL, both software (SwiftShader), and the CPU', async () => {
  const statuses = await fixture<BackendStatus[]>('backends');
  expect(statuses.map((s) => [s.name, s.available])).toEqual([['webgpu', true], ['webgl', true], ['cpu', true]]);
  expect(statuses.find((s) => s.name === 'webgl')?.detail).toMatch(/SwiftShader/i);
  expect(statuses.every((s) => s.software)).toBe(true);
});
