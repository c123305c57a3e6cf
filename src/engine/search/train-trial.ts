// Trains one search trial on tfjs: a fresh Trainer on the trial's spec for the job's epochs, then the
// validation and test figures the search ranks by. Shared by the worker and by Node (tests, scripts/search.ts),
// so a figure in the README is what the page computes. Leaves no tensor behind.
import type { Dataset } from '../../data/dataset';
import type { ExperimentSpec } from '../model/spec';
import { TrainingLoop, type BatchReport, type LoopEnd } from '../train/loop';
import { Trainer } from '../train/trainer';
import type { TrialMetrics } from './schedule';

export interface TrialOutcome<R = never> {
  metrics: TrialMetrics;
  failed?: string;
  /** Completed epochs (fewer than asked when it diverged, stopped early, or was cut short). */
  epochsRun: number;
  /** Validation loss and accuracy after each epoch, for the stored run's curves. */
  /** What `options.report` read off the trained model before it was freed (the worker's test evaluation). */
  report?: R;
  curve: { epoch: number; loss: number | null; accuracy: number | null; valLoss: number | null; valAccuracy: number | null }[];
}

export interface TrialOptions<R = never> {
  /** Asked between chunks of batches: false cuts the trial short (pause or stop of the whole search). */
  shouldContinue?: () => boolean;
  onBatches?(report: BatchReport): void;
  /** Reads more off the trained model before it is freed. */
  report?(trainer: Trainer): Promise<R>;
}

const orNaN = (x: number | null | undefined) => (x === null || x === undefined ? NaN : x);

/** The trial's spec trained for `epochs` epochs on `dataset` (the spec's own seed, so reruns are identical). */
export async function trainTrial<R = never>(spec: ExperimentSpec, dataset: Dataset, epochs: number, options: TrialOptions<R> = {}): Promise<TrialOutcome<R>> {
  const trialSpec: ExperimentSpec = { ...spec, training: { ...spec.training, epochs } };
  const trainer = new Trainer(trialSpec, dataset);
  const curve: TrialOutcome<R>['curve'] = [];
  let last: BatchReport | null = null;
  const loop = new TrainingLoop(trainer, {
    onBatches: (r) => { last = r; options.onBatches?.(r); },
    onEpoch: (r) => {
      curve.push({
        epoch: r.epoch, loss: last?.loss ?? null, accuracy: last?.accuracy ?? null,
        valLoss: r.validation?.loss ?? null, valAccuracy: r.validation?.accuracy ?? null,
      });
    },
  }, 500);
  try {
    const shouldContinue = options.shouldContinue ?? (() => true);
    let end: LoopEnd | null = null;
    while (!end && shouldContinue()) {
      end = await loop.chunk();
      // A macrotask between chunks lets a pause or stop in: on the CPU backend every read-back resolves as a
      // microtask, so without it the worker would not see a message until the trial ended (as handler.ts).
      if (!end) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    end ??= await loop.settle();
    const failed = end.reason === 'diverged' ? end.message : end.reason === 'paused' ? 'cut short' : undefined;
    const validation = trainer.data.validation ? await trainer.evaluate(trainer.data.validation) : null;
    const test = await trainer.evaluate(trainer.data.test);
    const metrics: TrialMetrics = {
      val_loss: orNaN(validation?.loss), val_accuracy: orNaN(validation?.accuracy),
      test_loss: orNaN(test.loss), test_accuracy: orNaN(test.accuracy),
    };
    if (end.reason === 'diverged') for (const key of Object.keys(metrics) as (keyof TrialMetrics)[]) metrics[key] = NaN;
    const report = options.report && end.reason !== 'diverged' ? await options.report(trainer) : undefined;
    return { metrics, failed, epochsRun: trainer.epoch, curve, report };
  } finally {
    loop.dispose();
    trainer.dispose();
  }
}
