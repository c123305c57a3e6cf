// Fine-tuning at the engine level: a trained network trained further on another dataset of the same input shape,
// with chosen layers frozen (Keras's layer.trainable = false). The oracle for "frozen" is the weights themselves:
// bit-identical before and after, while every other layer moves.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/dataset';
import { generatePoints } from '../../../src/data/points';
import { batchNorm, dense, presetSpec } from '../../../src/engine/model/presets';
import type { ExperimentSpec } from '../../../src/engine/model/spec';
import { captureCheckpoint, restoreCheckpoint } from '../../../src/engine/train/checkpoint';
import { TrainingLoop } from '../../../src/engine/train/loop';
import { Trainer } from '../../../src/engine/train/trainer';

function pointsFor(spec: ExperimentSpec): Dataset {
  if (spec.dataset.kind !== 'points') throw new Error('points only');
  return generatePoints({ ...spec.dataset, seed: spec.training.seed });
}

/** moons-mlp's model trained 2 epochs on moons; and the circle set with the same model, for fine-tuning. */
async function trainedOnMoons() {
  const moons = presetSpec('moons-mlp');
  moons.training.epochs = 2;
  const trainer = new Trainer(moons, pointsFor(moons));
  await new TrainingLoop(trainer, {}).run();
  const circle = presetSpec('circle-mlp');
  circle.model = structuredClone(moons.model);
  circle.training = { ...moons.training, epochs: 3 };
  return { trainer, circle };
}

const values = (vars: tf.Variable[]) => vars.map((v) => Array.from(v.dataSync()));

describe('fine-tuning with frozen layers', () => {
  it('trains a trained network on another dataset: frozen layers keep their weights exactly, the others move, the loss falls', async () => {
    const before = tf.memory().numTensors;
    const { trainer: first, circle } = await trainedOnMoons();
    const network = first.network;
    const frozenVars = network.model.layers[0].trainableWeights.map((w) => w.read() as tf.Variable);
    const frozenBefore = values(frozenVars);
    const othersBefore = values(network.trainable.filter((v) => !frozenVars.includes(v)));
    first.dispose({ keepNetwork: true }); // its network is handed on to the fine-tune
    const tune = new Trainer(circle, pointsFor(circle), { network, frozenLayers: [0] });
    expect(tune.step.trainable).toHaveLength(network.trainable.length - 2);
    const losses: number[] = [];
    await new TrainingLoop(tune, { onEpoch: (r) => { losses.push(r.validation!.loss); } }).run();
    expect(values(frozenVars)).toEqual(frozenBefore);
    const othersAfter = values(network.trainable.filter((v) => !frozenVars.includes(v)));
    othersAfter.forEach((after, i) => expect(after).not.toEqual(othersBefore[i]));
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    tune.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a fine-tune with frozen layers checkpoints and resumes with the same losses', async () => {
    const spec = presetSpec('moons-mlp');
    spec.training.epochs = 4;
    const trace = async (resume: boolean) => {
      const losses: number[] = [];
      const a = new Trainer(spec, pointsFor(spec), { frozenLayers: [1] });
      const loopA = new TrainingLoop(a, { onEpoch: (r) => { losses.push(r.validation!.loss); } });
      while (a.epoch < (resume ? 2 : 4)) await loopA.stepOnce();
      if (!resume) return losses;
      const checkpoint = await captureCheckpoint(loopA, { batches: [], epochs: [] });
      const b = new Trainer(spec, pointsFor(spec), { frozenLayers: [1] });
      const loopB = new TrainingLoop(b, { onEpoch: (r) => { losses.push(r.validation!.loss); } });
      restoreCheckpoint(loopB, checkpoint);
      while (!b.done) await loopB.stepOnce();
      a.dispose();
      b.dispose();
      return losses;
    };
    expect(await trace(true)).toEqual(await trace(false));
  });

  it('refuses an index that is no layer, a frozen batch normalization, and freezing everything, with the reason', () => {
    const spec = presetSpec('moons-mlp');
    spec.model.layers = [dense(8), batchNorm, dense(8)];
    const data = pointsFor(spec);
    const before = tf.memory().numTensors;
    expect(() => new Trainer(spec, data, { frozenLayers: [7] })).toThrow('Cannot freeze layer 7: the model has layers 0 to 2 and the output layer 3.');
    expect(() => new Trainer(spec, data, { frozenLayers: [1] })).toThrow(/^Cannot freeze layer 1 \(\w+\): a frozen batch normalization would have to run in inference mode/);
    const plain = presetSpec('moons-mlp'); // dense, dense, output
    expect(() => new Trainer(plain, data, { frozenLayers: [0, 1, 2] })).toThrow('Every layer with weights is frozen: nothing would train. Leave at least one layer (the output layer, say) trainable.');
    expect(tf.memory().numTensors).toBe(before);
  });
});
