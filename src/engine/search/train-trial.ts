// Trains one search trial on tfjs: a fresh Trainer on the trial's spec for the job's epochs (or one restored from
// the trial's checkpoint, so a search cut short goes on mid-trial), then the validation and test figures the
// search ranks by. Shared by the worker and by Node (tests, scripts/search.ts), so a figure in the README is what
// the page computes. Leaves no tensor behind.
import type { Dataset } from '../../data/dataset';
import type { ExperimentSpec } from '../model/spec';
import { captureCheckpoint, restoreCheckpoint, type CheckpointCurves, type TrainingCheckpoint } from '../train/checkpoint';
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
  /**
   * After every epoch but the last of trial `index` (given in trainTrials' order): its whole state, from which
   * `from` goes on with the figures it would have had without stopping.
   */
  onCheckpoint?(index: number, checkpoint: TrainingCheckpoint): void | Promise<void>;
}

/** One job of trainTrials: the trial's spec, its epochs, and the checkpoint it goes on from (else its start). */
export interface TrialJob { spec: ExperimentSpec; epochs: number; from?: TrainingCheckpoint }

const orNaN = (x: number | null | undefined) => (x === null || x === undefined ? NaN : x);

/** The trial's spec trained for `epochs` epochs on `dataset` (the spec's own seed, so reruns are identical). */
export async function trainTrial<R = never>(spec: ExperimentSpec, dataset: Dataset, epochs: number, options: TrialOptions<R> = {}): Promise<TrialOutcome<R>> {
  return (await trainTrials([{ spec, epochs }], dataset, options))[0];
}

/** One trial's trainer and loop, and the curve its epochs add to. */
interface Running { trainer: Trainer; loop: TrainingLoop; kept: CheckpointCurves; end: LoopEnd | null }

/**
 * The curve as a checkpoint keeps it: per epoch its validation, and the last training report before it (the
 * figures the curve reads), so a checkpoint stays small however many reports an epoch had.
 */
const curveOf = (curves: CheckpointCurves): TrialOutcome['curve'] => curves.epochs.map((e, i) => ({
  epoch: e.epoch, loss: Number.isFinite(curves.batches[i]?.loss) ? curves.batches[i].loss : null, accuracy: curves.batches[i]?.accuracy ?? null,
  valLoss: e.validation?.loss ?? null, valAccuracy: e.validation?.accuracy ?? null,
}));

function startTrial(job: TrialJob, dataset: Dataset, onBatches?: (r: BatchReport) => void, onCheckpoint?: (c: TrainingCheckpoint) => void | Promise<void>): Running {
  const trainer = new Trainer({ ...job.spec, training: { ...job.spec.training, epochs: job.epochs } }, dataset);
  const kept: CheckpointCurves = { batches: [], epochs: [] };
  let last: BatchReport | null = null;
  let loop: TrainingLoop | null = null;
  try {
    loop = new TrainingLoop(trainer, {
      onBatches: (r) => { last = r; onBatches?.(r); },
      onEpoch: (r) => {
        kept.epochs.push(r);
        // a placeholder keeps batches[i] beside epochs[i] when no report came before the epoch ended
        kept.batches.push(last ?? { epoch: r.epoch, step: trainer.globalStep, loss: NaN, accuracy: null, examplesPerSecond: 0, learningRate: trainer.learningRate });
      },
      afterEpoch: onCheckpoint ? async () => {
        if (!trainer.done) await onCheckpoint(await captureCheckpoint(loop!, kept, kept.epochs.at(-1)?.validation ?? null));
      } : undefined,
    }, 500);
    if (job.from) {
      restoreCheckpoint(loop, job.from);
      kept.epochs.push(...job.from.header.curves.epochs);
      kept.batches.push(...job.from.header.curves.batches);
    }
  } catch (e) {
    // no owner yet: a refused checkpoint must not leak the trainer
    loop?.dispose();
    trainer.dispose();
    throw e;
  }
  return { trainer, loop, kept, end: null };
}

async function finishTrial<R>({ trainer, kept, end }: Running, report?: (trainer: Trainer) => Promise<R>): Promise<TrialOutcome<R>> {
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
  // the kept curve: a resumed trial's holds its epochs from before the checkpoint too
  return { metrics, failed, epochsRun: trainer.epoch, curve: curveOf(kept), report: extra };
}

/**
 * Several trials trained together, chunk by chunk in turn (as the page drives a paired run), each exactly as it
 * would train alone: its own trainer, seed and data order. Outcomes in the order given.
 */
export async function trainTrials<R = never>(jobs: TrialJob[], dataset: Dataset,
  options: TrialOptions<R> & { onTrialBatches?(index: number, report: BatchReport): void } = {}): Promise<TrialOutcome<R>[]> {
  const running: Running[] = [];
  try {
    jobs.forEach((j, i) => running.push(startTrial(j, dataset, (r) => {
      options.onBatches?.(r);
      options.onTrialBatches?.(i, r);
    }, options.onCheckpoint && ((c) => options.onCheckpoint!(i, c)))));
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
