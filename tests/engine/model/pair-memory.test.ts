// An A/B pair checked against the memory budget together: arms that fit alone but not side by side are refused
// with both arms' figures and one batch size that fits both (and the next one up does not); the pair's estimate
// against tf.memory() with two real trainers live at once, each taking a step (CPU backend).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_DATASETS } from '../../../src/data/catalog';
import type { Dataset } from '../../../src/data/dataset';
import { STATED_BUDGET } from '../../../src/engine/model/memory-budget';
import { estimateMemory } from '../../../src/engine/model/memory-estimate';
import { estimatePairMemory, largestPairBatch, pairMemoryProblem } from '../../../src/engine/model/pair-memory';
import { conv2d, dense, dropout, flatten, presetSpec } from '../../../src/engine/model/presets';
import type { ExperimentSpec, LayerSpec } from '../../../src/engine/model/spec';
import { Trainer } from '../../../src/engine/train/trainer';
import { validateSpec } from '../../../src/engine/model/validate';

beforeAll(() => tf.setBackend('cpu'));

function mnist(layers: LayerSpec[], batchSize: number, trainSize = 2000): ExperimentSpec {
  const spec = presetSpec('mnist-cnn');
  if (spec.dataset.kind !== 'images') throw new Error('images');
  spec.dataset.trainSize = trainSize;
  spec.dataset.testSize = 32;
  spec.model.layers = layers;
  spec.training.batchSize = batchSize;
  return spec;
}

/** The largest batch at which every one of `specs` alone fits the stated budget. */
function aloneLimit(...specs: ExperimentSpec[]): number {
  let low = 1;
  let high = 1 << 16;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (specs.every((s) => estimateMemory(s, { batchSize: mid }).peak <= STATED_BUDGET.totalBytes)) low = mid;
    else high = mid - 1;
  }
  return low;
}

describe('pairMemoryProblem', () => {
  // each arm's own 60,000 uploaded examples (190 MB) live beside the other's step: at the largest batch that
  // fits alone, the pair does not
  const a = mnist([conv2d(64, 3, 'relu', 'same'), flatten], 1, 60_000);
  const b = mnist([conv2d(64, 3, 'relu', 'same'), dropout(0.5), flatten], 1, 60_000);
  const batch = aloneLimit(a, b);
  a.training.batchSize = batch;
  b.training.batchSize = batch;

  it('refuses arms that each fit alone but not together, naming both arms\' figures and a batch size that fits both', () => {
    // each arm is a valid run alone
    expect(validateSpec(a).filter((p) => p.severity === 'error')).toEqual([]);
    expect(validateSpec(b).filter((p) => p.severity === 'error')).toEqual([]);
    const message = pairMemoryProblem(a, b);
    expect(message).toMatch(new RegExp(`^A and B train at once and need about [\\d.]+ GB together: A about [\\d.]+ [GM]B at its peak \\(in the training step at batch ${batch}: activations .*\\); B about [\\d.]+ [GM]B at its peak \\(in the training step at batch ${batch}: .*\\); the sandbox holds a run to 2\\.1 GB\\. Use batch size (\\d+) or less on both \\(together about [\\d.]+ [GM]B\\), or fewer filters or units\\.$`));
    const suggested = Number(message!.match(/Use batch size (\d+)/)![1]);
    expect(suggested).toBe(largestPairBatch(a, b));
    expect(suggested).toBeLessThan(batch);
    expect(estimatePairMemory(a, b, suggested).peak).toBeLessThanOrEqual(STATED_BUDGET.totalBytes);
    expect(estimatePairMemory(a, b, suggested + 1).peak).toBeGreaterThan(STATED_BUDGET.totalBytes);
    const fixed = (s: ExperimentSpec) => ({ ...s, training: { ...s.training, batchSize: suggested } });
    expect(pairMemoryProblem(fixed(a), fixed(b))).toBeNull();
  });

  it('counts both arms\' weights, slots and data but one step\'s temporaries at a time', () => {
    const pair = estimatePairMemory(a, b);
    const [ea, eb] = [estimateMemory(a), estimateMemory(b)];
    const resident = (e: typeof ea) => e.weights + e.optimizerSlots + e.data;
    expect(pair.peak).toBe(resident(ea) + resident(eb) + Math.max(ea.peak - resident(ea), eb.peak - resident(eb)));
    expect(pair.peak).toBeGreaterThan(Math.max(ea.peak, eb.peak));
    expect(pair.peak).toBeLessThan(ea.peak + eb.peak);
  });

  it('lets every lesson-sized pair of a preset with itself through', () => {
    expect(pairMemoryProblem(presetSpec('mnist-cnn'), presetSpec('mnist-cnn'))).toBeNull();
    expect(pairMemoryProblem(presetSpec('spiral-mlp'), presetSpec('spiral-mlp'))).toBeNull();
  });
});

/** MNIST-shaped bytes: the estimate depends on shapes only. */
function syntheticMnist(train: number, test: number): Dataset {
  const split = (n: number) => ({ x: Uint8Array.from({ length: n * 784 }, (_, i) => (i * 31) % 256), y: Int32Array.from({ length: n }, (_, i) => i % 10), count: n });
  return { info: IMAGE_DATASETS.mnist, train: split(train), test: split(test) };
}

it('the pair\'s estimate is within 30% of tf.memory() at the peak with both arms live, each taking a step (CPU)', { timeout: 300_000 }, async () => {
  const a = mnist([flatten, dense(256), dense(128)], 128, 256);
  const b = mnist([flatten, dense(256), dropout(0.3), dense(128)], 128, 256);
  const before = tf.memory().numBytes;
  const trainers = [new Trainer(a, syntheticMnist(256, 32)), new Trainer(b, syntheticMnist(256, 32))];
  const peak = (await tf.profile(() => {
    for (const t of trainers) {
      t.runBatch();
      t.step.take().sums.dispose();
    }
  })).peakBytes - before;
  trainers.forEach((t) => t.dispose());
  expect(tf.memory().numBytes).toBe(before);
  const estimate = estimatePairMemory(a, b).peak;
  console.log(`pair: estimate ${estimate} B, measured ${peak} B, ratio ${(estimate / peak).toFixed(3)}`);
  expect(estimate / peak).toBeGreaterThan(0.7);
  expect(estimate / peak).toBeLessThan(1.3);
});
