// The benchmark's GPU half: under Node, on an NVIDIA GPU through Dawn (../shared/gpu/README.md, bench/gpu-run.md),
// the reference MLP and CNN at batch 64, 256 and 1024 on 8,192 random examples: stock model.fit, a minimize loop
// (optional), the engine's Trainer with its fused WebGPU kernels and with the fast path off. One JSON line per
// measurement on stdout; bench/gpu-table.ts turns them, with torch_reference.py's lines, into the README table.
//
// Environment: BENCH_BACKEND=webgpu|cpu (cpu: a smoke test anywhere, no Dawn), BENCH_EXAMPLES (8192),
// BENCH_BATCHES (64,256,1024), BENCH_MODELS (mlp,cnn), BENCH_LOOPS (fit,engine,engine-slow; minimize too if
// named), BENCH_SUBMIT_BATCH (tfjs's WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE, default 15).
import * as tf from '@tensorflow/tfjs';
import { setFastPath } from '../src/engine/train/fast-path';
import { installCounters, perStep, readCounters, resetCounters } from './instrument';
import { LOOPS, timeEngine, type LoopName } from './loops';
import type { ReferenceModel } from './models';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const backend = env('BENCH_BACKEND', 'webgpu');
let device = 'cpu';
if (backend === 'webgpu') {
  // Dawn's navigator.gpu first: the backend registers itself at import only where navigator.gpu exists
  const { adapter } = await import('./dawn-gpu.mjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  const info = (adapter as GPUAdapter).info;
  device = [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
}
if (!(await tf.setBackend(backend))) throw new Error(`tfjs could not start the ${backend} backend`);
await tf.ready();
tf.env().set('PROD', true);
const submitBatch = process.env.BENCH_SUBMIT_BATCH;
if (submitBatch && backend === 'webgpu') tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', Number(submitBatch));
installCounters();

const examples = Number(env('BENCH_EXAMPLES', '8192'));
const batches = env('BENCH_BATCHES', '64,256,1024').split(',').map(Number);
const models = env('BENCH_MODELS', 'mlp,cnn').split(',') as ReferenceModel[];
const loops = env('BENCH_LOOPS', 'fit,engine,engine-slow').split(',') as (LoopName | 'engine-slow')[];
const print = (line: object) => console.log(JSON.stringify({ bench: 'tfjs', backend, device, ...line }));
print({ start: new Date().toISOString(), examples, submitBatch: tf.env().getNumber(backend === 'webgpu' ? 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE' : 'PROD') });

for (const model of models) {
  for (const batchSize of batches) {
    // one epoch of `examples` timed, after a warm-up of up to 20 steps (shader compiles, buffer pool)
    const steps = Math.max(1, Math.floor(examples / batchSize));
    const warmSteps = Math.min(steps, 20);
    for (const name of loops) {
      const fastPath = name !== 'engine-slow';
      setFastPath(fastPath);
      const loop = name === 'engine-slow' ? 'engine' : name;
      const t = await LOOPS[loop]({ model, batchSize, steps, warmSteps });
      print({ model, bs: batchSize, loop, fastPath, examplesPerSec: Math.round(t.examplesPerSecond), ms: Math.round(t.ms), loss: t.loss });
    }
    // dispatches and uploads of one engine step, both paths
    for (const fastPath of [false, true]) {
      setFastPath(fastPath);
      resetCounters();
      await timeEngine({ model, batchSize, steps: 4, warmSteps: 2, examples: 4096 }, () => resetCounters());
      const c = perStep(readCounters(), 4);
      print({ model, bs: batchSize, loop: 'count', fastPath, dispatchesPerStep: c.dispatches, uploadsPerStep: c.uploads, submitsPerStep: c.submits });
    }
    setFastPath(true);
  }
}
print({ end: new Date().toISOString(), numTensors: tf.memory().numTensors });
process.exit(0);
