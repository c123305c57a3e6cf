// Trains a lesson's side at its fixed seed under Node (the lessons tier's backend: WASM, see vitest.config.ts) and measures what the lessons claim.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadImageDataset } from '../../src/data/image-datasets';
import { TrainingLoop, type LoopEnd } from '../../src/engine/train/loop';
import { classificationReport } from '../../src/engine/evaluate/metrics';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { Trainer } from '../../src/engine/train/trainer';
import { WeightStats, type LayerWeightStats } from '../../src/engine/evaluate/weight-stats';
import { exportTable } from '../../src/engine/export/export-table';
import type { ExportRow } from '../../src/engine/export/export-report';

export interface LessonResult {
  end: LoopEnd;
  epochs: number;
  /** Losses in inference mode at the end, penalty included in both (so it cancels in the gap). */
  trainLoss: number;
  validationLoss: number;
  gap: number;
  weights: LayerWeightStats[];
  testRecall: number[];
  testAccuracy: number;
  /** The Export view's format table for the trained model (its four formats, no pruning), when asked for. */
  exportRows: ExportRow[] | null;
}

export async function trainLesson(spec: ExperimentSpec, options: { exportRows?: boolean } = {}): Promise<LessonResult> {
  if (spec.dataset.kind !== 'images') throw new Error('the lessons train on images');
  const dataset = await loadImageDataset(spec.dataset.name, {
    trainSize: spec.dataset.trainSize, testSize: spec.dataset.testSize,
    fetchBytes: async (path) => new Uint8Array(await readFile(join('datasets', path))),
  });
  const trainer = new Trainer(spec, dataset);
  const loop = new TrainingLoop(trainer, {}, 5000);
  const end = await loop.run();
  const train = await trainer.evaluate(trainer.data.fit);
  const validation = await trainer.evaluate(trainer.data.validation!);
  const stats = new WeightStats(trainer.network);
  const weights = await stats.read();
  const report = classificationReport((await trainer.data.test.y.data()) as Int32Array, await trainer.predict(trainer.data.test), trainer.data.numClasses);
  const exportRows = options.exportRows ? await exportTable(trainer.network, trainer.data.test) : null;
  const result = {
    exportRows, end, epochs: trainer.epoch, trainLoss: train.loss, validationLoss: validation.loss, gap: validation.loss - train.loss,
    weights, testRecall: report.perClass.recall, testAccuracy: report.accuracy,
  };
  stats.dispose();
  loop.dispose();
  trainer.dispose();
  return result;
}
