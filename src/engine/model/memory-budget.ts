// Holds a run's memory estimate to what the backend allows: WebGPU's adapter limits for one buffer, and a
// stated budget for the whole run (the browser tells no page how much GPU or heap memory it may take). Over
// it, the run is refused with the figures and the largest batch size that fits.
import { estimateMemory, evaluationChunk, formatBytes, STATED_BUDGET_BYTES, type MemoryEstimate } from './memory-estimate';
import type { ExperimentSpec } from './spec';
import type { SpecProblem } from './field-check';

export interface MemoryBudget {
  /** The whole run's peak may not exceed this. */
  totalBytes: number;
  /** No single tensor may exceed this (a GPU buffer), or Infinity. */
  maxTensorBytes: number;
  /** Where the figures come from, as a phrase: "WebGL and CPU runs are held to". */
  source: string;
}

export const STATED_BUDGET: MemoryBudget = {
  totalBytes: STATED_BUDGET_BYTES, maxTensorBytes: Infinity, source: 'the sandbox holds a run to',
};

/** The budget on a WebGPU adapter: its maxBufferSize and maxStorageBufferBindingSize cap one tensor. */
export function webGpuBudget(limits: { maxBufferSize: number; maxStorageBufferBindingSize: number }): MemoryBudget {
  return {
    totalBytes: STATED_BUDGET_BYTES,
    maxTensorBytes: Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize),
    source: 'the sandbox holds a run to',
  };
}

const fits = (e: MemoryEstimate, budget: MemoryBudget) => e.peak <= budget.totalBytes && e.largestTensor <= budget.maxTensorBytes;

/** The largest batch size up to `from` (halving, then the exact largest) whose estimate fits, or null. */
function largestFittingBatch(spec: ExperimentSpec, budget: MemoryBudget, from: number): number | null {
  let low = 0;
  let high = from;
  // peak and largest tensor grow with the batch size, so a binary search finds the edge
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(estimateMemory(spec, { batchSize: mid }), budget)) low = mid;
    else high = mid - 1;
  }
  return low >= 1 ? low : null;
}

/** The sentence that says what a run needs and where: "about 13 GB at its peak (the training step at batch 4096: …)". */
export function describeEstimate(e: MemoryEstimate): string {
  const where = e.peakIn === 'evaluation' ? `an evaluation pass over ${evaluationChunk(e.batchSize).toLocaleString('en')} examples` : `the ${e.peakIn} at batch ${e.batchSize}`;
  const main = e.peakIn === 'evaluation' ? e.evaluation : e.peakIn === 'training step' ? e.activations : e.gradientsAndUpdate;
  const what = e.peakIn === 'training step' ? 'activations' : e.peakIn === 'evaluation' ? 'its activations' : 'gradients and update';
  return `about ${formatBytes(e.peak)} at its peak (in ${where}: ${what} ${formatBytes(main)}, weights ${formatBytes(e.weights)}, ` +
    `optimizer slots ${formatBytes(e.optimizerSlots)}, data ${formatBytes(e.data)})`;
}

/** An error when the run's estimate exceeds `budget`, saying by how much and what batch size would fit. */
export function memoryProblem(spec: ExperimentSpec, budget: MemoryBudget = STATED_BUDGET): SpecProblem | null {
  const estimate = estimateMemory(spec);
  if (fits(estimate, budget)) return null;
  const over = estimate.peak > budget.totalBytes
    ? `${budget.source} ${formatBytes(budget.totalBytes)}`
    : `its largest tensor (${formatBytes(estimate.largestTensor)}) exceeds the ${formatBytes(budget.maxTensorBytes)} this GPU allows in one buffer`;
  const batch = largestFittingBatch(spec, budget, spec.training.batchSize - 1);
  const fix = batch
    ? `Use batch size ${batch} or less (about ${formatBytes(estimateMemory(spec, { batchSize: batch }).peak)}), or fewer filters or units.`
    : 'No batch size fits: use fewer filters or units, pool earlier, or fewer examples.';
  return { path: 'model', severity: 'error', message: `This run needs ${describeEstimate(estimate)}; ${over}. ${fix}` };
}
