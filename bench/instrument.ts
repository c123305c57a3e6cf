// Counts what one training step asks of the GPU, by wrapping WebGPU's own prototypes (so tfjs's dispatches and
// ours are counted alike, in Chromium and under Node with Dawn) and the tfjs backend's uploadToGPU (which is where
// a tensor made from CPU values, such as a plain JS number turned into a scalar, first reaches the GPU).
import * as tf from '@tensorflow/tfjs';

export interface GpuCounts {
  /** Compute dispatches (WebGPU) or shader program runs (WebGL). */
  dispatches: number;
  /** Tensors whose values came from the CPU and were copied to the GPU. */
  uploads: number;
  /** queue.writeBuffer calls: tfjs writes one uniform buffer per dispatch, plus small uploads. */
  writeBuffers: number;
  /** device.createBuffer calls: buffers the pool could not reuse. */
  createBuffers: number;
  /** queue.submit calls. */
  submits: number;
  /** buffer.mapAsync calls: read-backs (and staging buffers being recycled). */
  maps: number;
  /** What the uploads were: "shape dtype" → count. */
  uploadShapes: Record<string, number>;
  /** Where the first few uploads came from (one stack line each), when asked for. */
  uploadSites: string[];
  /** tfjs programs run, by name (WebGPU: the shader key's first word), when tracing. */
  programs: Record<string, number>;
}

const empty = (): GpuCounts => ({
  dispatches: 0, uploads: 0, writeBuffers: 0, createBuffers: 0, submits: 0, maps: 0, uploadShapes: {}, uploadSites: [], programs: {},
});

let counts = empty();
let installed = false;
let traceUploads = false;

type AnyFn = (...args: unknown[]) => unknown;

function wrap(proto: object | undefined, name: string, count: (self: unknown, args: unknown[]) => void) {
  if (!proto) return;
  const original = (proto as Record<string, AnyFn>)[name];
  if (typeof original !== 'function') return;
  (proto as Record<string, AnyFn>)[name] = function (this: unknown, ...args: unknown[]) {
    count(this, args);
    return original.apply(this, args);
  };
}

const g = globalThis as unknown as Record<string, { prototype: object } | undefined>;

/** The first stack frame outside tfjs and this file: which of our lines made the tensor that was uploaded. */
function site(): string {
  const limit = (Error as { stackTraceLimit?: number }).stackTraceLimit;
  (Error as { stackTraceLimit?: number }).stackTraceLimit = 60;
  const stack = new Error().stack ?? '';
  (Error as { stackTraceLimit?: number }).stackTraceLimit = limit;
  // tfjs op names end in "_" (mul_, add_, …); our own frames are under src/ or bench/
  const frames = stack.split('\n').map((l) => l.trim()).filter((l) => /\bat \w+_ |\/(src|bench)\//.test(l));
  return frames.slice(0, 5).map((l) => l.replace(/\(?https?:\/\/[^/]+\//, '(').replace(/\?[^:)]*/, '')).join(' < ');
}

/** Wraps the GPU API once and the active tfjs backend's upload path; call after the backend is set. */
export function installCounters() {
  if (!installed) {
    installed = true;
    wrap(g.GPUComputePassEncoder?.prototype, 'dispatchWorkgroups', () => { counts.dispatches++; });
    wrap(g.GPUQueue?.prototype, 'writeBuffer', () => { counts.writeBuffers++; });
    wrap(g.GPUQueue?.prototype, 'submit', () => { counts.submits++; });
    wrap(g.GPUDevice?.prototype, 'createBuffer', () => { counts.createBuffers++; });
    wrap(g.GPUBuffer?.prototype, 'mapAsync', () => { counts.maps++; });
  }
  type Data = { values: unknown; shape: number[]; dtype: string; texture?: unknown; resource?: unknown };
  // WebGPU keeps its tensors' data in tensorMap, WebGL in texData
  const backend = tf.backend() as unknown as Record<string, unknown> & { tensorMap?: Map<object, Data>; texData?: Map<object, Data> };
  if (backend.__benchCounted) return;
  backend.__benchCounted = true;
  const upload = backend.uploadToGPU as AnyFn | undefined;
  if (typeof upload === 'function') {
    backend.uploadToGPU = function (this: typeof backend, dataId: object, ...rest: unknown[]) {
      const data = (this.tensorMap ?? this.texData)?.get(dataId);
      // on WebGPU a tensor is uploaded when it has CPU values and no GPU buffer yet; WebGL likewise with textures
      if (data && data.values != null && data.resource == null && data.texture == null) {
        counts.uploads++;
        const key = `[${data.shape.join(',')}] ${data.dtype}`;
        counts.uploadShapes[key] = (counts.uploadShapes[key] ?? 0) + 1;
        if (traceUploads && counts.uploadSites.length < 8) counts.uploadSites.push(`${key} ${site()}`);
      }
      return upload.call(this, dataId, ...rest);
    };
  }
  const runWebGpu = backend.runWebGPUProgram as AnyFn | undefined;
  if (typeof runWebGpu === 'function') {
    backend.runWebGPUProgram = function (this: unknown, program: { shaderKey?: string; constructor: { name: string } }, ...rest: unknown[]) {
      if (traceUploads) {
        const name = program.constructor.name !== 'Object' ? program.constructor.name : String(program.shaderKey).split('_')[0];
        counts.programs[name] = (counts.programs[name] ?? 0) + 1;
      }
      return runWebGpu.call(this, program, ...rest);
    };
  }
  // WebGL has no compute dispatch: count its program runs instead
  const runWebGL = backend.runWebGLProgram as AnyFn | undefined;
  if (typeof runWebGL === 'function') {
    backend.runWebGLProgram = function (this: unknown, ...args: unknown[]) {
      counts.dispatches++;
      return runWebGL.apply(this, args);
    };
  }
}

/** Counts since the last reset; `trace` records where uploads come from until the next reset. */
export function resetCounters(trace = false): void {
  counts = empty();
  traceUploads = trace;
}

export function readCounters(): GpuCounts {
  return structuredClone(counts);
}

/** Counts divided by `steps`, rounded to 0.1. */
export function perStep(c: GpuCounts, steps: number): GpuCounts {
  const r = (n: number) => Math.round((n / steps) * 10) / 10;
  return {
    dispatches: r(c.dispatches), uploads: r(c.uploads), writeBuffers: r(c.writeBuffers), createBuffers: r(c.createBuffers),
    submits: r(c.submits), maps: r(c.maps),
    uploadShapes: Object.fromEntries(Object.entries(c.uploadShapes).map(([k, v]) => [k, r(v)])), uploadSites: c.uploadSites,
    programs: Object.fromEntries(Object.entries(c.programs).map(([k, v]) => [k, r(v)])),
  };
}
