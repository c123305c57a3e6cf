// The fast training step on WebGPU in Chromium (SwiftShader here): the fused optimizer, loss and layer kernels
// give stock tfjs's losses within 1e-4 relative over 50 steps at a fixed seed, and fewer dispatches per step. (The
// worst gap measured was 1e-7 to 2e-7 relative whether over 50 or 100 steps; SwiftShader's dispatches, about 1 ms
// each, made 100 steps of both loops most of the file's time. The engine's optimizers are held to stock over 100
// steps under Node: tests/engine/train/optimizers.test.ts.)
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from '../../src/engine/model/spec';
import { useFixtureBrowser } from './browser';
import type { FastStepInput, FastStepOutput } from './fixtures/bench-fused';

// one page: the stock and fused steps of one model compile once for the file, not once per optimizer
const fixture = useFixtureBrowser({ onePage: true });

const compare = (input: FastStepInput) => fixture<FastStepOutput>('bench-fused', input);

describe('the fast step on WebGPU', () => {
  it.each(OPTIMIZERS)('%s on a small MNIST-shaped MLP: stock tfjs losses over 50 steps, fewer dispatches', async (optimizer) => {
    const out = await compare({ backend: 'webgpu', optimizer, model: 'mlp', steps: 50, batchSize: 32, learningRate: 0.01 });
    expect(out.backend).toBe('webgpu');
    expect(out.ours).toHaveLength(50);
    expect(out.worstRelative).toBeLessThan(1e-4);
    // the loss must move, or matching would prove nothing
    expect(Math.abs(out.ours[49] - out.ours[0])).toBeGreaterThan(0.01);
    const [before, after] = out.counts.map((c) => c.perStep);
    console.log(`${optimizer} MLP: ${before.dispatches} → ${after.dispatches} dispatches per step, worst relative ${out.worstRelative.toExponential(2)}`);
    expect(after.dispatches).toBeLessThan(before.dispatches / 2);
    expect(out.leakedTensors).toBe(0);
  });

  it('Adam on a small CNN (conv, pooling, dense): stock tfjs losses over 25 steps, fewer dispatches', async () => {
    const out = await compare({ backend: 'webgpu', optimizer: 'adam', model: 'cnn', steps: 25, batchSize: 16, learningRate: 0.01 });
    expect(out.worstRelative).toBeLessThan(1e-4);
    const [before, after] = out.counts.map((c) => c.perStep);
    console.log(`adam CNN: ${before.dispatches} → ${after.dispatches} dispatches per step, worst relative ${out.worstRelative.toExponential(2)}`);
    expect(after.dispatches).toBeLessThan(before.dispatches / 3);
    expect(out.leakedTensors).toBe(0);
  });

  it('on WebGL nothing changes: the tensor-op step, stock losses', async () => {
    const out = await compare({ backend: 'webgl', optimizer: 'adam', model: 'mlp', steps: 20, batchSize: 32, learningRate: 0.01 });
    expect(out.worstRelative).toBeLessThan(1e-4);
    const [before, after] = out.counts.map((c) => c.perStep);
    expect(after.dispatches).toBe(before.dispatches);
  });
});
