// Before a run's tensors exist: its memory estimate against what the active backend allows. WebGPU states
// its buffer limits (the adapter's, which tfjs requests for its device); WebGL and CPU get the stated budget
// that validateSpec already applied on the page. An A/B pair is checked as one run on every backend.
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../engine/backend';
import { memoryProblem, STATED_BUDGET, webGpuBudget } from '../engine/model/memory-budget';
import { pairMemoryProblem } from '../engine/model/pair-memory';
import type { ExperimentSpec } from '../engine/model/spec';

type LimitsOf = { device?: { limits?: { maxBufferSize: number; maxStorageBufferBindingSize: number } } };

/** Throws the estimate's message when a spec of the run does not fit on `backend`. */
export function checkRunMemory(specs: ExperimentSpec[], backend: BackendName): void {
  const limits = backend === 'webgpu' ? (tf.backend() as unknown as LimitsOf).device?.limits : undefined;
  const budget = limits ? webGpuBudget(limits) : STATED_BUDGET;
  if (limits) {
    for (const spec of specs) {
      const problem = memoryProblem(spec, budget);
      if (problem) throw new Error(problem.message);
    }
  }
  // a pair's arms are live at once: the page checks them together too, but a link or a lesson can skip the page
  const pair = specs.length === 2 ? pairMemoryProblem(specs[0], specs[1], budget) : null;
  if (pair) throw new Error(pair);
}
