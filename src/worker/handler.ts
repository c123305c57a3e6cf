// Owns the live run in the worker: loads data, builds its arms (one training, a paired A/B, or k folds), drives
// them, and turns what happens into Events. Commands run one at a time, except that pause takes effect at the
// next chunk of batches.
import { probeBackends, selectBackend } from '../engine/backend';
import { fastPathStatus } from '../engine/train/fast-path';
import { shareInitialWeights } from '../engine/model/pairing';
import type { ExperimentSpec } from '../engine/model/spec';
import { Arm, SAMPLE_IMAGES, type Post } from './arm';
import { AutoSpeeds } from './auto-speeds';
import { DatasetCache } from './dataset-cache';
import { Exporter } from './export';
import { isExportCommand } from './export-protocol';
import { checkRunMemory } from './memory-check';
import { DeviceLossWatch } from './device-loss';
import { foldsSummary } from './folds';
import { prepareFloat16, precisionReport } from './prepare-precision';
import type { CheckpointRequest, Command, RunMode, RunPhase } from './protocol';
import { checkRunSpecs, liveArms, setLearningRate, type Run } from './run';
import { resumeStart, type ArmStart } from './run-start';
import { fineTuneStart, readModelWeights, sourceTitle } from './fine-tune';

export type { Post };

export class Handler {
  readonly #post: Post;
  readonly #datasets = new DatasetCache();
  #run: Run | null = null;
  #queue: Promise<void> = Promise.resolve();
  #looping: Promise<void> | null = null;
  readonly #exporter: Exporter;
  readonly #speeds = new AutoSpeeds();
  readonly #device = new DeviceLossWatch();
  /** The run whose device loss was told, so a loss is told once however many steps then fail. */
  #lossReported = -1;
  /** Whether the page shows the network diagram: every arm, of this run and later ones, is told. */
  #diagramShown = false;

  constructor(post: Post) {
    this.#post = post;
    this.#exporter = new Exporter(post);
  }

