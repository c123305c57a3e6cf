// The Export table of a trained run: the model in every weight format, then pruned copies (optionally
// fine-tuned with their masks held) in every format, all compared with the unpruned float32 export.
import type { Dataset } from '../../data/dataset';
import type { DeviceSplit } from '../train/device-data';
import { exportRows, type ExportRow } from './export-report';
import { TrainingLoop, type BatchReport, type LoopCallbacks } from '../train/loop';
import { Network } from '../model/network';
import { magnitudePrune, type SparsityReport } from './prune';
import type { WeightFormat } from './quantize';
import { Trainer } from '../train/trainer';

export interface PruneOptions {
  /** Share of each kernel's weights to zero, in [0, 1). */
  sparsity: number;
  /** Epochs of further training with the masks re-applied after every step; 0 for none. */
  fineTuneEpochs: number;
}

export interface FineTuneContext {
  /** The run's dataset, uploaded again for fine-tuning (the fine-tune sees the run's training split). */
  dataset: Dataset;
  callbacks?: LoopCallbacks;
  shouldContinue?: () => boolean;
}

/**
 * Builds a copy of `source` (same spec, its current weights), prunes it and, when asked, fine-tunes it with a
 * fresh optimizer at the run's learning rate; then hands it to `use` and disposes it, masks and all.
 */
export async function withPrunedCopy<T>(
  source: Network, prune: PruneOptions, fineTune: FineTuneContext | null,
  use: (network: Network, sparsity: SparsityReport) => Promise<T>,
): Promise<T> {
  if (prune.fineTuneEpochs > 0 && !fineTune) throw new Error('fine-tuning a pruned model needs the run\'s dataset; pass it with the fine-tune options');
  const { training } = source.spec;
  const spec = {
    ...source.spec,
    training: { ...training, epochs: Math.max(1, prune.fineTuneEpochs), folds: 1, earlyStopping: { ...training.earlyStopping, enabled: false } },
  };
  const trainer = prune.fineTuneEpochs > 0 ? new Trainer(spec, fineTune!.dataset) : null;
  const network = trainer?.network ?? new Network(spec);
  network.model.setWeights(source.model.getWeights());
  const masks = magnitudePrune(network.model, prune.sparsity);
  try {
    if (trainer) {
      trainer.step.afterUpdate = () => masks.apply();
      const end = await new TrainingLoop(trainer, fineTune!.callbacks ?? {}).run(fineTune!.shouldContinue);
      if (end.reason === 'diverged') throw new Error(`Fine-tuning the ${prune.sparsity * 100}% pruned model failed. ${end.message}`);
    }
    return await use(network, await masks.report());
  } finally {
    masks.dispose();
    if (trainer) trainer.dispose();
    else network.dispose();
  }
}

export interface ExportTableOptions {
  formats?: readonly WeightFormat[];
  pruning?: PruneOptions[];
  /** Needed when any pruning entry fine-tunes. */
  fineTune?: FineTuneContext;
  /** Called as each group of rows is measured, so a table can fill in while the rest is computed. */
  onRows?: (rows: ExportRow[]) => void;
  /**
   * How far the table has got, in units of work: measuring one group of rows is 1 unit and each epoch of
   * fine-tuning 1 more, so a fine-tune moves the bar as it trains.
   */
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportProgress {
  done: number;
  total: number;
  /** What is being done now, in words: "measuring float32 … uint8", "fine-tuning the 50% pruned model". */
  stage: string;
}

/** Units of work of a table (see ExportTableOptions.onProgress). */
export function exportWork(pruning: readonly PruneOptions[]): number {
  return 1 + pruning.reduce((n, p) => n + 1 + p.fineTuneEpochs, 0);
}

/** Every row of the Export table: `network` in each format, then each pruning setting in each format. */
export async function exportTable(network: Network, test: DeviceSplit, options: ExportTableOptions = {}): Promise<ExportRow[]> {
  const testSet = { x: test.x, y: test.y, task: network.task };
  const total = exportWork(options.pruning ?? []);
  let done = 0;
  const progress = (stage: string, extra = 0) => options.onProgress?.({ done: Math.min(total, done + extra), total, stage });
  progress('measuring every format of the trained model');
  const base = await exportRows(network.model, testSet, { formats: options.formats });
  options.onRows?.(base.rows);
  done += 1;
  const rows = [...base.rows];
  for (const prune of options.pruning ?? []) {
    const name = `the ${Math.round(prune.sparsity * 100)}% pruned model`;
    const fineTune = options.fineTune && prune.fineTuneEpochs > 0 ? {
      ...options.fineTune,
      callbacks: {
        ...options.fineTune.callbacks,
        onBatches: (report: BatchReport) => {
          options.fineTune?.callbacks?.onBatches?.(report);
          progress(`fine-tuning ${name}`, Math.min(prune.fineTuneEpochs, report.epoch));
        },
      },
    } : options.fineTune ?? null;
    progress(prune.fineTuneEpochs > 0 ? `fine-tuning ${name}` : `measuring ${name}`);
    const pruned = await withPrunedCopy(network, prune, fineTune, async (copy, sparsity) => {
      done += prune.fineTuneEpochs;
      progress(`measuring ${name}`);
      const tuned = prune.fineTuneEpochs > 0 ? `, fine-tuned ${prune.fineTuneEpochs} epoch${prune.fineTuneEpochs === 1 ? '' : 's'}` : '';
      return exportRows(copy.model, testSet, {
        formats: options.formats, reference: base.reference,
        label: `pruned ${Math.round(prune.sparsity * 100)}%${tuned}`,
        pruning: { target: prune.sparsity, actual: sparsity.overall, fineTuneEpochs: prune.fineTuneEpochs },
      });
    });
    options.onRows?.(pruned.rows);
    done += 1;
    progress('done');
    rows.push(...pruned.rows);
  }
  if (!options.pruning?.length) progress('done');
  return rows;
}
