import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generatePoints } from '../../../src/data/points';
import { TrainingLoop, type BatchReport } from '../../../src/engine/train/loop';
import { Network } from '../../../src/engine/model/network';
import { dense, dropout, presetSpec } from '../../../src/engine/model/presets';
import type { ExperimentSpec } from '../../../src/engine/model/spec';
import { Trainer } from '../../../src/engine/train/trainer';

function pointsFor(spec: ExperimentSpec) {
  if (spec.dataset.kind !== 'points') throw new Error('points only');
  return generatePoints({ ...spec.dataset, seed: spec.training.seed });
}

/** Per-batch losses of the first `batches` batches, read back one by one. */
async function losses(spec: ExperimentSpec, batches: number): Promise<number[]> {
  const trainer = new Trainer(spec, pointsFor(spec));
  const out: number[] = [];
  for (let i = 0; i < batches; i++) {
    trainer.runBatch();
    const totals = trainer.step.take();
    out.push((await totals.sums.data())[0]);
    totals.sums.dispose();
  }
  trainer.dispose();
  return out;
}

describe('Trainer', () => {
  it('gives bit-identical losses for the same seed, and different ones for another seed', async () => {
    const spec = presetSpec('moons-mlp');
    spec.model.layers.splice(1, 0, dropout(0.3)); // dropout masks must follow the seed too
    const a = await losses(spec, 30);
    const b = await losses(spec, 30);
    expect(b).toEqual(a);
    spec.training.seed += 1;
    const c = await losses(spec, 30);
    expect(c).not.toEqual(a);
  });

  it('leaves no tensor behind after a full run with validation, evaluation and predictions', async () => {
    const before = tf.memory().numTensors;
    const spec = presetSpec('circle-mlp');
    spec.model.layers.push(dropout(0.2), { type: 'batchNormalization' });
    spec.training.epochs = 3;
    const trainer = new Trainer(spec, pointsFor(spec));
    await new TrainingLoop(trainer, {}).run();
    await trainer.evaluate(trainer.data.test);
    await trainer.predict(trainer.data.test);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('pausing and resuming changes nothing: the same weights as an uninterrupted run', async () => {
    const spec = presetSpec('xor-mlp');
    spec.training.epochs = 4;
    const straight = new Trainer(spec, pointsFor(spec));
    await new TrainingLoop(straight, {}).run();
    const interrupted = new Trainer(spec, pointsFor(spec));
    const loop = new TrainingLoop(interrupted, {});
    let chunks = 0;
    while ((await loop.run(() => chunks++ % 2 === 0)).reason === 'paused') await loop.stepOnce();
    const weights = (t: Trainer) => t.network.trainable.map((v) => Array.from(v.dataSync()));
    expect(weights(interrupted)).toEqual(weights(straight));
    straight.dispose();
    interrupted.dispose();
  });

  it('stops with a message naming the learning rate when the loss turns NaN or infinite', async () => {
    const spec = presetSpec('bumps-regression');
    spec.training = { ...spec.training, optimizer: 'sgd', learningRate: 10, epochs: 20 };
    const trainer = new Trainer(spec, pointsFor(spec));
    const reports: BatchReport[] = [];
    const end = await new TrainingLoop(trainer, { onBatches: (r) => reports.push(r) }).run();
    expect(end.reason).toBe('diverged');
    expect(end.reason === 'diverged' && end.message).toMatch(/^The loss became (NaN|infinite) (at step \d+|between steps \d+ and \d+) \(epoch \d+\.\d\d\).*Lower the learning rate \(now 10 with sgd; try 1\)/);
    expect(reports.every((r) => Number.isFinite(r.loss))).toBe(true);
    // the message names the step the counter shows once the diverged steps are counted
    expect(end.reason === 'diverged' && end.step).toBe(trainer.globalStep);
    expect(end.reason === 'diverged' && end.message).toContain(`${trainer.globalStep} (epoch ${trainer.progress.toFixed(2)})`);
    trainer.dispose();
  });

  it('reports progress with examples per second and epochs that only grow', async () => {
    const spec = presetSpec('circle-mlp');
    spec.training.epochs = 5;
    const trainer = new Trainer(spec, pointsFor(spec));
    const reports: BatchReport[] = [];
    const epochs: number[] = [];
    await new TrainingLoop(trainer, { onBatches: (r) => reports.push(r), onEpoch: (e) => void epochs.push(e.epoch) }, 5).run();
    expect(epochs).toEqual([1, 2, 3, 4, 5]);
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.every((r, i) => i === 0 || r.epoch >= reports[i - 1].epoch)).toBe(true);
    expect(reports.every((r) => r.examplesPerSecond > 0 && r.accuracy !== null)).toBe(true);
    trainer.dispose();
  });
});

describe('Network', () => {
  it('computes in inference mode exactly what tfjs-layers predict() computes', () => {
    for (const id of ['moons-mlp', 'bumps-regression']) {
      const spec = presetSpec(id);
      spec.model.layers.push({ type: 'batchNormalization' }, dropout(0.5), dense(5, 'swish'), dense(5, 'selu'));
      const network = new Network(spec);
      const x = tf.randomNormal([16, 2], 0, 1, 'float32', 1);
      const ours = network.predict(x).dataSync();
      const stock = (network.model.predict(x) as tf.Tensor).dataSync();
      expect(Array.from(ours)).toEqual(Array.from(stock));
      network.dispose();
    }
  });

  it('applies a fresh dropout mask each training step and none in inference', () => {
    const spec = presetSpec('moons-mlp');
    spec.model.layers = [dense(64), dropout(0.5)];
    const network = new Network(spec);
    const x = tf.ones([4, 2]);
    let calls = 0;
    const mask = (_: number, rate: number, shape: number[]) => {
      calls++;
      return tf.tidy(() => tf.mul(tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, 'float32', calls), rate), 'float32'), 1 / (1 - rate)));
    };
    const a = network.forward(x, { training: true, dropoutMask: mask }).dataSync();
    const b = network.forward(x, { training: true, dropoutMask: mask }).dataSync();
    expect(calls).toBe(2);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    const c = network.forward(x, { training: false, dropoutMask: mask }).dataSync();
    expect(calls).toBe(2);
    expect(Array.from(c)).toEqual(Array.from(network.forward(x, { training: false }).dataSync()));
    network.dispose();
  });
});
