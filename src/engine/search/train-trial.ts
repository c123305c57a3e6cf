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
  return (await trainTrials([{ spec, epochs }], dataset, options))[0];
}

/** One trial's trainer and loop, and the curve its epochs add to. */
interface Running<R> { trainer: Trainer; loop: TrainingLoop; curve: TrialOutcome<R>['curve']; end: LoopEnd | null }

function startTrial<R>(spec: ExperimentSpec, dataset: Dataset, epochs: number, onBatches?: (r: BatchReport) => void): Running<R> {
  const trainer = new Trainer({ ...spec, training: { ...spec.training, epochs } }, dataset);
  const curve: TrialOutcome<R>['curve'] = [];
  let last: BatchReport | null = null;
  const loop = new TrainingLoop(trainer, {
    onBatches: (r) => { last = r; onBatches?.(r); },
    onEpoch: (r) => {
      curve.push({
        epoch: r.epoch, loss: last?.loss ?? null, accuracy: last?.accuracy ?? null,
        valLoss: r.validation?.loss ?? null, valAccuracy: r.validation?.accuracy ?? null,
      });
    },
  }, 500);
  return { trainer, loop, curve, end: null };
}

async function finishTrial<R>({ trainer, curve, end }: Running<R>, report?: (trainer: Trainer) => Promise<R>): Promise<TrialOutcome<R>> {
  const reason = end!.reason;
  const failed = end!.reason === 'diverged' ? end!.message : reason === 'paused' ? 'cut short' : undefined;
  const validation = trainer.data.validation ? await trainer.evaluate(trainer.data.validation) : null;
  const test = await trainer.evaluate(trainer.data.test);
  const metrics: TrialMetrics = {
    val_loss: orNaN(validation?.loss), val_accuracy: orNaN(validation?.accuracy),
    test_loss: orNaN(test.loss), test_accuracy: orNaN(test.accuracy),
  };
  if (reason === 'diverged') for (const key of Object.keys(metrics) as (keyof TrialMetrics)[]) metrics[key] = NaN;
  const extra = report && reason !== 'diverged' ? await report(trainer) : undefined;
  return { metrics, failed, epochsRun: trainer.epoch, curve, report: extra };
}

/**
 * Several trials trained together, chunk by chunk in turn (as the page drives a paired run), each exactly as it
 * would train alone: its own trainer, seed and data order. Outcomes in the order given.
 */
export async function trainTrials<R = never>(jobs: { spec: ExperimentSpec; epochs: number }[], dataset: Dataset,
  options: TrialOptions<R> & { onTrialBatches?(index: number, report: BatchReport): void } = {}): Promise<TrialOutcome<R>[]> {
  const running: Running<R>[] = [];
  try {
    jobs.forEach((j, i) => running.push(startTrial<R>(j.spec, dataset, j.epochs, (r) => {
      options.onBatches?.(r);
      options.onTrialBatches?.(i, r);
    })));
    const shouldContinue = options.shouldContinue ?? (() => true);
    while (running.some((r) => !r.end) && shouldContinue()) {
      for (const r of running) if (!r.end) r.end = await r.loop.chunk();
      // A macrotask between chunks lets a pause or stop in: on the CPU backend every read-back resolves as a
      // microtask, so without it the worker would not see a message until the trials ended (as handler.ts).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    for (const r of running) r.end ??= await r.loop.settle();
    const out: TrialOutcome<R>[] = [];
    for (const r of running) out.push(await finishTrial(r, options.report));
    return out;
  } finally {
    for (const r of running) {
      r.loop.dispose();
      r.trainer.dispose();
    }
  }
}
