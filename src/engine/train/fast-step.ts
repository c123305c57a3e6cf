// The parts of a training step that have a fused WebGPU form (kernels/fused-loss-webgpu.ts), each returning
// null where it does not apply (another backend, the fast path off, class weights, regression), so train-step.ts
// keeps its tensor-op code for those cases unchanged.
import * as tf from '@tensorflow/tfjs';
import { fusedWebGpu } from './fast-path';
import { FUSED_TFJS_VERSION } from '../kernels/tfjs-internals';
import { FUSED_ACCUMULATE, FUSED_XENT, FUSED_XENT_GRAD, registerFusedLossKernels } from '../kernels/fused-loss-webgpu';

/**
 * tf.variableGrads with the seed gradient dy = 1 given as a tensor made once: tfjs otherwise makes ones([]) from
 * a CPU array on every call, and on WebGPU that is an upload per step. Same values, so the same gradients.
 */
export function variableGradsWithSeed(f: () => tf.Scalar, variables: tf.Variable[], one: tf.Scalar): { value: tf.Scalar; grads: tf.Tensor[] } {
  // engine().gradients is internal (tfjs-internals.ts): with another tfjs, the public tf.variableGrads instead
  if (tf.version_core !== FUSED_TFJS_VERSION || typeof tf.engine().gradients !== 'function') {
    const { value, grads } = tf.variableGrads(f, variables);
    return { value, grads: variables.map((v) => grads[v.name]) };
  }
  const { value, grads } = tf.engine().gradients(f, variables, one, true);
  return { value: value as tf.Scalar, grads };
}

const usable = () => {
  if (!fusedWebGpu()) return false;
  registerFusedLossKernels();
  return true;
};

/**
 * Mean softmax cross-entropy of logits [batch, classes] against int32 labels [batch], in two dispatches (loss,
 * and its gradient when differentiated), or null where the fused kernels do not apply.
 */
export function fusedSoftmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor, classWeights: tf.Tensor | null): tf.Scalar | null {
  if (classWeights || labels.dtype !== 'int32' || logits.rank !== 2 || !usable()) return null;
  const invBatch = 1 / logits.shape[0];
  const loss = tf.customGrad((z, save) => {
    (save as tf.GradSaveFunc)([z as tf.Tensor, labels]);
    return {
      value: tf.engine().runKernel(FUSED_XENT, { logits: z as tf.Tensor, labels }, { invBatch }) as tf.Scalar,
      gradFunc: (dy, [savedLogits, savedLabels]) =>
        tf.engine().runKernel(FUSED_XENT_GRAD, { logits: savedLogits, labels: savedLabels, dy }, { invBatch }) as tf.Tensor,
    };
  });
  return loss(logits) as tf.Scalar;
}

/** [lossSum + loss, correctSum + correct predictions of logits against labels] in one dispatch, or null. */
export function fusedAccumulate(lossSum: tf.Scalar, correctSum: tf.Scalar, loss: tf.Scalar, logits: tf.Tensor, labels: tf.Tensor): [tf.Scalar, tf.Scalar] | null {
  if (labels.dtype !== 'int32' || logits.rank !== 2 || !usable()) return null;
  return tf.engine().runKernel(FUSED_ACCUMULATE, { lossSum, correctSum, loss, logits, labels }) as [tf.Scalar, tf.Scalar];
}
