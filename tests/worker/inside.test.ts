// The worker's inside views end to end: a run sends 'gradients' events (one norm per kernel, activation
// statistics per hidden dense layer) alongside its weights, and an 8-layer sigmoid MLP's gradients are judged
// vanishing where the same depth of ReLU with heNormal is not.
import { describe, expect, it } from 'vitest';
import { dense, presetSpec } from '../../src/engine/model/presets';
import { Handler } from '../../src/worker/handler';
import type { Event } from '../../src/worker/protocol';
import type { Activation, KernelInitializer } from '../../src/engine/model/spec';
import { gradientVerdict } from '../../src/state/gradient-verdict';

type Gradients = Extract<Event, { type: 'gradients' }>;

async function run(activation: Activation, kernelInitializer: KernelInitializer): Promise<{ gradients: Gradients[]; events: Event[] }> {
  const events: Event[] = [];
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => (finished = resolve));
  const handler = new Handler((e) => {
    events.push(e);
    if (e.type === 'phase' && (e.phase === 'finished' || e.phase === 'failed')) finished();
  });
  const spec = presetSpec('circle-mlp');
  spec.training.backend = 'cpu';
  spec.training.epochs = 2;
  spec.model.layers = Array.from({ length: 8 }, () => ({ ...dense(16, activation), kernelInitializer }));
  await handler.handle({ type: 'prepare', runId: 1, spec, datasetsUrl: 'http://unused/' });
  await handler.handle({ type: 'start', runId: 1 });
  await done;
  expect(events.find((e) => e.type === 'phase' && e.phase === 'failed')).toBeUndefined();
  await handler.handle({ type: 'prepare', runId: 2, spec: presetSpec('xor-mlp'), datasetsUrl: 'http://unused/' }); // disposes run 1
  return { gradients: events.filter((e): e is Gradients => e.type === 'gradients'), events };
}

describe('inside views from the worker', () => {
  it('sends gradient norms per kernel and activation statistics per hidden layer; sigmoid ×8 vanishes, ReLU + heNormal does not', async () => {
    const { gradients: sigmoid } = await run('sigmoid', 'glorotUniform');
    expect(sigmoid.length).toBeGreaterThanOrEqual(1); // at least the one at the end
    const last = sigmoid[sigmoid.length - 1];
    expect(last.gradients.map((g) => g.layer)).toEqual([...Array.from({ length: 8 }, (_, i) => `dense_${i + 1}`), 'output']);
    expect(last.activations).toHaveLength(8);
    expect(last.activations.every((a) => a.activation === 'sigmoid' && a.saturated !== null && a.dead === null)).toBe(true);
    const sigmoidRatio = last.gradients[0].norm / last.gradients[8].norm;
    expect(gradientVerdict(last.gradients, sigmoid[0].gradients)?.level).toBe('vanishing');

    const { gradients: relu, events } = await run('relu', 'heNormal');
    const reluLast = relu[relu.length - 1];
    const reluRatio = reluLast.gradients[0].norm / reluLast.gradients[8].norm;
    expect(reluLast.activations.every((a) => a.dead !== null)).toBe(true);
    expect(gradientVerdict(reluLast.gradients, relu[0].gradients)?.level).toBe('healthy');
    console.info(`first/output gradient norm ratio: sigmoid ${sigmoidRatio.toExponential(2)}, relu+heNormal ${reluRatio.toExponential(2)}`);
    expect(reluRatio / sigmoidRatio).toBeGreaterThan(100);

    // at the end, the 2D set's two inputs explained: importance ± std over repeats, and a complete attribution
    const explained = events.find((e) => e.type === 'explanations');
    if (explained?.type !== 'explanations' || explained.explanations.kind !== 'features') throw new Error('no feature explanations sent');
    const { names, importance, attribution } = explained.explanations.features;
    expect(names).toEqual(['x₁', 'x₂']);
    expect(importance.metric).toBe('accuracy');
    expect(importance.features).toHaveLength(2);
    expect(importance.features.every((f) => f.drops.length === 5 && f.std >= 0)).toBe(true);
    const sum = attribution.values.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - (attribution.output - attribution.baselineOutput))).toBeLessThan(5e-3);
  });
});