  handle(command: Command): Promise<void> {
    if (command.type === 'pause') {
      // Only the flag flips now: the page hears 'paused' once the arms have settled (#drive), so the step it
      // shows then is the last one until something resumes the run.
      if (this.#run?.id === command.runId && this.#run.phase === 'running') this.#run.phase = 'paused';
      return Promise.resolve();
    }
    // not queued: a running drive would hold the queue's next command until the run ends
    if (command.type === 'learningRate') {
      if (this.#run?.id === command.runId) setLearningRate(this.#run, command.arms, command.learningRate, this.#post);
      return Promise.resolve();
    }
    // not queued either: the page's view changes at once, and an arm computes the diagram only while it is shown
    if (command.type === 'diagram') {
      this.#diagramShown = command.shown;
      for (const arm of this.#run?.arms ?? []) arm.showDiagram(command.shown); // an ended arm shows its last state
      return Promise.resolve();
    }
    this.#queue = this.#queue.then(() => this.#execute(command)).catch((e) => this.#fail(command.runId, e));
    return this.#queue;
  }

  async #execute(command: Exclude<Command, { type: 'pause' | 'learningRate' | 'diagram' }>) {
    if (command.type === 'probe') return this.#post({ type: 'backends', runId: command.runId, statuses: await probeBackends() });
    if (command.type === 'prepare') return this.#prepare(command.runId, command.spec, command.variant, command.datasetsUrl, command.checkpoints);
    if (command.type === 'resume') {
      const { spec, variant, start } = resumeStart(command.checkpoint, command.backend, command.variantCheckpoint);
      return this.#prepare(command.runId, spec, variant, command.datasetsUrl, command.checkpoints, start);
    }
    if (command.type === 'fineTune') {
      const { runId, spec, source, frozenLayers } = command;
      const from = await readModelWeights(source, this.#exporter.loaded?.model ?? null); // before the backend may change
      const start = fineTuneStart(runId, spec, from, frozenLayers, sourceTitle(source, this.#exporter.loaded?.source ?? null), this.#post);
      return this.#prepare(runId, spec, undefined, command.datasetsUrl, command.checkpoints, start);
    }
    if (isExportCommand(command)) {
      if (this.#run?.phase === 'paused') await this.#looping; // a pause lets the arms settle before anything reads them
      return this.#exporter.handle(command, this.#run?.id === command.runId ? this.#run : null);
    }
    const run = this.#run;
    if (!run || run.id !== command.runId) return; // a command for a run that has been replaced
    if (command.type === 'explain') return this.#explain(run, command.arm, command.example);
    // a pause only flips the phase: the previous drive may still be settling its arms, and nothing else may
    // step the same loops until it has
    if (command.type !== 'stop' && run.phase === 'paused') await this.#looping;
    if (this.#run !== run) return;
    const idle = run.phase === 'ready' || run.phase === 'paused';
    if (command.type === 'start' && idle) {
      this.#setPhase(run, 'running');
      this.#looping = this.#drive(run);
    } else if (command.type === 'step' && idle) {
      for (const arm of liveArms(run)) {
        const end = await arm.loop.stepOnce();
        if (end) await arm.finish(end);
      }
      await this.#afterArms(run, 'paused');
    } else if (command.type === 'stop' && (idle || run.phase === 'running')) {
      await this.#halt();
      // the halted drive may have ended the run itself (its last arm reached its last epoch while settling)
      if (liveArms(run).length === 0) return;
      for (const arm of liveArms(run)) await arm.finish({ reason: 'stopped' });
      await this.#afterArms(run, 'stopped');
    }
  }

  async #prepare(runId: number, spec: ExperimentSpec, variant: ExperimentSpec | undefined, datasetsUrl: string, checkpoints?: CheckpointRequest, from?: ArmStart) {
    await this.#halt();
    await this.#disposeRun();
    if (this.#device.isLost()) this.#device.recover(); // lost while no run was using it
    checkRunSpecs(spec, variant);
    this.#post({ type: 'phase', runId, phase: 'preparing', message: 'Loading data…' });
    const dataset = await this.#datasets.load(spec, datasetsUrl, (loadedBytes, totalBytes) =>
      this.#post({ type: 'loading', runId, loadedBytes, totalBytes }));
    const auto = spec.training.backend === 'auto';
    this.#post({ type: 'phase', runId, phase: 'preparing', message: auto ? 'Timing this model on each backend…' : 'Starting the backend…' });
    const backend = await selectBackend(spec.training.backend, this.#speeds.trial(spec, dataset));
    const specs = variant ? [spec, variant] : [spec];
    checkRunMemory(specs, backend.active);
    // before any tensor of the run exists: WebGL's half-float textures are switched by recreating the backend
    const float16 = await prepareFloat16(specs, backend.active);
    // checked afresh for each run, before its optimizers are made: they are fused or stock from the start
    if (backend.active === 'webgpu') backend.fastPath = fastPathStatus();
    this.#device.watch(backend.active, (why) => this.#deviceLost(why)); // the device the run's tensors will live on
    this.#post({ type: 'backend', runId, report: backend });
    const mode: RunMode = variant ? 'paired' : spec.training.folds > 1 ? 'folds' : 'single';
    const run: Run = { id: runId, mode, specs, dataset, arms: [], phase: 'preparing', foldResults: [], float16, checkpoints };
    this.#run = run;
    try {
      // each arm joins run.arms as soon as it exists, so a failure further on disposes what was built
      if (mode === 'paired') {
        run.arms.push(this.#arm(run, 0));
        run.arms.push(this.#arm(run, 1));
        const pairing = shareInitialWeights(run.arms[0].trainer.network, run.arms[1].trainer.network);
        this.#post({ type: 'plan', runId, mode, arms: 2, pairing });
        for (const arm of run.arms) from?.prime(arm); // a resumed pair: each arm from its own checkpoint
      } else {
        // a resumed cross-validation goes on with the checkpoint's fold, the folds before it kept as results
        run.foldResults = [...(from?.fold?.results ?? [])];
        run.arms.push(this.#arm(run, from?.fold?.index ?? 0, from?.frozenLayers));
        this.#post({ type: 'plan', runId, mode, arms: mode === 'folds' ? spec.training.folds : 1 });
        from?.prime(run.arms[0]);
      }
    } catch (e) {
      await this.#disposeRun();
      throw e;
    }
    this.#setPhase(run, 'ready');
  }

  /** Builds arm `index` of the run and tells the page about it; disposes it again when telling fails. */
  #arm(run: Run, index: number, frozenLayers?: number[]): Arm {
    const spec = run.mode === 'paired' ? run.specs[index] : run.specs[0];
    const fold = run.mode === 'folds' ? { index, folds: spec.training.folds } : undefined;
    const arm = new Arm(run.id, index, spec, run.dataset, this.#post, { fold, frozenLayers }, run.checkpoints);
    arm.foldsBefore = [...run.foldResults];
    try {
      arm.announce(this.#datasets.views(run.dataset, SAMPLE_IMAGES));
      this.#post({ type: 'precision', runId: run.id, arm: index, report: precisionReport(arm.trainer, run.float16) });
    } catch (e) {
      void arm.dispose();
      throw e;
    }
    void arm.sendViews();
    arm.showDiagram(this.#diagramShown);
    return arm;
  }

  /** A picked test example explained; a bad pick is told as an error and leaves the run as it is. */
  async #explain(run: Run, index: number, example: number) {
    const arm = run.arms.find((a) => a.index === index);
    try {
      // a fold's arm is disposed when the next fold starts
      if (arm?.disposed) throw new Error('That fold\'s model is gone: only the last fold of a cross-validation can be explained.');
      if (!arm?.end) throw new Error('Explanations are made once an arm has ended: let it finish or stop it first.');
      await arm.explain(example);
    } catch (e) {
      this.#post({ type: 'error', runId: run.id, message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Trains the run's live arms chunk by chunk, interleaved, until all end or the run is paused. */
  async #drive(run: Run) {
    try {
      while (run.phase === 'running' && this.#run === run) {
        const live = liveArms(run);
        if (live.length === 0) break;
        for (const arm of live) {
          const end = await arm.loop.chunk();
          if (end) await arm.finish(end);
        }
        if (liveArms(run).length === 0) await this.#afterArms(run, 'running');
        // A macrotask between chunks lets a pause, stop or probe command in. On the CPU backend every read-back
        // resolves as a microtask, so without this the worker would not see a command until the run ended.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (this.#run !== run) return;
      if (run.phase === 'paused') {
        for (const arm of liveArms(run)) {
          const end = await arm.loop.settle();
          if (end.reason !== 'paused') await arm.finish(end);
          else {
            await arm.sendViews();
            await arm.sendDiagram();
          }
        }
        // an arm that reached its last epoch while settling ends the run (or moves a cross-validation on)
        if (this.#run === run && run.phase === 'paused') await this.#afterArms(run, 'paused');
      }
    } catch (e) {
      await this.#fail(run.id, e);
    }
  }

  /**
   * After arms end: a cross-validation moves on to its next fold (or summarises the folds); a run whose arms
   * have all ended is finished, stopped or failed; otherwise it takes the phase `otherwise`.
   */
  async #afterArms(run: Run, otherwise: RunPhase) {
    if (liveArms(run).length > 0) {
      if (otherwise !== 'running') this.#setPhase(run, otherwise);
      return;
    }
    const last = run.arms[run.arms.length - 1];
    if (run.mode === 'folds') {
      const completed = last.end?.reason === 'finished' || last.end?.reason === 'early-stopped';
      if (completed && last.lastValidation) run.foldResults.push(last.lastValidation);
      if (completed && last.index + 1 < run.specs[0].training.folds) {
        await last.dispose();
        run.arms.push(this.#arm(run, last.index + 1));
        if (otherwise !== 'running') this.#setPhase(run, otherwise);
        return;
      }
      const summary = foldsSummary(run.foldResults, run.specs[0]);
      if (summary) this.#post({ type: 'folds', runId: run.id, summary });
    }
    const diverged = run.arms.find((a) => a.end?.reason === 'diverged');
    const stopped = run.arms.some((a) => a.end?.reason === 'stopped');
    if (diverged?.end?.reason === 'diverged') this.#setPhase(run, 'failed', diverged.end.message);
    else this.#setPhase(run, stopped ? 'stopped' : 'finished');
  }

  /** Halts a running run and waits for its current chunks to finish; the caller posts the phase that follows. */
  async #halt() {
    if (this.#run?.phase === 'running') this.#run.phase = 'paused';
    await this.#looping;
    this.#looping = null;
  }

  #setPhase(run: Run, phase: RunPhase, message?: string) {
    run.phase = phase;
    this.#post({ type: 'phase', runId: run.id, phase, message });
  }

  async #fail(runId: number, error: unknown) {
    // tfjs's own error after a device loss ("Failed to compile…", a rejected mapAsync) says nothing useful, and
    // on WebGPU it can come before device.lost resolves: wait (a second at most) before judging it the run's own
    if (this.#lossReported === runId) return; // the loss was told; this is one of the steps it broke
    if (await this.#device.lostSoon()) return this.#deviceLost(this.#device.lost ?? 'the GPU device was lost', runId);
    const message = error instanceof Error ? error.message : String(error);
    if (this.#run?.id === runId) this.#run.phase = 'failed';
    this.#post({ type: 'phase', runId, phase: 'failed', message });
    this.#post({ type: 'error', runId, message });
  }

  /** The device under the run is gone: the run fails with the reason, its tensors go, the backend is registered anew. */
  #deviceLost(why: string, runId = this.#run?.id ?? 0) {
    if (this.#lossReported === runId) return;
    this.#lossReported = runId;
    const message = `${why[0].toUpperCase()}${why.slice(1)}. The backend was started again on a new device; a run with a checkpoint can continue from it, or Train starts the run afresh (its curves so far are kept).`;
    if (this.#run?.id === runId) this.#run.phase = 'failed';
    this.#post({ type: 'phase', runId, phase: 'failed', message, fault: 'device-lost', why });
    this.#post({ type: 'error', runId, message });
    this.#queue = this.#queue.then(async () => {
      // a read from a lost device may never settle: neither the loop nor the arms' view updates are waited for
      this.#looping = null;
      const run = this.#run;
      this.#run = null;
      for (const arm of run?.arms ?? []) await arm.dispose({ waitForViews: false }).catch(() => {});
      this.#device.recover();
    }).catch(() => this.#device.recover());
  }

  async #disposeRun() {
    const run = this.#run;
    this.#run = null;
    for (const arm of run?.arms ?? []) {
      // on a lost device freeing a buffer can throw; the next arm must still go
      await arm.dispose().catch(() => {});
    }
  }
}

