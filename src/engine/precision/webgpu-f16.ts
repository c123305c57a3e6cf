// WebGPU's float16 arithmetic: the optional `shader-f16` feature. Detected on the adapter; where present, tfjs's
// webgpu backend is re-created on a device that enables it (tfjs's own factory never asks for it), and shader
// modules whose code carries F16_MARKER get WGSL's `enable f16;` directive in front: the directive must open the
// module, and tfjs assembles the module text with its own declarations first.
//
// SwiftShader and NVIDIA's Vulkan driver (the machines this project tests and measures on) offer no shader-f16,
// so only the detection below runs in the tests; the f16 kernel (kernels/matmul-f16-webgpu.ts) is unexercised.
import * as tf from '@tensorflow/tfjs';

/** Put this comment in a WGSL program's user code to have `enable f16;` prefixed to its module. */
export const F16_MARKER = '// requires: enable f16';

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
      why: `The WebGPU adapter (${name}) does not offer the shader-f16 feature, so shaders cannot compute in float16 here. SwiftShader and NVIDIA's Vulkan driver are among those without it; float16 storage (two values packed per 32-bit word) still works.`,
    };
  }
  return { available: true, adapter: name, why: `The WebGPU adapter (${name}) offers shader-f16: float16 kernels can run.` };
}

/** Whether the active webgpu backend's device was created with shader-f16. */
export function deviceHasShaderF16(): boolean {
  if (tf.getBackend() !== 'webgpu') return false;
  const device = (tf.backend() as unknown as { device: GPUDevice }).device;
  return device.features.has('shader-f16');
}

/**
 * Re-creates tfjs's webgpu backend on a device with shader-f16 (where the adapter has it) and makes it active.
 * Returns whether the new device has the feature. Tensors on the old webgpu backend must be disposed first.
 */
export async function useWebGpuWithShaderF16(): Promise<boolean> {
  const detection = await detectShaderF16();
  if (!detection.available) return false;
  const current = tf.engine().registry['webgpu'];
  if (current && current.numDataIds() > 0) {
    throw new Error(`${current.numDataIds()} tensors still live on the WebGPU backend; re-creating it with shader-f16 would lose them. Dispose the model, the data and any kept tensors first.`);
  }
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', async () => {
    const adapter = (await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' }))!;
    // the features and limits tfjs's own factory asks for, plus shader-f16
    const features: GPUFeatureName[] = ['shader-f16'];
    if (adapter.features.has('timestamp-query')) features.push('timestamp-query');
    const limits = adapter.limits;
    const device = await adapter.requestDevice({
      requiredFeatures: features,
      requiredLimits: {
        maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
        maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxBufferSize: limits.maxBufferSize,
        maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
        maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      },
    });
    const createShaderModule = device.createShaderModule.bind(device);
    device.createShaderModule = (descriptor) => createShaderModule(
      descriptor.code.includes(F16_MARKER) ? { ...descriptor, code: `enable f16;\n${descriptor.code}` } : descriptor);
    return new WebGPUBackend(device, adapter.info);
  }, 3);
  if (!(await tf.setBackend('webgpu'))) throw new Error('The WebGPU backend did not restart with shader-f16.');
  await tf.ready();
  return deviceHasShaderF16();
}
