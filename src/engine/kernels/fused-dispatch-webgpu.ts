// Runs a WGSL program with several outputs inside tfjs's WebGPU backend. tfjs's own programs write one output
// each, so an optimizer update of a weight and its moments would take one dispatch per value written, plus one
// per operation; here one dispatch reads w, g and the moments and writes all of them.
//
// The dispatch is encoded into the backend's current compute pass, in order with tfjs's own, and its buffers are
// marked as owned by the queue, exactly as runWebGPUProgram does (tfjs-backend-webgpu 4.22 backend_webgpu.js
// recordAndSubmit), so disposal and submission work unchanged. Outputs are fresh tensors: nothing is written in
// place, so a weight whose buffer is shared (a paired run's copied weights, a reshape) is never changed under
// another tensor. Under tf.time() and tf.profile() each dispatch gets its own timed pass and joins the backend's
// active timers, as recordAndSubmit does for tfjs's programs, so the fused kernels' time and names are counted.
// tfjs-internals.ts lists every backend member used here; train/fast-path.ts checks them before anything runs.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

export type UniformType = 'f32' | 'u32' | 'i32';

export interface FusedProgram {
  /** Pipeline cache key: one key, one WGSL source. */
  key: string;
  /** Read-only storage arrays, in the order the inputs are passed. */
  inputs: string[];
  /** Written storage arrays, in the order the output shapes are given. */
  outputs: string[];
  /** Scalar uniforms, read as `u.<name>`; `u.count` (u32) is always there. */
  uniforms: [name: string, type: UniformType][];
  workgroupSize: number;
  /** WGSL module-scope code: helper functions, workgroup arrays. */
  prelude?: string;
  /**
   * The body of main. It sees `i` (u32, the flat invocation index), `lid` (u32, the index within the workgroup)
   * and `wid` (u32, the workgroup's flat index). Unless `guarded` is false it runs only for i < u.count.
   */
  body: string;
  guarded?: boolean;
}

/** The backend's fields and methods that tfjs-backend-webgpu 4.22 has but does not type as public. */
interface BackendInternals {
  device: GPUDevice;
  tensorMap: { get(dataId: object): { resource: GPUBuffer | null; dtype: string } };
  commandEncoder: GPUCommandEncoder | null;
  computePassEncoder: GPUComputePassEncoder | null;
  commandQueueOwnedIds: WeakSet<object>;
  dispatchCountInPass: number;
  /** Set while tf.time()/tf.profile() runs: the dispatches to time, each with its query's promised ms. */
  activeTimers?: { name: string; query: Promise<number> }[] | null;
  supportTimestampQuery: boolean;
  querySet: GPUQuerySet | null;
  querySetCount: number;
  getQueryTime(): Promise<number>;
  uploadToGPU(dataId: object): void;
  makeUniforms(uniforms: { type: string; data: number[] }[]): GPUBufferBinding;
  makeTensorInfo(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
}

const UNIFORM_KIND: Record<UniformType, string> = { f32: 'float32', u32: 'uint32', i32: 'int32' };
const MAX_WORKGROUPS_X = 65535;

const pipelines = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

const wgslType = (dtype: string) => (dtype === 'float32' ? 'f32' : 'i32');

function source(p: FusedProgram, inputDtypes: string[], outputDtypes: string[]): string {
  // pad the uniform struct to whole 16-byte rows, as uniform buffers are laid out
  const fields = [['count', 'u32'], ...p.uniforms];
  while (fields.length % 4 !== 0) fields.push([`pad${fields.length}`, 'u32']);
  let binding = 0;
  const decl = [
    `struct Uniforms { ${fields.map(([n, t]) => `${n} : ${t},`).join(' ')} };`,
    `@group(0) @binding(${binding++}) var<uniform> u : Uniforms;`,
    ...p.inputs.map((n, k) => `@group(0) @binding(${binding++}) var<storage, read> ${n} : array<${wgslType(inputDtypes[k])}>;`),
    ...p.outputs.map((n, k) => `@group(0) @binding(${binding++}) var<storage, read_write> ${n} : array<${wgslType(outputDtypes[k])}>;`),
  ];
  const body = p.guarded === false ? p.body : `if (i < u.count) {\n${p.body}\n}`;
  return `${decl.join('\n')}
${p.prelude ?? ''}
@compute @workgroup_size(${p.workgroupSize})
fn main(@builtin(global_invocation_id) gid : vec3<u32>, @builtin(local_invocation_index) lid : u32,
        @builtin(workgroup_id) wgid : vec3<u32>, @builtin(num_workgroups) nwg : vec3<u32>) {
  let wid = wgid.x + wgid.y * nwg.x;
  let i = wid * ${p.workgroupSize}u + lid;
  ${body}
}`;
}

function pipeline(device: GPUDevice, p: FusedProgram, inputDtypes: string[], outputDtypes: string[]): GPUComputePipeline {
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  const key = `${p.key}|${inputDtypes.join(',')}|${outputDtypes.join(',')}`;
  let found = cache.get(key);
  if (!found) {
    const module = device.createShaderModule({ code: source(p, inputDtypes, outputDtypes), label: p.key });
    found = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: p.key });
    cache.set(key, found);
  }
  return found;
}

