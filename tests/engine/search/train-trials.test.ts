// Two trials trained together (interleaved chunk by chunk) give exactly what each gives alone, on the CPU
// backend, and leave no tensor behind.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generatePoints } from '../../../src/data/points';
import { dropout, presetSpec } from '../../../src/engine/model/presets';
import { applyParams } from '../../../src/engine/search/space';
import { trainTrial, trainTrials } from '../../../src/engine/search/train-trial';

describe('trainTrials', () => {
  it('interleaved trials match the same trials trained alone, figure for figure', async () => {
    const base = presetSpec('moons-mlp');
    base.model.layers.push(dropout(0.2)); // dropout masks must come from each trial's own generator
    if (base.dataset.kind !== 'points') throw new Error('points');
    const data = generatePoints({ ...base.dataset, seed: base.training.seed });
    const a = applyParams(base, { learningRate: 0.01 });
    const b = applyParams(base, { learningRate: 0.05, units: 8 });
    const before = tf.memory().numTensors;
    const together = await trainTrials([{ spec: a, epochs: 3 }, { spec: b, epochs: 2 }], data);
    const alone = [await trainTrial(a, data, 3), await trainTrial(b, data, 2)];
    expect(together.map((o) => o.metrics)).toEqual(alone.map((o) => o.metrics));
    expect(together.map((o) => o.curve.length)).toEqual([3, 2]);
    expect(together[0].metrics.val_loss).not.toBe(together[1].metrics.val_loss);
    expect(tf.memory().numTensors).toBe(before);
  });
});
