// A paired A/B run's checkpoints through the Handler: each arm sends its own after every epoch; a new handler
// (as after a reload) resumed from A's checkpoint after epoch 3 and B's after epoch 1 (the arms need not stand
// at the same epoch) replays each arm's curves and ends with each arm's validation losses and test evaluation
// those of the pair that never stopped.
import { describe, expect, it } from 'vitest';
import { dense, dropout, presetSpec } from '../../src/engine/model/presets';
import type { Event } from '../../src/worker/protocol';
import { handlerHarness, type Of } from './handler-harness';

const baseline = () => {
  const s = presetSpec('moons-mlp');
  s.model.layers = [dense(16), dense(16)];
  s.training = { ...s.training, epochs: 4, backend: 'cpu' };
  return s;
};
const variant = () => {
  const s = baseline();
  s.model.layers = [dense(16), dropout(0.3), dense(16)];
  return s;
};
const validations = (events: Event[], arm: number) => events.filter((e): e is Of<'epoch'> => e.type === 'epoch' && e.arm === arm).map((e) => e.report.validation?.loss);
const evaluation = (events: Event[], arm: number) => events.find((e): e is Of<'evaluation'> => e.type === 'evaluation' && e.arm === arm)?.evaluation;

describe('paired run checkpoints', () => {
  it('each arm checkpoints; the pair resumes from one checkpoint per arm with each arm\'s figures unchanged', async () => {
    const straight = handlerHarness(20_000);
    await straight.handler.handle({ type: 'prepare', runId: 1, spec: baseline(), variant: variant(), datasetsUrl: 'http://unused/', checkpoints: { everyEpochs: 1 } });
    await straight.handler.handle({ type: 'start', runId: 1 });
    await straight.phase(1, 'finished');
    const sent = straight.events.filter((e): e is Of<'checkpoint'> => e.type === 'checkpoint');
    expect(sent.filter((c) => c.arm === 0).map((c) => c.epoch)).toEqual([1, 2, 3, 4]);
    expect(sent.filter((c) => c.arm === 1).map((c) => c.epoch)).toEqual([1, 2, 3, 4]);
    const a = sent.find((c) => c.arm === 0 && c.epoch === 3)!;
    const b = sent.find((c) => c.arm === 1 && c.epoch === 1)!;
    const sizes = (arm: number) => sent.filter((c) => c.arm === arm).map((c) => c.bytes.length).join(', ');
    console.log(`pair checkpoint bytes after epochs 1-4: A ${sizes(0)}; B ${sizes(1)}`);
    expect(validations(straight.events, 0)).not.toEqual(validations(straight.events, 1)); // the arms differ

    const resumed = handlerHarness(20_000);
    await resumed.handler.handle({ type: 'resume', runId: 4, checkpoint: a.bytes, variantCheckpoint: b.bytes, datasetsUrl: 'http://unused/', checkpoints: { everyEpochs: 1 } });
    await resumed.phase(4, 'ready');
    expect((resumed.events.find((e) => e.type === 'plan') as Of<'plan'>).mode).toBe('paired');
    expect(validations(resumed.events, 0)).toHaveLength(3); // each arm's curves so far, replayed
    expect(validations(resumed.events, 1)).toHaveLength(1);
    await resumed.handler.handle({ type: 'start', runId: 4 });
    await resumed.phase(4, 'finished');
    for (const arm of [0, 1]) {
      expect(validations(resumed.events, arm)).toEqual(validations(straight.events, arm)); // CPU backend: exactly
      expect(evaluation(resumed.events, arm)).toEqual(evaluation(straight.events, arm));
    }
    const again = resumed.events.filter((e): e is Of<'checkpoint'> => e.type === 'checkpoint');
    expect(again.filter((c) => c.arm === 0).map((c) => c.epoch)).toEqual([4]);
    expect(again.filter((c) => c.arm === 1).map((c) => c.epoch)).toEqual([2, 3, 4]);
  });
});
