// The worker's checkpoints and resume, through the Handler as the page drives it: a run sends a checkpoint after
// every epoch; a new handler (as after a reload) resumed from the one after epoch 2 replays the curves so far and
// trains on to the same validation losses and test evaluation as the run that never stopped.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dense, dropout, presetSpec } from '../../src/engine/model/presets';
import type { Event } from '../../src/worker/protocol';
import { handlerHarness, type Of } from './handler-harness';

const spec = () => {
  const s = presetSpec('moons-mlp');
  s.model.layers = [dense(16), dropout(0.3), dense(16)];
  s.training = { ...s.training, epochs: 4, backend: 'cpu' };
  return s;
};

const validations = (events: Event[]) => events.filter((e): e is Of<'epoch'> => e.type === 'epoch').map((e) => e.report.validation?.loss);

describe('worker checkpoints and resume', () => {
  it('sends a checkpoint per epoch; resuming from epoch 2 replays the curves and ends where the straight run ends', async () => {
    const straight = handlerHarness();
    await straight.handler.handle({ type: 'prepare', runId: 1, spec: spec(), datasetsUrl: 'http://unused/', checkpoints: { everyEpochs: 1 } });
    await straight.handler.handle({ type: 'start', runId: 1 });
    await straight.phase(1, 'finished');
    const checkpoints = straight.events.filter((e): e is Of<'checkpoint'> => e.type === 'checkpoint');
    expect(checkpoints.map((c) => c.epoch)).toEqual([1, 2, 3, 4]);
    expect(checkpoints[1].validation?.loss).toBe(validations(straight.events)[1]);
    const expected = (straight.events.find((e) => e.type === 'evaluation') as Of<'evaluation'>).evaluation;

    const resumed = handlerHarness();
    await resumed.handler.handle({ type: 'resume', runId: 7, checkpoint: checkpoints[1].bytes, datasetsUrl: 'http://unused/', checkpoints: { everyEpochs: 1 } });
    await resumed.phase(7, 'ready');
    // the curves up to epoch 2 come again before training goes on
    expect(validations(resumed.events)).toEqual(validations(straight.events).slice(0, 2));
    const replayed = resumed.events.filter((e): e is Of<'batches'> => e.type === 'batches');
    expect(replayed.at(-1)?.report.epoch).toBe(2);
    await resumed.handler.handle({ type: 'start', runId: 7 });
    await resumed.phase(7, 'finished');
    expect(validations(resumed.events)).toEqual(validations(straight.events));
    const evaluation = (resumed.events.find((e) => e.type === 'evaluation') as Of<'evaluation'>).evaluation;
    expect(evaluation).toEqual(expected);
    expect(resumed.events.filter((e): e is Of<'checkpoint'> => e.type === 'checkpoint').map((c) => c.epoch)).toEqual([3, 4]);
    // a resumed run leaves nothing behind once a new run replaces it
    await resumed.handler.handle({ type: 'prepare', runId: 8, spec: presetSpec('xor-mlp'), datasetsUrl: 'http://unused/' });
    await resumed.phase(8, 'ready');
    const before = tf.memory().numTensors;
    await resumed.handler.handle({ type: 'resume', runId: 9, checkpoint: checkpoints[2].bytes, datasetsUrl: 'http://unused/' });
    await resumed.phase(9, 'ready');
    await resumed.handler.handle({ type: 'prepare', runId: 10, spec: presetSpec('xor-mlp'), datasetsUrl: 'http://unused/' });
    await resumed.phase(10, 'ready');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('resumes on another backend when asked (as after a lost device): WASM from a CPU checkpoint, losses within 1e-4', async () => {
    const straight = handlerHarness();
    await straight.handler.handle({ type: 'prepare', runId: 1, spec: spec(), datasetsUrl: 'http://unused/', checkpoints: { everyEpochs: 1 } });
    await straight.handler.handle({ type: 'start', runId: 1 });
    await straight.phase(1, 'finished');
    const checkpoint = straight.events.find((e): e is Of<'checkpoint'> => e.type === 'checkpoint' && e.epoch === 2)!;
    const resumed = handlerHarness();
    await resumed.handler.handle({ type: 'resume', runId: 2, checkpoint: checkpoint.bytes, datasetsUrl: 'http://unused/', backend: 'wasm' });
    await resumed.phase(2, 'ready');
    expect((resumed.events.find((e) => e.type === 'backend') as Of<'backend'>).report.active).toBe('wasm');
    await resumed.handler.handle({ type: 'start', runId: 2 });
    await resumed.phase(2, 'finished');
    const expected = validations(straight.events);
    const got = validations(resumed.events);
    expect(got.slice(0, 2)).toEqual(expected.slice(0, 2)); // replayed from the checkpoint
    got.slice(2).forEach((loss, i) => expect(Math.abs(loss! - expected[i + 2]!)).toBeLessThan(1e-4));
    await resumed.handler.handle({ type: 'prepare', runId: 3, spec: spec(), datasetsUrl: 'http://unused/' }); // back on the CPU for what follows
    await resumed.phase(3, 'ready');
  });

  it('refuses damaged bytes with the reason, as a failed phase', async () => {
    const { handler, phase } = handlerHarness();
    await handler.handle({ type: 'resume', runId: 3, checkpoint: new Uint8Array(40), datasetsUrl: 'http://unused/' });
    const failed = (await phase(3, 'failed')) as Of<'phase'>;
    expect(failed.message).toBe('Cannot resume: these bytes are not a training checkpoint (they do not start with its mark).');
  });
});
