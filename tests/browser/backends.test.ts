// The backend probe in real Chromium: with the test flags, WebGPU and WebGL both run on SwiftShader.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BackendStatus } from '../../src/engine/backend';
import { launch } from './browser';
import { closeFixtureServer, runFixture } from './fixture-server';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeFixtureServer();
});

it('finds WebGPU and WebGL, both software (SwiftShader), and the CPU', async () => {
  const statuses = await runFixture<BackendStatus[]>(browser, 'backends');
  expect(statuses.map((s) => [s.name, s.available])).toEqual([['webgpu', true], ['webgl', true], ['cpu', true]]);
  expect(statuses.find((s) => s.name === 'webgl')?.detail).toMatch(/SwiftShader/i);
  expect(statuses.every((s) => s.software)).toBe(true);
});
