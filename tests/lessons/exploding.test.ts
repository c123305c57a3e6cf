// The exploding-gradients lesson at its seed under Node: plain SGD at a rate of 1 on six ReLU layers fails to
// learn the circle (its gradients blow up early and its ReLUs die), and the same run with the global gradient
// norm clipped to 1 learns it.
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
  const end = await new TrainingLoop(trainer, {}, 5000).run();
  const probe = new GradientProbe(trainer.network, trainer.data.fit.x, trainer.data.fit.y, trainer.data.numClasses);
  const { activations } = await probe.read();
  const validation = end.reason === 'diverged' ? { accuracy: 0 } : await trainer.evaluate(trainer.data.validation!);
  probe.dispose();
  trainer.dispose();
  return { end: end.reason, accuracy: validation.accuracy!, dead: Math.max(...activations.map((a) => a.dead ?? 0)) };
}

describe('exploding gradients lesson', () => {
  it('clipping the global gradient norm turns a run that fails into one that learns', async () => {
    const lesson = findLesson('exploding-gradients')!;
    const a = await train(lesson.spec);
    const b = await train(lesson.variant!);
    console.info(`exploding gradients: validation accuracy A ${a.accuracy.toFixed(3)} (${a.end}, most dead ReLUs ${a.dead.toFixed(2)}), B ${b.accuracy.toFixed(3)} (${b.end}, ${b.dead.toFixed(2)})`);
    expect(a.accuracy).toBeLessThan(0.65);
    expect(b.accuracy).toBeGreaterThan(0.85);
    expect(b.accuracy - a.accuracy).toBeGreaterThan(0.2);
  });
});
