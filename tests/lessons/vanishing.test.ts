// The vanishing-gradients lesson at its seed under Node: after training, the first layer's gradient norm over
// the output layer's (the gradient probe, as the page reads it) is orders of magnitude smaller for A (8 sigmoid
// layers) than for B (8 ReLU layers, heNormal), and B learns the circle while A does not.
import { describe, expect, it } from 'vitest';
import { generatePoints } from '../../src/data/points';
import { GradientProbe } from '../../src/engine/evaluate/gradient-stats';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { TrainingLoop } from '../../src/engine/train/loop';
import { Trainer } from '../../src/engine/train/trainer';
import { findLesson } from '../../src/state/lessons';

async function train(spec: ExperimentSpec) {
  if (spec.dataset.kind !== 'points') throw new Error('this lesson trains on a 2D set');
  const trainer = new Trainer(spec, generatePoints({ ...spec.dataset, seed: spec.training.seed }));
  await new TrainingLoop(trainer, {}, 5000).run();
  const probe = new GradientProbe(trainer.network, trainer.data.fit.x, trainer.data.fit.y, trainer.data.numClasses);
  const { gradients } = await probe.read();
  const validation = await trainer.evaluate(trainer.data.validation!);
  probe.dispose();
  trainer.dispose();
  return { ratio: gradients[0].norm / gradients[gradients.length - 1].norm, accuracy: validation.accuracy! };
}

describe('vanishing gradients lesson', () => {
  it('A\'s first-layer gradient is orders of magnitude below B\'s, relative to the output layer', async () => {
    const lesson = findLesson('vanishing-gradients')!;
    const a = await train(lesson.spec);
    const b = await train(lesson.variant!);
    console.info(`vanishing gradients: first/output gradient norm A ${a.ratio.toExponential(2)} (val acc ${a.accuracy.toFixed(3)}), B ${b.ratio.toExponential(2)} (val acc ${b.accuracy.toFixed(3)})`);
    expect(b.ratio / a.ratio).toBeGreaterThan(1e3);
    expect(a.ratio).toBeLessThan(1e-3);
    expect(b.ratio).toBeGreaterThan(0.1);
    expect(b.accuracy).toBeGreaterThan(a.accuracy + 0.15);
  });
});
