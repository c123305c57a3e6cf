// Owns the live run in the worker: loads data, builds the trainer, drives the loop, and turns what happens
// into Events. Commands run one at a time, except that pause takes effect at the loop's next chunk.
import * as tf from '@tensorflow/tfjs';
import { probeBackends, selectBackend } from '../engine/backend';
import { TrainingLoop, type LoopEnd } from '../engine/loop';
import { Trainer } from '../engine/trainer';
import { classify, decisionSurface, gridPoints } from '../engine/views';
import type { ExperimentSpec } from '../engine/spec';
import { hasErrors, validateSpec } from '../engine/validate';
import { DatasetCache } from './dataset-cache';
import { evaluateRun } from './evaluate';
import type { Command, Event, RunPhase } from './protocol';

export type Post = (event: Event, transfer?: Transferable[]) => void;

const BOUNDARY = { resolution: 64, extent: 1.25, everyMs: 300 };
const SAMPLE_IMAGES = 24;

interface Run {
  id: number;
  trainer: Trainer;
  loop: TrainingLoop;
  phase: RunPhase;
  /** The grid the boundary is drawn on (2D sets), or the sample images (image sets). */
  viewInput: tf.Tensor;
  lastBoundaryAt: number;
}

export class Handler {
  readonly #post: Post;
  readonly #datasets = new DatasetCache();
  #run: Run | null = null;
  #queue: Promise<void> = Promise.resolve();
  #looping: Promise<void> | null = null;

  constructor(post: Post) {
    this.#post = post;
  }

  handle(command: Command): Promise<void> {
    if (command.type === 'pause') {
      if (this.#run?.id === command.runId && this.#run.phase === 'running') this.#setPhase(this.#run, 'paused');
      return Promise.resolve();
    }
    this.#queue = this.#queue.then(() => this.#execute(command)).catch((e) => this.#fail(command.runId, e));
    return this.#queue;
  }

  async #execute(command: Exclude<Command, { type: 'pause' }>) {
    if (command.type === 'prepare') return this.#prepare(command.runId, command.spec, command.datasetsUrl);
    if (command.type === 'probe') return this.#post({ type: 'backends', runId: command.runId, statuses: await probeBackends() });
    const run = this.#run;
    if (!run || run.id !== command.runId) return; // a command for a run that has been replaced
    if (command.type === 'start' && (run.phase === 'ready' || run.phase === 'paused')) {
      this.#setPhase(run, 'running');
      this.#looping = this.#loop(run);
    } else if (command.type === 'step' && (run.phase === 'ready' || run.phase === 'paused')) {
      const end = await run.loop.stepOnce();
      if (end) await this.#end(run, end);
      else this.#setPhase(run, 'paused');
    } else if (command.type === 'stop' && ['ready', 'running', 'paused'].includes(run.phase)) {
      await this.#halt();
      await this.#end(run, { reason: 'finished' }, 'stopped');
    }
  }

  async #prepare(runId: number, spec: ExperimentSpec, datasetsUrl: string) {
    await this.#halt();
    this.#disposeRun();
    const problems = validateSpec(spec).filter((p) => p.severity === 'error');
    if (hasErrors(problems)) throw new Error(problems.map((p) => p.message).join(' '));
    this.#post({ type: 'phase', runId, phase: 'preparing', message: 'Starting the backend…' });
    const backend = await selectBackend(spec.training.backend);
    this.#post({ type: 'backend', runId, report: backend });
    this.#post({ type: 'phase', runId, phase: 'preparing', message: 'Loading data…' });
    const dataset = await this.#datasets.load(spec, datasetsUrl, (loadedBytes, totalBytes) =>
      this.#post({ type: 'loading', runId, loadedBytes, totalBytes }));
    const trainer = new Trainer(spec, dataset);
    const points = dataset.info.inputShape.length === 1;
    const viewInput = points
      ? tf.tensor2d(gridPoints(BOUNDARY.resolution, BOUNDARY.extent), [BOUNDARY.resolution ** 2, 2])
      : tf.slice(trainer.data.test.x, 0, Math.min(SAMPLE_IMAGES, trainer.data.test.count));
    const run: Run = {
      id: runId, trainer, phase: 'ready', viewInput, lastBoundaryAt: 0,
      loop: new TrainingLoop(trainer, {
        onBatches: (report) => {
          this.#post({ type: 'batches', runId, report });
          if (points && performance.now() - run.lastBoundaryAt > BOUNDARY.everyMs) void this.#sendViews(run);
        },
        onEpoch: async (report) => {
          this.#post({ type: 'epoch', runId, report });
          if (!points) await this.#sendViews(run);
        },
      }),
    };
    this.#run = run;
    this.#post({ type: 'ready', runId, info: {
      fitCount: trainer.data.fit.count, validationCount: trainer.data.validation?.count ?? 0,
      testCount: trainer.data.test.count, batchesPerEpoch: trainer.batchesPerEpoch, epochs: spec.training.epochs,
    }, ...this.#datasets.views(dataset, SAMPLE_IMAGES) });
    this.#setPhase(run, 'ready');
    await this.#sendViews(run);
  }

  async #loop(run: Run) {
    try {
      const end = await run.loop.run(() => run.phase === 'running' && this.#run === run);
      if (this.#run !== run) return;
      if (end.reason === 'paused') {
        await this.#sendViews(run);
      } else {
        await this.#end(run, end);
      }
    } catch (e) {
      this.#fail(run.id, e);
    }
  }

  /** Pauses a running loop and waits for its chunk to finish. */
  async #halt() {
    if (this.#run?.phase === 'running') this.#setPhase(this.#run, 'paused');
    await this.#looping;
    this.#looping = null;
  }

  async #end(run: Run, end: LoopEnd, phase: RunPhase = 'finished') {
    if (end.reason === 'diverged') {
      this.#setPhase(run, 'failed', end.message);
      return;
    }
    await this.#sendViews(run);
    this.#post({ type: 'evaluation', runId: run.id, evaluation: await evaluateRun(run.trainer) });
    this.#setPhase(run, phase);
  }

  async #sendViews(run: Run) {
    if (this.#run !== run) return;
    run.lastBoundaryAt = performance.now();
    if (run.viewInput.shape.length === 2) {
      const values = await decisionSurface(run.trainer.network, run.viewInput as tf.Tensor2D);
      this.#post({ type: 'boundary', runId: run.id, values, resolution: BOUNDARY.resolution, extent: BOUNDARY.extent }, [values.buffer]);
    } else {
      const { predicted, confidence } = await classify(run.trainer.network, run.viewInput);
      this.#post({ type: 'predictions', runId: run.id, predicted, confidence }, [predicted.buffer, confidence.buffer]);
    }
  }

  #setPhase(run: Run, phase: RunPhase, message?: string) {
    run.phase = phase;
    this.#post({ type: 'phase', runId: run.id, phase, message });
  }

  #fail(runId: number, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    if (this.#run?.id === runId) this.#run.phase = 'failed';
    this.#post({ type: 'phase', runId, phase: 'failed', message });
    this.#post({ type: 'error', runId, message });
  }

  #disposeRun() {
    if (!this.#run) return;
    this.#run.viewInput.dispose();
    this.#run.trainer.dispose();
    this.#run = null;
  }
}
