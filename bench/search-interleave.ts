// Whether two small search trials trained together are faster than one after the other, under Node: the same
// two trials (the circle MLP at two learning rates) run sequentially, then interleaved chunk by chunk (as the
// page's paired runs are driven), on each backend named. Prints the ratio; the search runs trials one after
// another unless this says otherwise. Usage: node scripts/run-ts.mjs bench/search-interleave.ts [--backends cpu,wasm] [--epochs 6]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { generatePoints } from '../src/data/points';
import { presetSpec } from '../src/engine/model/presets';
import { applyParams } from '../src/engine/search/space';
import { TrainingLoop } from '../src/engine/train/loop';
import { Trainer } from '../src/engine/train/trainer';
import { useNodeWasmFiles } from '../scripts/wasm-node';

const args = process.argv.slice(2).filter((a) => a !== '--');
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const backends = (option('backends') ?? 'cpu,wasm').split(',');
const epochs = Number(option('epochs') ?? 6);
useNodeWasmFiles();
tf.env().set('PROD', true);

const base = presetSpec('circle-mlp');
base.training.epochs = epochs;
const specs = [applyParams(base, { learningRate: 0.01 }), applyParams(base, { learningRate: 0.03 })];
if (base.dataset.kind !== 'points') throw new Error('points preset expected');
const data = generatePoints({ ...base.dataset, seed: base.training.seed });

async function sequential(): Promise<number> {
  const t0 = performance.now();
  for (const spec of specs) {
    const trainer = new Trainer(spec, data);
    const loop = new TrainingLoop(trainer, {}, 200);
    await loop.run();
    loop.dispose();
    trainer.dispose();
  }
  return performance.now() - t0;
}

async function interleaved(): Promise<number> {
  const t0 = performance.now();
  const trainers = specs.map((s) => new Trainer(s, data));
  const loops = trainers.map((t) => new TrainingLoop(t, {}, 200));
  const live = new Set(loops);
  while (live.size) for (const loop of [...live]) if (await loop.chunk()) live.delete(loop);
  loops.forEach((l) => l.dispose());
  trainers.forEach((t) => t.dispose());
  return performance.now() - t0;
}

for (const backend of backends) {
  await tf.setBackend(backend);
  await sequential(); // warm-up: kernels compiled, first allocations done
  const times = { sequential: [] as number[], interleaved: [] as number[] };
  for (let i = 0; i < 3; i++) {
    times.sequential.push(await sequential());
    times.interleaved.push(await interleaved());
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
  const s = median(times.sequential);
  const j = median(times.interleaved);
  console.log(JSON.stringify({ backend, epochs, sequentialMs: Math.round(s), interleavedMs: Math.round(j), interleavedOverSequential: Number((j / s).toFixed(3)) }));
}
