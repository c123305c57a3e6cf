// Picks the tfjs backend: the one asked for if it works, else WebGPU → WebGL → WASM → CPU; under Auto, the one
// that trained the run's own model fastest in a short timed trial (a software GPU such as SwiftShader can be far
// slower than WASM). Says why each unavailable one is unavailable, so the page can show what is really running.
import * as tf from '@tensorflow/tfjs';
import { probeWasm, wasmDetailOnceStarted } from './backend-wasm';
import type { BackendChoice } from './model/spec';
import type { FastPathStatus } from './train/fast-path';
import type { BackendName, BackendStatus } from './backend-status';

export type { BackendName, BackendStatus };
export const FALLBACK_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendReport {
  requested: BackendChoice;
  active: BackendName;
  statuses: BackendStatus[];
  /** Set when the requested backend could not be used. */
  fallbackReason?: string;
  /** WebGPU only: whether the fused training kernels run, and why or why not. */
  fastPath?: FastPathStatus;
  /** Under Auto: what each available backend trained this run's model at, in the trial Auto chose from. */
  measured?: BackendSpeed[];
}

export interface BackendSpeed {
  name: BackendName;
  examplesPerSecond: number;
  /** Timed steps (after one untimed warm-up step); 0 when the warm-up alone used the backend's share of the budget. */
  steps: number;
}

/** Times a few training steps of the run's model on the active backend, within `budgetMs`. */
export type SpeedTrial = (name: BackendName, budgetMs: number) => Promise<BackendSpeed>;

/** Auto's whole trial, shared by the backends it times (issue 11: "a budget of about 2 s"). */
export const TRIAL_BUDGET_MS = 2000;

const SOFTWARE = /swiftshader|llvmpipe|software|basic render/i;

async function probeWebGpu(): Promise<BackendStatus> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GPU } | undefined)?.gpu;
  const unavailable = (detail: string): BackendStatus => ({ name: 'webgpu', available: false, detail, software: false });
  if (!gpu) return unavailable('This browser has no WebGPU (navigator.gpu is missing). Chrome and Edge 113+ have it; elsewhere it may need enabling.');
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return unavailable('WebGPU is present but offered no GPU adapter (the GPU may be blocklisted or disabled).');
  const info = adapter.info;
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  // Registers the backend; it registers itself only where navigator.gpu exists, so the import waits until here.
  await import('@tensorflow/tfjs-backend-webgpu');
  return { name: 'webgpu', available: true, detail: name, software: SOFTWARE.test(name) };
}

function probeWebGl(): BackendStatus {
  const unavailable = (detail: string): BackendStatus => ({ name: 'webgl', available: false, detail, software: false });
  if (typeof OffscreenCanvas === 'undefined') return unavailable('No OffscreenCanvas here, so no WebGL context can be created.');
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return unavailable('The browser refused a WebGL2 context: WebGL may be disabled, or the GPU blocklisted.');
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { name: 'webgl', available: true, detail: renderer, software: SOFTWARE.test(renderer) };
}

const CPU_STATUS: BackendStatus = { name: 'cpu', available: true, detail: 'JavaScript on the processor, no GPU.', software: true };

/** What each backend would run on, without switching to any of them. */
export async function probeBackends(): Promise<BackendStatus[]> {
  return [await probeWebGpu(), probeWebGl(), await probeWasm(), CPU_STATUS];
}

export const BACKEND_TITLES: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** Switches tfjs to `status`'s backend; on failure marks it unavailable with tfjs's reason and returns false. */
async function activate(status: BackendStatus): Promise<boolean> {
  const title = BACKEND_TITLES[status.name];
  try {
    if ((await tf.setBackend(status.name)) && tf.getBackend() === status.name) {
      await tf.ready();
      if (status.name === 'wasm') status.detail = await wasmDetailOnceStarted();
      return true;
    }
    status.detail = `tfjs could not start its ${title} backend.`;
  } catch (e) {
    status.detail = `tfjs could not start its ${title} backend: ${e instanceof Error ? e.message : String(e)}`;
  }
  status.available = false;
  return false;
}

/**
 * Activates the requested backend, or the first that works in WebGPU → WebGL → WASM → CPU order. Under Auto
 * with a `trial`, every available backend is timed on the run's model and the fastest is kept.
 */
export async function selectBackend(requested: BackendChoice, trial?: SpeedTrial): Promise<BackendReport> {
  const statuses = await probeBackends();
  const order = requested === 'auto' ? FALLBACK_ORDER : [requested, ...FALLBACK_ORDER.filter((n) => n !== requested)];
  // tfjs refuses software WebGL (SwiftShader) by default; it is slower than a GPU but can beat the CPU.
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  const candidates = order.map((name) => statuses.find((s) => s.name === name)!).filter((s) => s.available);
  if (requested === 'auto' && trial && candidates.length > 1) {
    const measured: BackendSpeed[] = [];
    for (const status of candidates) {
      if (!(await activate(status))) continue;
      try {
        measured.push(await trial(status.name, TRIAL_BUDGET_MS / candidates.length));
      } catch (e) {
        status.available = false;
        status.detail = `Training failed on it: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    const fastest = [...measured].sort((a, b) => b.examplesPerSecond - a.examplesPerSecond)[0];
    if (fastest && (await activate(statuses.find((s) => s.name === fastest.name)!))) {
      return { requested, active: fastest.name, statuses, measured };
    }
  }
  for (const status of candidates) {
    if (!status.available || !(await activate(status))) continue;
    const first = statuses.find((s) => s.name === order[0])!;
    const fallbackReason = status.name !== order[0] ? `${BACKEND_TITLES[first.name]} is unavailable: ${first.detail}` : undefined;
    return { requested, active: status.name, statuses, fallbackReason };
  }
  throw new Error('No tfjs backend could start, not even the CPU one. Reload the page; if it persists, try another browser.');
}
