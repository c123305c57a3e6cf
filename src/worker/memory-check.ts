// Before a run's tensors exist: its memory estimate against what the active backend allows. WebGPU states
// its buffer limits (the adapter's, which tfjs requests for its device); WebGL and CPU get the stated budget
// that validateSpec already applied on the page.
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../engine/backend';
import { memoryProblem, webGpuBudget } from '../engine/model/memory-budget';
import type { ExperimentSpec } from '../engine/model/spec';

type LimitsOf = { device?: { limits?: { maxBufferSize: number; maxStorageBufferBindingSize: number } } };

/** Throws the estimate's message when a spec of the run does not fit on `backend`. */
export function checkRunMemory(specs: ExperimentSpec[], backend: BackendName): void {
  if (backend !== 'webgpu') return;
  const limits = (tf.backend() as unknown as LimitsOf).device?.limits;
  if (!limits) return;
  for (const spec of specs) {
    const problem = memoryProblem(spec, webGpuBudget(limits));
    if (problem) throw new Error(problem.message);
  }
}
