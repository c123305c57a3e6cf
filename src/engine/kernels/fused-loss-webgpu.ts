// Softmax cross-entropy on int32 labels as three WebGPU dispatches instead of about twenty tfjs ops: the mean
// loss (forward), its gradient with respect to the logits (backward), and the running loss and correct-count
// sums of train-step.ts. Logits are [batch, classes] row-major; every row's max and log-sum-exp are recomputed
// where needed (classes are few), which costs less than a dispatch to store them.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runFused, type FusedProgram } from './fused-dispatch-webgpu';

export const FUSED_XENT = 'SandboxSoftmaxCrossEntropy';
export const FUSED_XENT_GRAD = 'SandboxSoftmaxCrossEntropyGrad';
export const FUSED_ACCUMULATE = 'SandboxAccumulateLossAndCorrect';

const REDUCE_WORKGROUP = 256;

/** logSoftmax(z)[r, c] = (z − max_r) − log Σ exp(z − max_r), as tfjs's logSoftmax computes it. */
const ROW = `
fn rowMax(r : u32) -> f32 {
  var m = Z[r * u.classes];
  for (var c = 1u; c < u.classes; c++) { m = max(m, Z[r * u.classes + c]); }
  return m;
}
fn rowLogSumExp(r : u32, m : f32) -> f32 {
  var s = 0.0;
  for (var c = 0u; c < u.classes; c++) { s += exp(Z[r * u.classes + c] - m); }
  return log(s);
}
fn logProb(r : u32, c : u32) -> f32 {
  let m = rowMax(r);
  return (Z[r * u.classes + c] - m) - rowLogSumExp(r, m);
}
/** The first index of the row's largest logit, as tf.argMax. */
fn rowArgMax(r : u32) -> u32 {
  var best = 0u;
  var m = Z[r * u.classes];
  for (var c = 1u; c < u.classes; c++) {
    let z = Z[r * u.classes + c];
    if (z > m) { m = z; best = c; }
  }
  return best;
}
var<workgroup> partial : array<f32, ${REDUCE_WORKGROUP}>;
/** Sums v over the workgroup's invocations into partial[0]; every invocation must call it. */
fn workgroupSum(v : f32, lid : u32) {
  partial[lid] = v;
  workgroupBarrier();
  for (var stride = ${REDUCE_WORKGROUP / 2}u; stride > 0u; stride = stride >> 1u) {
    if (lid < stride) { partial[lid] += partial[lid + stride]; }
    workgroupBarrier();
  }
}`;

/** −(Σ_r logSoftmax(z)[r, y_r])·(1/batch): one workgroup loops over the rows. u.count is the batch. */
const XENT: FusedProgram = {
  key: 'fusedSoftmaxXent', inputs: ['Z', 'Y'], outputs: ['LOSS'], uniforms: [['classes', 'u32'], ['invBatch', 'f32']],
  workgroupSize: REDUCE_WORKGROUP, prelude: ROW, guarded: false,
  body: `
  var s = 0.0;
  for (var r = lid; r < u.count; r += ${REDUCE_WORKGROUP}u) { s += logProb(r, u32(Y[r])); }
  workgroupSum(s, lid);
  if (lid == 0u) { LOSS[0] = -(partial[0] * u.invBatch); }`,
};

/** ∂loss/∂z = ((softmax(z) − onehot(y))·(1/batch))·dy, one invocation per logit. u.count is batch·classes. */
const XENT_GRAD: FusedProgram = {
  key: 'fusedSoftmaxXentGrad', inputs: ['Z', 'Y', 'DY'], outputs: ['DZ'], uniforms: [['classes', 'u32'], ['invBatch', 'f32']],
  workgroupSize: 64, prelude: ROW.replace(/var<workgroup>[\s\S]*$/, ''),
  body: `
  let r = i / u.classes;
  let c = i % u.classes;
  let hot = select(0.0, 1.0, u32(Y[r]) == c);
  DZ[i] = ((exp(logProb(r, c)) - hot) * u.invBatch) * DY[0];`,
};

/** [lossSum + loss, correctSum + #(argmax z = y)], one workgroup. u.count is the batch. */
const ACCUMULATE: FusedProgram = {
  key: 'fusedAccumulateLossCorrect', inputs: ['LOSS_SUM', 'CORRECT_SUM', 'LOSS', 'Z', 'Y'], outputs: ['LOSS_SUM2', 'CORRECT_SUM2'],
  uniforms: [['classes', 'u32']], workgroupSize: REDUCE_WORKGROUP, prelude: ROW, guarded: false,
  body: `
  var s = 0.0;
  for (var r = lid; r < u.count; r += ${REDUCE_WORKGROUP}u) { s += select(0.0, 1.0, rowArgMax(r) == u32(Y[r])); }
  workgroupSum(s, lid);
  if (lid == 0u) {
    LOSS_SUM2[0] = LOSS_SUM[0] + LOSS[0];
    CORRECT_SUM2[0] = CORRECT_SUM[0] + partial[0];
  }`,
};

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };
const dims = (logits: tf.TensorInfo) => ({ batch: logits.shape[0], classes: logits.shape[1] });

function xent({ inputs, backend, attrs }: KernelArgs) {
  const { batch, classes } = dims(inputs.logits!);
  return runFused(backend as WebGPUBackend, XENT, {
    inputs: [inputs.logits!, inputs.labels!], outputs: [{ shape: [], dtype: 'float32' }],
    uniforms: [classes, (attrs as { invBatch: number }).invBatch], count: batch, workgroups: 1,
  })[0];
}

function xentGrad({ inputs, backend, attrs }: KernelArgs) {
  const { batch, classes } = dims(inputs.logits!);
  return runFused(backend as WebGPUBackend, XENT_GRAD, {
    inputs: [inputs.logits!, inputs.labels!, inputs.dy!], outputs: [{ shape: [batch, classes], dtype: 'float32' }],
    uniforms: [classes, (attrs as { invBatch: number }).invBatch], count: batch * classes,
  })[0];
}

function accumulate({ inputs, backend }: KernelArgs) {
  const { batch, classes } = dims(inputs.logits!);
  return runFused(backend as WebGPUBackend, ACCUMULATE, {
    inputs: [inputs.lossSum!, inputs.correctSum!, inputs.loss!, inputs.logits!, inputs.labels!],
    outputs: [{ shape: [], dtype: 'float32' }, { shape: [], dtype: 'float32' }],
    uniforms: [classes], count: batch, workgroups: 1,
  });
}

const KERNELS: tf.KernelConfig[] = [
  { kernelName: FUSED_XENT, backendName: 'webgpu', kernelFunc: xent as unknown as tf.KernelFunc },
  { kernelName: FUSED_XENT_GRAD, backendName: 'webgpu', kernelFunc: xentGrad as unknown as tf.KernelFunc },
  { kernelName: FUSED_ACCUMULATE, backendName: 'webgpu', kernelFunc: accumulate as unknown as tf.KernelFunc },
];

export function registerFusedLossKernels(): void {
  for (const config of KERNELS) {
    if (!tf.getKernel(config.kernelName, 'webgpu')) tf.registerKernel(config);
  }
}
