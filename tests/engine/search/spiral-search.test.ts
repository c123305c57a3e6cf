// A real search under Node on tfjs's CPU backend: random learning rates on the spiral, each trial a plain run
// at the preset's seed, against the preset's own learning rate trained for the same epochs.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generatePoints } from '../../../src/data/points';
import { presetSpec } from '../../../src/engine/model/presets';
import type { ExperimentSpec } from '../../../src/engine/model/spec';
import { emptyState, runSearch } from '../../../src/engine/search/driver';
import { planTrials, type SearchSpec } from '../../../src/engine/search/plan';
import { bestResult } from '../../../src/engine/search/schedule';
import { trainTrial } from '../../../src/engine/search/train-trial';

const EPOCHS = 30;
const pointsOf = (spec: ExperimentSpec) => {
  if (spec.dataset.kind !== 'points') throw new Error('points only');
  return generatePoints({ ...spec.dataset, seed: spec.training.seed });
};

describe('random search on the spiral', () => {
  it('finds a learning rate at least as good on the test set as the preset’s, in the same epochs', async () => {
    const before = tf.memory().numTensors;
    const base = presetSpec('spiral-mlp');
    base.training.epochs = EPOCHS;
    const data = pointsOf(base);
    const preset = await trainTrial(base, data, EPOCHS);
    const search: SearchSpec = {
      base, dimensions: [{ param: 'learningRate', kind: 'range', min: 1e-3, max: 0.1, log: true }],
      method: { kind: 'random' }, budget: { trials: 6, seconds: 600 }, metric: 'val_accuracy', seed: 1,
    };
    const state = emptyState();
    const trials = planTrials(search);
    const end = await runSearch(search, state, { train: async (trial, job) => trainTrial(trial.spec, data, job.epochs) });
    expect(end).toBe('complete');
    const best = bestResult(state.results, 'val_accuracy')!;
    console.log(`spiral, ${EPOCHS} epochs: preset lr ${base.training.learningRate} test accuracy ${preset.metrics.test_accuracy.toFixed(3)}; ` +
      state.results.map((r, i) => `lr ${trials[i].params.learningRate} val ${r.metrics.val_accuracy.toFixed(3)} test ${r.metrics.test_accuracy.toFixed(3)}`).join(', ') +
      `; best (by validation) trial ${best.trial} test accuracy ${best.metrics.test_accuracy.toFixed(3)}`);
    expect(best.metrics.test_accuracy).toBeGreaterThanOrEqual(preset.metrics.test_accuracy);
    expect(tf.memory().numTensors).toBe(before);
  });
});
