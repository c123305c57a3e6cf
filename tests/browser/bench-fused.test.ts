// The fast training step on WebGPU in Chromium (SwiftShader here): the fused optimizer, loss and layer kernels
// give stock tfjs's losses within 1e-4 relative over 100 steps at a fixed seed, and fewer dispatches per step.
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from '../../src/engine/model/spec';
import { useFixtureBrowser } from './browser';
import type { FastStepInput, FastStepOutput } from './fixtures/bench-fused';

// one page: the stock and fused steps of one model compile once for the file, not once per optimizer
const fixture = useFixtureBrowser({ onePage: true });

const compare = (input: FastStepInput) => fixture<FastStepOutput>('bench-fused', input);

describe('the fast step on WebGPU', () => {
  it.each(OPTIMIZERS)('%s on a small MNIST-shaped MLP: stock tfjs losses over 100 steps, fewer dispatches', async (optimizer) => {
    const out = await compare({ backend: 'webgpu', optimizer, model: 'mlp', steps: 100, batchSize: 32, learningRate: 0.01 });
    expect(out.backend).toBe('webgpu');
    expect(out.ours).toHaveLength(100);
    expect(out.worstRelative).toBeLessThan(1e-4);
    // the loss must move, or matching would prove nothing
    expect(Math.abs(out.ours[99] - out.ours[0])).toBeGreaterThan(0.01);
    const [before, after] = out.counts.map((c) => c.perStep);
    console.log(`${optimizer} MLP: ${before.dispatches} → ${after.dispatches} dispatches per step, worst relative ${out.worstRelative.toExponential(2)}`);
    expect(after.dispatches).toBeLessThan(before.dispatches / 2);
    expect(out.leakedTensors).toBe(0);
  });

  it('Adam on a small CNN (conv, pooling, dense): stock tfjs losses over 40 steps, fewer dispatches', async () => {
    const out = await compare({ backend: 'webgpu', optimizer: 'adam', model: 'cnn', steps: 40, batchSize: 16, learningRate: 0.01 });
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
