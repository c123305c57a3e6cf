// The worker's exportCode command: refused before training, then the run's PyTorch script with its float32
// model files, named after the run, for either side of an A/B pair.
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import type { ExportEvent } from '../../src/worker/export-protocol';
import { Handler } from '../../src/worker/handler';
import type { Event } from '../../src/worker/protocol';

describe('worker exportCode', () => {
  it('refuses an untrained run, then hands over the script and the float32 files', async () => {
    const events: Event[] = [];
    const handler = new Handler((event) => events.push(event));
    const last = <T extends ExportEvent['type']>(type: T) => events.filter((e) => e.type === type).pop() as Extract<ExportEvent, { type: T }>;
    const spec = presetSpec('xor-mlp');
    spec.training.epochs = 1;
    spec.training.optimizer = 'rmsprop';
    await handler.handle({ type: 'prepare', runId: 1, spec, datasetsUrl: 'http://unused/' });
    await handler.handle({ type: 'exportCode', runId: 1, arm: 0 });
    expect(last('exportError')).toMatchObject({ action: 'code', message: expect.stringMatching(/has not trained yet/) });
    await handler.handle({ type: 'start', runId: 1 });
    while (!events.some((e) => e.type === 'phase' && e.phase === 'finished')) await new Promise((r) => setTimeout(r, 20));
    await handler.handle({ type: 'exportCode', runId: 1, arm: 0 });
    const code = last('exportedCode');
    expect(code.fileName).toBe('xor-1layers-pytorch.py');
    expect(code.modelJsonFileName).toBe('xor-1layers-float32.json');
    expect(JSON.parse(code.modelJson).weightsManifest[0].paths).toEqual([code.weightsFileName]);
    // xor-mlp: 2·8 + 8 + 8·2 + 2 = 42 float32 parameters
    expect(code.weights.byteLength).toBe(42 * 4);
    expect(code.script).toContain('self.dense_1 = nn.Linear(2, 8)');
    expect(code.script).toContain('x = torch.tanh(self.dense_1(x))');
    expect(code.script).toContain('OPTIMIZER = "rmsprop"');
    expect(code.script).toContain('python3 xor-1layers-pytorch.py --weights xor-1layers-float32.json --evaluate');
  });
});
