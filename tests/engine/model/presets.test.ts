// The spiral preset's promise (95% test accuracy at its seed), trained as a user's run would be where there is no
// GPU: on WASM, which trains it in 2.6 s under Node against 12 s on tfjs's CPU backend (98.8% on WASM).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePoints } from '../../../src/data/points';
import { TrainingLoop } from '../../../src/engine/train/loop';
import { accuracy } from '../../../src/engine/evaluate/metrics';
import { presetSpec } from '../../../src/engine/model/presets';
import { Trainer } from '../../../src/engine/train/trainer';
import { startWasm } from '../../wasm-backend';

beforeAll(startWasm);

describe('presets', () => {
  it('the spiral MLP reaches at least 95% test accuracy at its fixed seed, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const spec = presetSpec('spiral-mlp');
    if (spec.dataset.kind !== 'points') throw new Error('the spiral preset is a points set');
    const dataset = generatePoints({ ...spec.dataset, seed: spec.training.seed });
    const trainer = new Trainer(spec, dataset);
    const end = await new TrainingLoop(trainer, {}, 1000).run();
    expect(end.reason).toBe('finished');
    const testAccuracy = accuracy(dataset.test.y as Int32Array, await trainer.predict(trainer.data.test), 2);
    console.info(`spiral-mlp: test accuracy ${(testAccuracy * 100).toFixed(1)}% after ${trainer.epoch} epochs`);
    expect(testAccuracy).toBeGreaterThanOrEqual(0.95);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
