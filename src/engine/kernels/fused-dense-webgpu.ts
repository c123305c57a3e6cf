// The backward pass of a dense or conv2d layer's activation and bias on WebGPU: from dy [rows, units] and the
// layer's output y, dz = dy·relu′ (relu′ = 1 where y > 0) and db = Σ_rows dz, in one dispatch (two when there are
// many rows), where tfjs takes four (step, mul, and a transpose before summing over the first axis). A conv2d
// layer's rows are batch·height·width. Linear layers have dz = dy and only write db.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runFused, type FusedProgram } from './fused-dispatch-webgpu';

export const FUSED_BIAS_ACTIVATION_GRAD = 'SandboxBiasActivationGrad';

export type FusedActivation = 'relu' | 'linear';

/** Columns per workgroup × invocations along the rows: 16 × 16. */
const COLS = 16;
const LANES = 16;
/** Most partial sums per column left for the second pass. */
const MAX_CHUNKS = 64;

/**
 * Workgroup (column block, row chunk) covers 16 columns and u.chunkRows rows; each of its 16 lanes walks every
 * 16th row of the chunk, then the lanes' sums are added in workgroup memory: PARTIAL[chunk, column].
 */
function partialProgram(activation: FusedActivation): FusedProgram {
  const relu = activation === 'relu';
  return {
    key: `fusedBiasGrad_${activation}`,
    inputs: relu ? ['DY', 'Y'] : ['DY'],
    outputs: relu ? ['DZ', 'PARTIAL'] : ['PARTIAL'],
    uniforms: [['rows', 'u32'], ['cols', 'u32'], ['chunkRows', 'u32'], ['colBlocks', 'u32']],
    workgroupSize: COLS * LANES, guarded: false,
    prelude: `var<workgroup> lanes : array<f32, ${COLS * LANES}>;`,
    body: `
  let block = wid % u.colBlocks;
  let chunk = wid / u.colBlocks;
  let col = block * ${COLS}u + lid % ${COLS}u;
  let lane = lid / ${COLS}u;
  var s = 0.0;
  if (col < u.cols) {
    let end = min(u.rows, (chunk + 1u) * u.chunkRows);
    for (var r = chunk * u.chunkRows + lane; r < end; r += ${LANES}u) {
      let k = r * u.cols + col;
      ${relu ? 'let dz = select(0.0, DY[k], Y[k] > 0.0);\n      DZ[k] = dz;' : 'let dz = DY[k];'}
      s += dz;
    }
  }
  lanes[lid] = s;
  workgroupBarrier();
  for (var stride = ${LANES / 2}u; stride > 0u; stride = stride >> 1u) {
    if (lane < stride) { lanes[lid] += lanes[lid + stride * ${COLS}u]; }
    workgroupBarrier();
  }
  if (lane == 0u && col < u.cols) { PARTIAL[chunk * u.cols + col] = lanes[lid]; }`,
  };
}

/** db[col] = Σ_chunk PARTIAL[chunk, col], one invocation per column. */
const FINISH: FusedProgram = {
  key: 'fusedBiasGradFinish', inputs: ['PARTIAL'], outputs: ['DB'], uniforms: [['chunks', 'u32']], workgroupSize: 64,
  body: `
  var s = 0.0;
  for (var c = 0u; c < u.chunks; c++) { s += PARTIAL[c * u.count + i]; }
  DB[i] = s;`,
};

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

function biasActivationGrad({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const webgpu = backend as WebGPUBackend;
  const { activation } = attrs as unknown as { activation: FusedActivation };
  const dy = inputs.dy!;
  const cols = dy.shape[dy.shape.length - 1];
  const rows = dy.shape.reduce((a, b) => a * b, 1) / cols;
  // at least 256 rows a chunk (16 per lane), and few enough chunks that the second pass is short
  const chunkRows = Math.max(256, Math.ceil(rows / MAX_CHUNKS / LANES) * LANES);
  const chunks = Math.ceil(rows / chunkRows);
  const colBlocks = Math.ceil(cols / COLS);
  const relu = activation === 'relu';
  const outs = runFused(webgpu, partialProgram(activation), {
    inputs: relu ? [dy, inputs.y!] : [dy],
    outputs: [...(relu ? [{ shape: dy.shape, dtype: 'float32' as const }] : []), { shape: [chunks, cols], dtype: 'float32' }],
    uniforms: [rows, cols, chunkRows, colBlocks], count: rows * cols, workgroups: colBlocks * chunks,
  });
  const partial = outs[outs.length - 1];
  let db: tf.TensorInfo;
  if (chunks === 1) {
    db = { ...partial, shape: [cols] };
  } else {
    db = runFused(webgpu, FINISH, { inputs: [partial], outputs: [{ shape: [cols], dtype: 'float32' }], uniforms: [chunks], count: cols })[0];
    webgpu.disposeData(partial.dataId);
  }
  return relu ? [outs[0], db] : [db];
}

export function registerFusedDenseKernels(): void {
  if (!tf.getKernel(FUSED_BIAS_ACTIVATION_GRAD, 'webgpu')) {
    tf.registerKernel({ kernelName: FUSED_BIAS_ACTIVATION_GRAD, backendName: 'webgpu', kernelFunc: biasActivationGrad as unknown as tf.KernelFunc });
  }
}
