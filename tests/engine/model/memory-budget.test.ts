// The memory budget: the oversized link refused with the figures and a batch size that fits (and the
// next one up does not); WebGPU's buffer limit refuses a tensor too large for one buffer; presets pass.
import { describe, expect, it } from 'vitest';
import { estimateMemory } from '../../../src/engine/model/memory-estimate';
import { memoryProblem, STATED_BUDGET, webGpuBudget } from '../../../src/engine/model/memory-budget';
import { conv2d, flatten, PRESETS, presetSpec } from '../../../src/engine/model/presets';
import { validateSpec } from '../../../src/engine/model/validate';

function oversized() {
  const spec = presetSpec('mnist-cnn');
  spec.model.layers = [conv2d(256, 3, 'relu', 'same'), conv2d(256, 3, 'relu', 'same'), flatten];
  spec.training.batchSize = 4096;
  return spec;
}

describe('memoryProblem', () => {
  it('refuses two conv2d(256, 3, same) on MNIST at batch 4096, with the estimate and the largest batch size that fits', () => {
    const spec = oversized();
    const problem = memoryProblem(spec);
    expect(problem?.message).toMatch(/^This run needs about 46 GB at its peak \(in the training step at batch 4096: activations 46 GB, weights 10 MB, optimizer slots 21 MB, data 31 MB\); the sandbox holds a run to 2\.1 GB\. Use batch size (\d+) or less \(about [\d.]+ GB\), or fewer filters or units\.$/);
    const suggested = Number(problem!.message.match(/Use batch size (\d+)/)![1]);
    expect(estimateMemory(spec, { batchSize: suggested }).peak).toBeLessThanOrEqual(STATED_BUDGET.totalBytes);
    expect(estimateMemory(spec, { batchSize: suggested + 1 }).peak).toBeGreaterThan(STATED_BUDGET.totalBytes);
    // validation refuses it as an error on the model
    expect(validateSpec(spec)).toContainEqual({ path: 'model', severity: 'error', message: problem!.message });
    spec.training.batchSize = suggested;
    expect(memoryProblem(spec)).toBeNull();
  });

  it('holds one tensor to a WebGPU adapter\'s buffer limits', () => {
    const spec = presetSpec('mnist-cnn');
    const largest = estimateMemory(spec).largestTensor;
    const tight = webGpuBudget({ maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: largest - 1 });
    expect(memoryProblem(spec, tight)?.message).toMatch(/its largest tensor \([\d.]+ MB\) exceeds the [\d.]+ MB this GPU allows in one buffer/);
    expect(memoryProblem(spec, webGpuBudget({ maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: largest }))).toBeNull();
  });

  it('lets every preset through', () => {
    for (const preset of PRESETS) expect(memoryProblem(presetSpec(preset.id)), preset.id).toBeNull();
  });
});
