// A k-fold cross-validation's checkpoints through the Handler: the current fold sends one after every epoch,
// carrying which fold it is and the last validation of the folds before it; a new handler (as after a reload)
// resumed from fold 2's checkpoint after epoch 1 trains fold 2 on and fold 3, and its summary (every fold's
// validation accuracy, mean and spread) is that of the cross-validation that never stopped.
import { describe, expect, it } from 'vitest';
import { dense, presetSpec } from '../../src/engine/model/presets';
import { checkpointFromBytes } from '../../src/engine/train/checkpoint-bytes';
import type { Event } from '../../src/worker/protocol';
import { handlerHarness, type Of } from './handler-harness';

const spec = () => {
  const s = presetSpec('moons-mlp');
  s.model.layers = [dense(8)];
  s.training = { ...s.training, epochs: 3, folds: 3, backend: 'cpu' };
  return s;
};
const validations = (events: Event[], arm: number) => events.filter((e): e is Of<'epoch'> => e.type === 'epoch' && e.arm === arm).map((e) => e.report.validation?.loss);
const summary = (events: Event[]) => events.find((e): e is Of<'folds'> => e.type === 'folds')?.summary;

describe('cross-validation checkpoints', () => {
  it('the current fold checkpoints; a resume goes on with that fold, keeps the folds before it, and ends with the same summary', async () => {
    const straight = handlerHarness(20_000);
    await straight.handler.handle({ type: 'prepare', runId: 1, spec: spec(), datasetsUrl: 'http://unused/', checkpoints: { everyEpochs: 1 } });
    await straight.handler.handle({ type: 'start', runId: 1 });
    await straight.phase(1, 'finished');
    const sent = straight.events.filter((e): e is Of<'checkpoint'> => e.type === 'checkpoint');
    expect(sent.map((c) => [c.arm, c.epoch])).toEqual([[0, 1], [0, 2], [0, 3], [1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]]);
    const from = sent.find((c) => c.arm === 1 && c.epoch === 1)!;
    const header = checkpointFromBytes(from.bytes).header;
    expect(header.fold?.index).toBe(1);
    expect(header.fold?.results).toHaveLength(1);
    console.log(`fold checkpoint after fold 2's epoch 1: ${from.bytes.length} bytes`);
    const expected = summary(straight.events)!;
    expect(expected.values).toHaveLength(3);

    const resumed = handlerHarness(20_000);
    await resumed.handler.handle({ type: 'resume', runId: 2, checkpoint: from.bytes, datasetsUrl: 'http://unused/', checkpoints: { everyEpochs: 1 } });
    await resumed.phase(2, 'ready');
    expect((resumed.events.find((e) => e.type === 'plan') as Of<'plan'>)).toMatchObject({ mode: 'folds', arms: 3 });
    expect(resumed.events.some((e) => e.type === 'ready' && e.arm === 0)).toBe(false); // fold 1 is not trained again
    await resumed.handler.handle({ type: 'start', runId: 2 });
    await resumed.phase(2, 'finished');
    for (const arm of [1, 2]) expect(validations(resumed.events, arm)).toEqual(validations(straight.events, arm)); // CPU: exactly
    expect(summary(resumed.events)).toEqual(expected);
    // the resumed run's own checkpoints carry the folds before them, fold 1's from the checkpoint it began from
    const last = resumed.events.filter((e): e is Of<'checkpoint'> => e.type === 'checkpoint').at(-1)!;
    expect(checkpointFromBytes(last.bytes).header.fold).toMatchObject({ index: 2, results: checkpointFromBytes(sent.at(-1)!.bytes).header.fold!.results });
  });
});
