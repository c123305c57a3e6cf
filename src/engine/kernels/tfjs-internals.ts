// The tfjs internals the fused WebGPU kernels (fused-*.ts) and the fast step (train/fast-*.ts) touch, listed once,
// and a check that this page's tfjs is the exact version they were written against and still has every one of
// them. None of these is public API: a tfjs upgrade may rename or drop any, or keep the name and change what it
// means, so the version must match exactly and every member must be there, else the stock step runs.
//
// The check is a pure function of a probe (versions, the backend object, the engine, the kernel registry, the
// flags), so a test can hand it a different version or a backend missing a member and read the reason.
import { version as webgpuVersion } from '@tensorflow/tfjs-backend-webgpu/package.json';
import * as tf from '@tensorflow/tfjs';

/** The one tfjs version the fused kernels are written against (every @tensorflow/* package is pinned to it). */
export const FUSED_TFJS_VERSION = '4.22.0';

/** The packages whose internals are used: the engine and kernel registry (core), layer weights (layers), the backend. */
const PACKAGES = ['tfjs-core', 'tfjs-layers', 'tfjs-backend-webgpu'] as const;

type MemberKind = 'method' | 'field' | 'object' | 'number' | 'boolean';

/**
 * WebGPUBackend members (tfjs-backend-webgpu 4.22 backend_webgpu.js), with what uses each. Fields the backend sets
 * to null in its constructor are checked with `in`; their values change while it runs.
 */
export const BACKEND_MEMBERS: Readonly<Record<string, MemberKind>> = {
  device: 'object', // runFused: createShaderModule, createComputePipeline, createBindGroup; createQuerySet when timed
  tensorMap: 'object', // runFused: tensorMap.get(dataId).resource (the GPUBuffer) and .dtype
  commandEncoder: 'field', // runFused: beginComputePass on tfjs's current encoder
  computePassEncoder: 'field', // runFused: encodes into (or opens) tfjs's current compute pass
  commandQueueOwnedIds: 'object', // runFused: marks buffers in flight, so disposal waits for the submit
  dispatchCountInPass: 'number', // runFused: counted against WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE
  uploadToGPU: 'method', // runFused: makes sure every input and output has a GPU buffer
  makeUniforms: 'method', // runFused: the uniform buffer
  makeTensorInfo: 'method', // runFused: the outputs
  ensureCommandEncoderReady: 'method', // runFused
  endComputePassEncoder: 'method', // runFused: before a submit, and before a timed pass
  submitQueue: 'method', // runFused: every WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE dispatches, as recordAndSubmit does
  disposeData: 'method', // fused-dense-webgpu.ts: frees the partial sums of the two-pass bias gradient
  supportTimestampQuery: 'boolean', // runFused under tf.time/tf.profile: whether a pass can carry timestamps
  querySet: 'field', // runFused under tf.time/tf.profile: the two timestamps of a timed pass
  querySetCount: 'number', // runFused under tf.time/tf.profile: the query set's size
  getQueryTime: 'method', // runFused under tf.time/tf.profile: resolves the pass's time, as recordAndSubmit does
  time: 'method', // tf.time/tf.profile: sets activeTimers, which runFused pushes its dispatches onto
};

/** Set only while tf.time()/tf.profile() runs, so it is checked in the source of the method that sets it. */
export const LAZY_BACKEND_FIELDS: Readonly<Record<string, string>> = { activeTimers: 'time' };

/** Engine methods: gradients (fast-step.ts: the seed gradient given as a tensor) and runKernel (every fused op). */
export const ENGINE_METHODS = ['gradients', 'runKernel'] as const;

/** Stock webgpu kernels fast-forward.ts calls by name with attributes it builds itself, not through tf ops. */
export const STOCK_KERNELS = ['_FusedMatMul', 'FusedConv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'] as const;

/** Environment flags read by runFused. */
export const FLAGS = ['WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE'] as const;

/** Everything check() needs to know about the running tfjs. */
export interface TfjsProbe {
  versions: Partial<Record<(typeof PACKAGES)[number], string>>;
  backend: object;
  engine: object;
  hasKernel(name: string): boolean;
  hasFlag(name: string): boolean;
}

function kindOk(value: unknown, present: boolean, kind: MemberKind): boolean {
  switch (kind) {
    case 'method': return typeof value === 'function';
    case 'field': return present;
    case 'object': return typeof value === 'object' && value !== null;
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
  }
}

/** What differs from what the fused kernels were written against, in words; [] when nothing does. */
export function checkTfjsInternals(probe: TfjsProbe): string[] {
  const problems: string[] = [];
  for (const name of PACKAGES) {
    const found = probe.versions[name];
    if (found !== FUSED_TFJS_VERSION) problems.push(`${name} is ${found ?? 'missing'}, not ${FUSED_TFJS_VERSION}`);
  }
  const backend = probe.backend as Record<string, unknown>;
  for (const [member, kind] of Object.entries(BACKEND_MEMBERS)) {
    if (!kindOk(backend[member], member in backend, kind)) problems.push(`the WebGPU backend has no ${member} (${kind})`);
  }
  for (const [field, method] of Object.entries(LAZY_BACKEND_FIELDS)) {
    // a missing method is already named above
    if (typeof backend[method] === 'function' && !String(backend[method]).includes(`.${field}`)) problems.push(`the WebGPU backend's ${method}() does not set ${field}`);
  }
  const engine = probe.engine as Record<string, unknown>;
  for (const method of ENGINE_METHODS) {
    if (typeof engine[method] !== 'function') problems.push(`tf.engine() has no ${method}()`);
  }
  for (const kernel of STOCK_KERNELS) {
    if (!probe.hasKernel(kernel)) problems.push(`the webgpu backend has no ${kernel} kernel`);
  }
  for (const flag of FLAGS) {
    if (!probe.hasFlag(flag)) problems.push(`the flag ${flag} is not registered`);
  }
  return problems;
}

/** The probe of this page's tfjs and its active backend. */
export function liveProbe(): TfjsProbe {
  return {
    versions: { 'tfjs-core': tf.version_core, 'tfjs-layers': tf.version_layers, 'tfjs-backend-webgpu': webgpuVersion },
    backend: tf.backend(),
    engine: tf.engine(),
    hasKernel: (name) => tf.getKernel(name, 'webgpu') != null,
    hasFlag: (name) => {
      try {
        tf.env().get(name);
        return true;
      } catch {
        return false;
      }
    },
  };
}
