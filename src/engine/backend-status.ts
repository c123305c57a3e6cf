// What the page is told about each tfjs backend: its name, whether it works here, and on what. Apart from
// backend.ts so that each backend's own probe (backend-wasm.ts) can say it without importing the chooser.

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendStatus {
  name: BackendName;
  available: boolean;
  /** Why it is unavailable, or what it runs on (adapter, renderer). */
  detail: string;
  /** True when the "GPU" is a CPU emulation such as SwiftShader: it works, slowly. */
  software: boolean;
}