export interface FusedRun {
  inputs: tf.TensorInfo[];
  outputs: { shape: number[]; dtype: tf.DataType }[];
  /** Values for the program's uniforms, in its order. */
  uniforms: number[];
  /** Invocations: u.count, rounded up to whole workgroups. */
  count: number;
  /** Workgroups to launch when not ceil(count / workgroupSize) (e.g. one workgroup that loops). */
  workgroups?: number;
}

/** Encodes one dispatch of `p` and returns its outputs, as tfjs TensorInfos a kernel function can return. */
export function runFused(webgpu: WebGPUBackend, p: FusedProgram, run: FusedRun): tf.TensorInfo[] {
  const backend = webgpu as unknown as BackendInternals;
  const outputs = run.outputs.map(({ shape, dtype }) => backend.makeTensorInfo(shape, dtype));
  const all = [...run.inputs, ...outputs];
  for (const t of all) backend.uploadToGPU(t.dataId);
  const uniforms = backend.makeUniforms([
    { type: 'uint32', data: [run.count] },
    ...p.uniforms.map(([, type], k) => ({ type: UNIFORM_KIND[type], data: [run.uniforms[k]] })),
    // the padding fields of the struct
    ...Array.from({ length: (4 - ((p.uniforms.length + 1) % 4)) % 4 }, () => ({ type: 'uint32', data: [0] })),
  ]);
  const dtypeOf = (t: tf.TensorInfo) => backend.tensorMap.get(t.dataId).dtype;
  const compiled = pipeline(backend.device, p, run.inputs.map(dtypeOf), outputs.map(dtypeOf));
  const bindGroup = backend.device.createBindGroup({
    layout: compiled.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: uniforms },
      ...all.map((t, k) => ({ binding: k + 1, resource: { buffer: backend.tensorMap.get(t.dataId).resource! } })),
    ],
  });
  for (const t of all) backend.commandQueueOwnedIds.add(t.dataId);
  const groups = run.workgroups ?? Math.max(1, Math.ceil(run.count / p.workgroupSize));
  const timed = backend.activeTimers != null;
  backend.ensureCommandEncoderReady();
  if (timed && backend.supportTimestampQuery) {
    // a pass of its own, with timestamps at its start and end
    backend.endComputePassEncoder();
    backend.querySet ??= backend.device.createQuerySet({ type: 'timestamp', count: backend.querySetCount });
    backend.computePassEncoder = backend.commandEncoder!.beginComputePass({
      timestampWrites: { querySet: backend.querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 },
    });
  } else if (!backend.computePassEncoder) {
    backend.computePassEncoder = backend.commandEncoder!.beginComputePass({});
  }
  const pass = backend.computePassEncoder!;
  pass.setPipeline(compiled);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(Math.min(groups, MAX_WORKGROUPS_X), Math.ceil(groups / MAX_WORKGROUPS_X), 1);
  backend.dispatchCountInPass++;
  if (timed || tf.env().getNumber('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE') <= backend.dispatchCountInPass) {
    backend.endComputePassEncoder();
    // timed: getQueryTime resolves the timestamps and submits (without timestamp queries it gives 0 and leaves
    // the commands to the next submit), as recordAndSubmit does for tfjs's own programs
    if (timed) backend.activeTimers!.push({ name: p.key, query: backend.getQueryTime() });
    else backend.submitQueue();
  }
  return outputs;
}
