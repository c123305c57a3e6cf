// Whether this browser's WebGPU adapter offers the optional `shader-f16` feature (float16 arithmetic in WGSL),
// named in the precision report. The training step has no float16 kernels, so nothing here changes what runs:
// SwiftShader and NVIDIA's Vulkan driver (the machines this project tests and measures on) offer no shader-f16,
// and an f16 kernel that no test machine can run would be untested code.

export interface ShaderF16Detection {
  available: boolean;
  /** The adapter's vendor, architecture and description, or '' without one. */
  adapter: string;
  why: string;
}

/** Whether this browser's WebGPU adapter offers float16 shader arithmetic, and in words why or why not. */
export async function detectShaderF16(): Promise<ShaderF16Detection> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) return { available: false, adapter: '', why: 'There is no WebGPU here (navigator.gpu is missing), so no float16 shaders.' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return { available: false, adapter: '', why: 'WebGPU offered no adapter, so no float16 shaders.' };
  const info = adapter.info;
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  if (!adapter.features.has('shader-f16')) {
    return {
      available: false, adapter: name,
      why: `The WebGPU adapter (${name}) does not offer the shader-f16 feature, so shaders cannot compute in float16 here. SwiftShader and NVIDIA's Vulkan driver are among those without it.`,
    };
  }
  return { available: true, adapter: name, why: `The WebGPU adapter (${name}) offers shader-f16.` };
}
