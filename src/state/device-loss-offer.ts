// After the GPU device or WebGL context under a run was lost: which backend to offer to continue on besides the
// same one started again. The order is the fallback chain, WebGPU → WebGL → WASM → CPU, where each is the next
// that this browser can run; CPU is always there.
import type { BackendName, BackendStatus } from '../engine/backend-status';

const AFTER_LOSS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
export const BACKEND_TITLE: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** What a run whose device was lost can continue on: the same backend started again, and the next in the chain. */
export interface DeviceLossOffer {
  /** What was lost and why, in words, as the worker said it ("the WebGL context was lost (…)"). */
  why: string;
  lost: BackendName;
  next: BackendName | null;
}

/** The first backend after `lost` in the chain that `statuses` says is available (CPU when none says). */
export function nextBackend(lost: BackendName, statuses: readonly BackendStatus[]): BackendName | null {
  const after = AFTER_LOSS.slice(AFTER_LOSS.indexOf(lost) + 1);
  return after.find((name) => name === 'cpu' || statuses.find((s) => s.name === name)?.available) ?? null;
}
