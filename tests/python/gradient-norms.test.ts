// The gradient probe against PyTorch for fixed tiny dense networks (ReLU, sigmoid, tanh): the same weights and
// probe batch, the mean softmax cross-entropy's gradient norm per kernel (in float64 there) within 1e-4
// relative, and each hidden layer's dead-ReLU and saturated shares equal.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/data/random';
import { GradientProbe, SATURATION } from '../../src/engine/evaluate/gradient-stats';
import { Network } from '../../src/engine/model/network';
import { dense, presetSpec } from '../../src/engine/model/presets';
import type { Activation } from '../../src/engine/model/spec';
import { python, requireTorch } from './python';

let root: string;
beforeAll(async () => {
  requireTorch();
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'gradient-oracle-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('gradient norms against PyTorch', () => {
  it.each(['relu', 'sigmoid', 'tanh'] as Activation[])('agree for a 2-12-8-2 %s MLP', async (activation) => {
    const spec = presetSpec('spiral-mlp');
    spec.model.layers = [dense(12, activation), dense(8, activation)];
    const network = new Network(spec);
    // a wide spread of inputs so some units die or saturate
    const random = new Random(17);
    const x = Float32Array.from({ length: 48 * 2 }, () => (random.next() * 2 - 1) * 4);
    const y = Int32Array.from({ length: 48 }, () => random.int(2));
    const xs = tf.tensor2d(x, [48, 2]);
    const ys = tf.tensor1d(y, 'int32');
    const probe = new GradientProbe(network, xs, ys, 2);
    const { gradients, activations } = await probe.read();
    const job = {
      inputs: 2, x: Array.from(x), y: Array.from(y), activations: [activation, activation], saturation: SATURATION,
      kernels: network.kernels.map(({ kernel }) => ({ shape: kernel.shape, values: Array.from(kernel.dataSync()) })),
      biases: network.trainable.filter((v) => v.rank === 1).map((b) => Array.from(b.dataSync())),
    };
    await writeFile(join(root, 'job.json'), JSON.stringify(job));
    await python([join(import.meta.dirname, 'gradient_oracle.py'), join(root, 'job.json'), join(root, 'out.json')]);
    const torch = JSON.parse(await readFile(join(root, 'out.json'), 'utf8')) as { norms: number[]; stats: { dead: number; saturated: number }[] };
    gradients.forEach((g, i) => expect(Math.abs(g.norm - torch.norms[i]) / torch.norms[i], g.layer).toBeLessThan(1e-4));
    activations.forEach((a, i) => {
      if (activation === 'relu') expect(a.dead).toBeCloseTo(torch.stats[i].dead, 6);
      else expect(a.saturated).toBeCloseTo(torch.stats[i].saturated, 6);
    });
    probe.dispose();
    tf.dispose([xs, ys]);
    network.dispose();
  });
});
