// DistributedDataParallel on two CPU processes (gloo): the exported MNIST MLP trains one epoch, global batch 64
// (32 per process), and reaches the engine's one-epoch test accuracy at the same seed within 2 points. The test
// starts both processes itself with torchrun's environment variables (Debian's torchrun fails on Python 3.11).
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import { DATASETS_DIR } from './engine-data';
import { engineRun, trainOnWasm } from './engine-run';
import { freePort, pythonProcess, requireTorch, resultLine } from './python';

let root: string;
beforeAll(async () => {
  requireTorch();
  await trainOnWasm();
  root = await mkdtemp(join(tmpdir(), 'pytorch-ddp-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the exported script under DistributedDataParallel', () => {
  it('trains the MNIST MLP for one epoch on two gloo processes to the engine\'s accuracy within 2 points', async () => {
    const spec = presetSpec('mnist-mlp');
    spec.training.epochs = 1;
    const run = await engineRun(spec, join(root, 'mnist'));
    const port = await freePort();
    const started = performance.now();
    const world = 2;
    const processes = await Promise.all(Array.from({ length: world }, (_, rank) => pythonProcess([run.script, '--data', DATASETS_DIR], {
      env: { ...process.env, MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), RANK: String(rank), LOCAL_RANK: String(rank),
        WORLD_SIZE: String(world), LOCAL_WORLD_SIZE: String(world) },
    })));
    const seconds = (performance.now() - started) / 1000;
    processes.forEach((p, rank) => expect(p.code, `rank ${rank}: ${p.stderr.slice(-3000)}`).toBe(0));
    const out = processes[0].stdout;
    expect(out).toMatch(/2 process\(es\) on cpu, 32 examples each per step \(global batch 64\)/);
    const result = resultLine(out);
    console.log(`MNIST MLP, one epoch, seed 42, batch 64: engine (Node, ${tf.getBackend()}) ${run.test.accuracy} in ${run.seconds.toFixed(1)} s; ` +
      `PyTorch DDP 2×gloo ${result.test_accuracy} in ${seconds.toFixed(1)} s wall (${result.seconds?.toFixed(1)} s in the script)\n${out}`);
    expect(result.processes).toBe(2);
    expect(Math.abs(result.test_accuracy! - run.test.accuracy!)).toBeLessThanOrEqual(0.02);
  });
});
