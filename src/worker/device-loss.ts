// GPU device loss (WebGPU's device.lost) and WebGL context loss (webglcontextlost): noticed as they happen,
// said in words, and recovered from by dropping the dead backend and registering it again with its own factory,
// so the next run gets a fresh device or context without a page reload.
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../engine/backend';

interface WebGpuLike { device?: GPUDevice }
interface WebGlLike { gpgpu?: { gl?: WebGL2RenderingContext } }

const TITLE = { webgpu: 'WebGPU device', webgl: 'WebGL context' } as const;

export class DeviceLossWatch {
  /** What was lost and why, in words; null while the device is well. */
  lost: string | null = null;
  #backend: BackendName | null = null;
  /** The watched WebGPU device's `lost` promise, settled once its handler below has run. */
  #gpuLost: Promise<void> | null = null;
  /** Each watched device once: a device is watched when a run is prepared on it, and runs share it. */
  readonly #watched = new WeakSet<object>();

  /** Watches the active backend's device; `onLost` is told (once per loss) with the reason in words. */
  watch(backend: BackendName, onLost: (why: string) => void): void {
    this.#backend = backend;
    const tell = (detail: string) => {
      if (this.lost) return;
      this.lost = `the ${TITLE[backend as 'webgpu' | 'webgl']} was lost (${detail})`;
      onLost(this.lost);
    };
    if (backend === 'webgpu') {
      const device = (tf.backend() as unknown as WebGpuLike).device;
      if (!device || this.#watched.has(device)) return;
      this.#watched.add(device);
      this.#gpuLost = device.lost.then((info) => {
        // a backend replaced on purpose (precision/webgpu-f16.ts re-registers it) destroys its old device: no fault
        if ((tf.engine().registry['webgpu'] as unknown as WebGpuLike | undefined)?.device !== device) return;
        tell(`${info.reason === 'destroyed' ? 'destroyed' : 'reason unknown'}${info.message ? `: ${info.message}` : ''}`);
      });
    } else if (backend === 'webgl') {
      const gl = (tf.backend() as unknown as WebGlLike).gpgpu?.gl;
      const canvas = gl?.canvas as (OffscreenCanvas | HTMLCanvasElement) | undefined;
      if (!gl || !canvas || this.#watched.has(canvas)) return;
      this.#watched.add(canvas);
      canvas.addEventListener('webglcontextlost', () => {
        // likewise a WebGL backend recreated on purpose (precision/webgl-f16.ts)
        if ((tf.engine().registry['webgl'] as unknown as WebGlLike | undefined)?.gpgpu?.gl !== gl) return;
        tell('the browser took the GPU context back: a driver reset, too many contexts, or the GPU process restarting');
      });
    }
  }

  /** True when the watched device is lost, also when its event has not arrived yet (WebGL answers at once). */
  isLost(): boolean {
    if (this.lost) return true;
    if (this.#backend !== 'webgl') return false;
    const gl = (tf.engine().registry['webgl'] as unknown as WebGlLike | undefined)?.gpgpu?.gl;
    return gl?.isContextLost() ?? false;
  }

  /**
   * Whether the device is lost, waiting up to `ms` for WebGPU to say so. tfjs's error from a destroyed device
   * (a rejected mapAsync, an invalid buffer) can arrive before device.lost resolves; judged at once, such an
   * error would read as the run's own failure, and the run would not be offered to continue.
   */
  async lostSoon(ms = 1000): Promise<boolean> {
    if (this.isLost()) return true;
    if (this.#backend !== 'webgpu' || !this.#gpuLost) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.#gpuLost, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    return this.isLost();
  }

  /**
   * Drops the lost backend and registers its factory again; the run's tensors must be disposed first. The next
   * setBackend then builds a new backend on a new device or context.
   */
  recover(): void {
    const name = this.#backend;
    if (!name || name === 'cpu') return;
    const factory = tf.findBackendFactory(name);
    if (!factory) return;
    try {
      tf.removeBackend(name); // disposes the dead backend; on a lost device that may throw, and changes nothing
    } catch {
      delete (tf.engine().registry as Record<string, unknown>)[name];
    }
    tf.registerBackend(name, factory, name === 'webgpu' ? 3 : 2);
    this.lost = null;
  }

  /** Loses the active device on purpose (the debug hook): WebGPU's device.destroy(), WEBGL_lose_context. */
  static loseForTest(): string {
    const backend = tf.getBackend();
    if (backend === 'webgpu') (tf.backend() as unknown as WebGpuLike).device?.destroy();
    else if (backend === 'webgl') (tf.backend() as unknown as WebGlLike).gpgpu?.gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return backend;
  }
}
