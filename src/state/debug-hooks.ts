// Faults on demand, for the browser tests that check the page survives them: only where this browser's
// localStorage has "sandbox-debug" set to "1" (tests set it before the page loads), so nobody meets them by
// accident. Each hook is one call into the code path a real fault takes.
import type { TrainingSession } from './session.svelte';

export interface DebugHooks {
  /** The worker throws where nothing catches it ('error'), or is ended from the page ('terminated'). */
  crashWorker(cause: 'error' | 'terminated'): void;
  /** The worker's GPU device is destroyed (WebGPU) or its WebGL context lost. */
  loseDevice(): void;
}

export function installDebugHooks(session: TrainingSession): void {
  let enabled = false;
  try {
    enabled = localStorage.getItem('sandbox-debug') === '1';
  } catch {
    return; // storage blocked: no hooks
  }
  if (!enabled) return;
  const hooks: DebugHooks = { crashWorker: (cause) => session.crashWorkerForTest(cause), loseDevice: () => session.loseDeviceForTest() };
  (window as unknown as { sandboxDebug: DebugHooks }).sandboxDebug = hooks;
}
