// `node scripts/run-ts.mjs scripts/export-figures.ts [--epochs 1] [--train-size 8000] [--test-size 2000]
//   [--fine-tune-epochs 1] [--json out.json]`: trains the 'mnist-cnn' preset (seed 42) on tfjs's CPU backend in
// Node, then prints the Export table: the model in float32, float16, uint16 and uint8, and pruned to 50% and 90%
// (with and without fine-tuning), every row measured on files written and reloaded by stock tfjs.
import * as tf from '@tensorflow/tfjs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadImageDataset } from '../src/data/image-datasets';
import type { ExportRow } from '../src/engine/export/export-report';
import { exportTable, type PruneOptions } from '../src/engine/export/export-table';
import { TrainingLoop } from '../src/engine/train/loop';
import { presetSpec } from '../src/engine/model/presets';
import { Trainer } from '../src/engine/train/trainer';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number ≥ 0, got ${process.argv[at + 1]}`);
  return value;
}

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(2)}%`);
const bytes = (n: number) => n.toLocaleString('en');

function printTable(rows: ExportRow[]) {
  const header = ['model', 'weights B', 'gzip B', 'accuracy', 'Δ acc (pp)', 'macro F1', 'agree f32', 'max Δp', 'largest weight error per layer'];
  const base = rows[0].metrics.task === 'classification' ? rows[0].metrics.accuracy : 0;
  const lines = rows.map((r) => {
    const m = r.metrics.task === 'classification' ? r.metrics : null;
    return [
      r.label, bytes(r.weightsBytes), bytes(r.gzipBytes),
      pct(m?.accuracy ?? null), m ? ((m.accuracy - base) * 100).toFixed(2) : '—', m ? m.macroF1.toFixed(4) : '—',
      pct(r.agreement), r.maxOutputChange.toExponential(2),
      r.layerErrors.map((e) => `${e.layer} ${e.maxAbsError.toExponential(1)}`).join(', '),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(format(header));
  for (const l of lines) console.log(format(l));
}

async function main() {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const spec = presetSpec('mnist-cnn');
  if (spec.dataset.kind !== 'images') throw new Error('mnist-cnn is an image preset');
  spec.training.epochs = option('epochs', 1);
  spec.dataset.trainSize = option('train-size', spec.dataset.trainSize);
  spec.dataset.testSize = option('test-size', spec.dataset.testSize);
  const fineTuneEpochs = option('fine-tune-epochs', 1);
  const fetchBytes = async (path: string) => new Uint8Array(await readFile(join(ROOT, 'datasets', path)));
  const dataset = await loadImageDataset('mnist', { trainSize: spec.dataset.trainSize, testSize: spec.dataset.testSize, fetchBytes });
  const settings = `mnist-cnn, seed ${spec.training.seed}, ${dataset.train.count} train images (validation split ${spec.training.validationSplit}), `
    + `${dataset.test.count} test images, ${spec.training.epochs} epoch(s) of ${spec.training.optimizer} lr ${spec.training.learningRate} batch ${spec.training.batchSize}, `
    + `tfjs ${tf.version.tfjs} backend ${tf.getBackend()}`;
  console.log(settings);

  const started = performance.now();
  const trainer = new Trainer(spec, dataset);
  const end = await new TrainingLoop(trainer, {
    onEpoch: ({ epoch, validation }) => console.log(`epoch ${epoch}: validation ${JSON.stringify(validation)} after ${((performance.now() - started) / 1000).toFixed(0)} s`),
  }).run();
  if (end.reason !== 'finished') throw new Error(`training stopped: ${end.reason}`);

  const pruning: PruneOptions[] = [0.5, 0.9].flatMap((sparsity) => [
    { sparsity, fineTuneEpochs: 0 },
    ...(fineTuneEpochs > 0 ? [{ sparsity, fineTuneEpochs }] : []),
  ]);
  const tableStarted = performance.now();
  const rows = await exportTable(trainer.network, trainer.data.test, {
    pruning, fineTune: { dataset },
    onRows: (group) => console.log(`measured ${group[0].label.replace(/ \+ float32$/, '')} after ${((performance.now() - tableStarted) / 1000).toFixed(0)} s`),
  });
  console.log();
  printTable(rows);
  const jsonPath = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : null;
  if (jsonPath) await writeFile(jsonPath, JSON.stringify({ settings, rows }, null, 2));
  trainer.dispose();
}

await main();
