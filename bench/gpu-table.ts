// Turns the GPU run's output into the README's table: bench/gpu.ts's JSON lines (bench: "tfjs") and
// torch_reference.py's (torch: "mlp" | "cnn"), from any files given, other lines ignored.
// Usage: node scripts/run-ts.mjs bench/gpu-table.ts tfjs.jsonl torch.jsonl
import { readFileSync } from 'node:fs';
import { markdownTable, ratio } from './table';

interface TfjsLine { bench: 'tfjs'; device?: string; model?: string; bs?: number; loop?: string; fastPath?: boolean; examplesPerSec?: number; dispatchesPerStep?: number; start?: string }
interface TorchLine { torch: string; bs: number; examplesPerSec: number }

const lines = process.argv.slice(2).filter((a) => a !== '--').flatMap((file) => readFileSync(file, 'utf8').split('\n'))
  .filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l) as TfjsLine | TorchLine);
const tfjs = lines.filter((l): l is TfjsLine => 'bench' in l);
const torch = lines.filter((l): l is TorchLine => 'torch' in l);
if (tfjs.length === 0) throw new Error('No bench/gpu.ts lines ({"bench":"tfjs",…}) in the files given.');

const find = (model: string, bs: number, loop: string, fastPath = true) =>
  tfjs.find((l) => l.model === model && l.bs === bs && l.loop === loop && l.fastPath === fastPath);
const speed = (model: string, bs: number, loop: string, fastPath = true) => find(model, bs, loop, fastPath)?.examplesPerSec ?? null;
const keys = [...new Map(tfjs.filter((l) => l.model && l.bs).map((l) => [`${l.model}/${l.bs}`, [l.model!, l.bs!] as const])).values()];
const device = tfjs.find((l) => l.device)?.device ?? '?';
const date = (tfjs.find((l) => l.start)?.start ?? new Date().toISOString()).slice(0, 10);

console.log(`GPU benchmark, ${date}: ${device} (Node + Dawn, tfjs 4.22 webgpu), 8,192 random 28×28 examples, Adam, examples/s\n`);
console.log(markdownTable(
  ['Model', 'Batch', 'model.fit', 'Engine', 'Engine, fast path off', 'PyTorch', 'Engine / model.fit', 'Engine / PyTorch', 'Dispatches per step (off → on)'],
  keys.map(([model, bs]) => {
    const engine = speed(model, bs, 'engine');
    const pytorch = torch.find((t) => t.torch === model && t.bs === bs)?.examplesPerSec ?? null;
    const [off, on] = [find(model, bs, 'count', false)?.dispatchesPerStep, find(model, bs, 'count', true)?.dispatchesPerStep];
    return [model.toUpperCase(), String(bs), speed(model, bs, 'fit'), engine, speed(model, bs, 'engine', false), pytorch,
      ratio(engine, speed(model, bs, 'fit')), ratio(engine, pytorch), off != null && on != null ? `${off} → ${on}` : null];
  })));
console.log('\nTargets: engine ≥ 10× model.fit at batch 256 (MLP); engine ≥ 0.25× PyTorch at batch 1024 (MLP and CNN).');
