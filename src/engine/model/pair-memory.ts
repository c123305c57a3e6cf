// An A/B pair against the memory budget as one run: both arms are live at once (each with its own weights,
// optimizer slots and uploaded data), while their steps take turns (the handler drives one arm's chunk, then
// the other's, and each step's temporaries end with its tidy). So the pair's peak is both arms' resident bytes
// plus the larger of their two transient peaks. Over the budget, one batch size that fits both is suggested.
import { estimateMemory, formatBytes, type MemoryEstimate } from './memory-estimate';
import { STATED_BUDGET, describeEstimate, type MemoryBudget } from './memory-budget';
import type { ExperimentSpec } from './spec';

/** What lives for the whole run: weights, optimizer slots, the uploaded examples. */
const resident = (e: MemoryEstimate) => e.weights + e.optimizerSlots + e.data;

export interface PairEstimate {
  a: MemoryEstimate;
  b: MemoryEstimate;
  /** Both arms' resident bytes plus the larger transient peak (see the file's first comment). */
  peak: number;
}

/** The pair's estimate, each arm at its own batch size, or at `batchCap` where that is smaller. */
export function estimatePairMemory(a: ExperimentSpec, b: ExperimentSpec, batchCap = Infinity): PairEstimate {
  const ea = estimateMemory(a, { batchSize: Math.min(a.training.batchSize, batchCap) });
  const eb = estimateMemory(b, { batchSize: Math.min(b.training.batchSize, batchCap) });
  return { a: ea, b: eb, peak: resident(ea) + resident(eb) + Math.max(ea.peak - resident(ea), eb.peak - resident(eb)) };
}

const fits = (p: PairEstimate, budget: MemoryBudget) =>
  p.peak <= budget.totalBytes && Math.max(p.a.largestTensor, p.b.largestTensor) <= budget.maxTensorBytes;

/** The largest batch size (applied to both arms as a cap) below the larger arm's whose pair estimate fits, or null. */
export function largestPairBatch(a: ExperimentSpec, b: ExperimentSpec, budget: MemoryBudget = STATED_BUDGET): number | null {
  let low = 0;
  let high = Math.max(a.training.batchSize, b.training.batchSize) - 1;
  // the pair's peak grows with the cap, so a binary search finds the edge
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(estimatePairMemory(a, b, mid), budget)) low = mid;
    else high = mid - 1;
  }
  return low >= 1 ? low : null;
}

/**
 * Null when the pair fits `budget`; otherwise a message with both arms' figures, the pair's total and a batch
 * size that fits both. Each arm alone is checked by validateSpec; this is what they need together.
 */
export function pairMemoryProblem(a: ExperimentSpec, b: ExperimentSpec, budget: MemoryBudget = STATED_BUDGET): string | null {
  const pair = estimatePairMemory(a, b);
  if (fits(pair, budget)) return null;
  const largest = Math.max(pair.a.largestTensor, pair.b.largestTensor);
  const over = pair.peak > budget.totalBytes
    ? `${budget.source} ${formatBytes(budget.totalBytes)}`
    : `its largest tensor (${formatBytes(largest)}) exceeds the ${formatBytes(budget.maxTensorBytes)} this GPU allows in one buffer`;
  const batch = largestPairBatch(a, b, budget);
  const fix = batch
    ? `Use batch size ${batch} or less on both (together about ${formatBytes(estimatePairMemory(a, b, batch).peak)}), or fewer filters or units.`
    : 'No batch size fits both: use fewer filters or units, pool earlier, or fewer examples.';
  return `A and B train at once and need about ${formatBytes(pair.peak)} together: A ${describeEstimate(pair.a)}; ` +
    `B ${describeEstimate(pair.b)}; ${over}. ${fix}`;
}
