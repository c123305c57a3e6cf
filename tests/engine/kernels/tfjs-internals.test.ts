// The guard of the fused WebGPU kernels, on tfjs-backend-webgpu 4.22's real WebGPUBackend class (its prototype:
// Node has no WebGPU to construct one, so the fields its constructor sets are set here the same way): it passes
// as installed, and each version or member that differs is named.
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { describe, expect, it } from 'vitest';
import {
  BACKEND_MEMBERS, checkTfjsInternals, ENGINE_METHODS, FLAGS, liveProbe, STOCK_KERNELS, type TfjsProbe,
} from '../../../src/engine/kernels/tfjs-internals';
import { fastPathStatus, fusedWebGpu, setFastPath } from '../../../src/engine/train/fast-path';

/** A WebGPUBackend as its constructor leaves it, without a GPU: the real methods, the fields it sets. */
function backendLike(): Record<string, unknown> {
  const backend = Object.create(WebGPUBackend.prototype) as Record<string, unknown>;
  Object.assign(backend, {
    device: {}, tensorMap: {}, commandEncoder: null, computePassEncoder: null, commandQueueOwnedIds: new WeakSet(),
    dispatchCountInPass: 0, supportTimestampQuery: false, querySet: null, querySetCount: 2,
  });
  return backend;
}

function probe(change: Partial<TfjsProbe> = {}): TfjsProbe {
  return {
    versions: { 'tfjs-core': '4.22.0', 'tfjs-layers': '4.22.0', 'tfjs-backend-webgpu': '4.22.0' },
    backend: backendLike(), engine: tf.engine(), hasKernel: () => true, hasFlag: () => true, ...change,
  };
}

describe('checkTfjsInternals', () => {
  it('finds nothing amiss on the installed tfjs 4.22.0 and its WebGPUBackend class', () => {
    expect(liveProbe().versions).toEqual({ 'tfjs-core': '4.22.0', 'tfjs-layers': '4.22.0', 'tfjs-backend-webgpu': '4.22.0' });
    expect(checkTfjsInternals(probe())).toEqual([]);
  });

  it('refuses any other version of the packages, even a patch release', () => {
    expect(checkTfjsInternals(probe({ versions: { 'tfjs-core': '4.22.1', 'tfjs-layers': '4.22.0', 'tfjs-backend-webgpu': '4.22.0' } })))
      .toEqual(['tfjs-core is 4.22.1, not 4.22.0']);
    expect(checkTfjsInternals(probe({ versions: { 'tfjs-core': '4.22.0', 'tfjs-layers': '4.22.0' } })))
      .toEqual(['tfjs-backend-webgpu is missing, not 4.22.0']);
  });

  it('names each backend member that is gone or of another kind', () => {
    for (const [member, kind] of Object.entries(BACKEND_MEMBERS)) {
      const backend = backendLike();
      if (Object.hasOwn(backend, member)) delete backend[member];
      else backend[member] = undefined; // shadows the prototype's method
      expect(checkTfjsInternals(probe({ backend })), member).toEqual([`the WebGPU backend has no ${member} (${kind})`]);
    }
    const counted = backendLike();
    counted.dispatchCountInPass = '0';
    expect(checkTfjsInternals(probe({ backend: counted }))).toEqual(['the WebGPU backend has no dispatchCountInPass (number)']);
  });

  it('notices when time() no longer sets activeTimers', () => {
    const backend = backendLike();
    backend.time = async function time(f: () => void) { f(); return { kernelMs: 0 }; };
    expect(checkTfjsInternals(probe({ backend }))).toEqual(["the WebGPU backend's time() does not set activeTimers"]);
  });

  it('names missing engine methods, stock kernels and flags', () => {
    expect(checkTfjsInternals(probe({ engine: { runKernel: () => null } }))).toEqual(['tf.engine() has no gradients()']);
    expect(ENGINE_METHODS).toEqual(['gradients', 'runKernel']);
    expect(checkTfjsInternals(probe({ hasKernel: (k) => k !== 'FusedConv2D' }))).toEqual(['the webgpu backend has no FusedConv2D kernel']);
    expect(STOCK_KERNELS).toContain('_FusedMatMul');
    expect(checkTfjsInternals(probe({ hasFlag: () => false }))).toEqual(FLAGS.map((f) => `the flag ${f} is not registered`));
  });
});

describe('fastPathStatus off WebGPU', () => {
  it('says the stock step runs and why, and fusedWebGpu() gives no backend', () => {
    expect(tf.getBackend()).toBe('cpu');
    expect(fastPathStatus()).toEqual({ fused: false, reason: 'The stock training step runs: the fused kernels are for WebGPU, and the backend is cpu.' });
    expect(fusedWebGpu()).toBeNull();
    setFastPath(false);
    try {
      expect(fastPathStatus().reason).toMatch(/switched off \(tfjs flag SANDBOX_FAST_PATH\)/);
    } finally {
      setFastPath(true);
    }
  });
});
