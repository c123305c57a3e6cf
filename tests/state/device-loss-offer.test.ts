// Which backend a run whose device was lost is offered to continue on: the next in WebGPU → WebGL → WASM → CPU
// that the browser can run.
import { describe, expect, it } from 'vitest';
import type { BackendName, BackendStatus } from '../../src/engine/backend-status';
import { nextBackend } from '../../src/state/device-loss-offer';

const statuses = (available: BackendName[]): BackendStatus[] => (['webgpu', 'webgl', 'wasm', 'cpu'] as const)
  .map((name) => ({ name, available: available.includes(name), detail: '', software: false }));

describe('nextBackend', () => {
  it('follows the chain, skipping what the browser cannot run', () => {
    expect(nextBackend('webgpu', statuses(['webgpu', 'webgl', 'wasm', 'cpu']))).toBe('webgl');
    expect(nextBackend('webgpu', statuses(['webgpu', 'cpu']))).toBe('cpu');
    expect(nextBackend('webgl', statuses(['webgl', 'wasm', 'cpu']))).toBe('wasm');
    expect(nextBackend('webgl', statuses(['webgl', 'cpu']))).toBe('cpu');
  });
  it('offers the CPU even before the probe has answered, and nothing after the CPU', () => {
    expect(nextBackend('webgl', [])).toBe('cpu');
    expect(nextBackend('cpu', statuses(['cpu']))).toBeNull();
  });
});
