// Picks the tfjs backend: the one asked for if it works, else WebGPU → WebGL → CPU, and says why each
// unavailable one is unavailable, so the page can show what is really running.
import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from './model/spec';
import type { FastPathStatus } from './train/fast-path';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';
export const FALLBACK_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

export interface BackendStatus {
  name: BackendName;
  available: boolean;
  /** Why it is unavailable, or what it runs on (adapter, renderer). */
  detail: string;
  /** True when the "GPU" is a CPU emulation such as SwiftShader: it works, slowly. */
  software: boolean;
}

export interface BackendReport {
  requested: BackendChoice;
  active: BackendName;
  statuses: BackendStatus[];
  /** Set when the requested backend could not be used. */
  fallbackReason?: string;
  /** WebGPU only: whether the fused training kernels run, and why or why not. */
  fastPath?: FastPathStatus;
}

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
  return [await probeWebGpu(), probeWebGl(), CPU_STATUS];
}

const TITLES: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

/** Activates the requested backend, or the first that works in WebGPU → WebGL → CPU order. */
export async function selectBackend(requested: BackendChoice): Promise<BackendReport> {
  const statuses = await probeBackends();
  const order = requested === 'auto' ? FALLBACK_ORDER : [requested, ...FALLBACK_ORDER.filter((n) => n !== requested)];
  // tfjs refuses software WebGL (SwiftShader) by default; it is slower than a GPU but faster than the CPU.
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  for (const name of order) {
    const status = statuses.find((s) => s.name === name)!;
    if (!status.available) continue;
    try {
      if ((await tf.setBackend(name)) && tf.getBackend() === name) {
        await tf.ready();
        const first = statuses.find((s) => s.name === order[0])!;
        const fallbackReason = name !== order[0] ? `${TITLES[first.name]} is unavailable: ${first.detail}` : undefined;
        return { requested, active: name, statuses, fallbackReason };
      }
      status.available = false;
      status.detail = `tfjs could not start its ${TITLES[name]} backend.`;
    } catch (e) {
      status.available = false;
      status.detail = `tfjs could not start its ${TITLES[name]} backend: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  throw new Error('No tfjs backend could start, not even the CPU one. Reload the page; if it persists, try another browser.');
}
