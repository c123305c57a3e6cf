// One training of a run (the run itself, one side of a paired A/B run, or one fold of a cross-validation):
// its trainer and loop, and the events that tell the page how it goes, each tagged with the arm's index.
import * as tf from '@tensorflow/tfjs';
import { hasPlane, planeExtent, type Dataset } from '../data/dataset';
import { TrainingLoop, type LoopEnd } from '../engine/train/loop';
import type { ExperimentSpec } from '../engine/model/spec';
import { Trainer, type LossAndAccuracy, type TrainerOptions } from '../engine/train/trainer';
import { classify, decisionSurface, gridPoints } from '../engine/evaluate/views';
import { WeightStats } from '../engine/evaluate/weight-stats';
import { GradientProbe } from '../engine/evaluate/gradient-stats';
import { ProbeClock } from '../engine/evaluate/probe-clock';
import { NetworkDiagramProbe } from '../engine/evaluate/network-diagram';
import { diagramSupport } from '../engine/model/diagram-support';
import { evaluateRun } from './evaluate';
import { explainArm, explainImages, explainRow, type Explanations } from './explain';
import { captureCheckpoint, restoreCheckpoint, type CheckpointCurves, type TrainingCheckpoint } from '../engine/train/checkpoint';
import { checkpointToBytes } from '../engine/train/checkpoint-bytes';
import type { ArmEnd, CheckpointRequest, Event, PointsView, SampleImages } from './protocol';

export type Post = (event: Event, transfer?: Transferable[]) => void;

const BOUNDARY = { resolution: 64 };

/** Fewest milliseconds between two reads of each view while training; slow reads wait longer (ProbeClock). */
const VIEW_EVERY_MS = { boundary: 300, weights: 1000, gradients: 1000, diagram: 500 };
/** The boundary is a 2D set's main live view, so it may take a larger share of the time than the others. */
const BOUNDARY_BUDGET = 0.05;
export const SAMPLE_IMAGES = 24;

export class Arm {
  readonly index: number;
  readonly trainer: Trainer;
  readonly loop: TrainingLoop;
  end: ArmEnd | null = null;
  /** The newest validation result, for summarising cross-validation folds. */
  lastValidation: LossAndAccuracy | null = null;
  /** A fold's: the last validation of every fold before it, which its checkpoints carry (the handler sets it). */
  foldsBefore: LossAndAccuracy[] = [];
  readonly #runId: number;
  readonly #post: Post;
  readonly #points: boolean;
  /** The grid the boundary is drawn on (2D sets), or the sample images (image sets). */
  readonly #viewInput: tf.Tensor;
  /** Half the side of the plane the boundary covers, in input units. */
  readonly #extent: number;
  readonly #dataset: Dataset;
  readonly #weights: WeightStats;
  /** Gradient norms and activation statistics on a fixed batch, read as often as the weights. */
  readonly #gradients: GradientProbe;
  /** Every neuron over the plane (models diagramSupport accepts, on a 2D set); null where it cannot be drawn. */
  readonly #diagram: NetworkDiagramProbe | null;
  /** Whether the page shows the diagram: only then is it computed (Handler passes the page's 'diagram' command on). */
  #diagramShown = false;
  /** When each view may next be read while training: never twice at once, and less often when reads are slow. */
  readonly #clocks = {
    boundary: new ProbeClock(VIEW_EVERY_MS.boundary, BOUNDARY_BUDGET),
    weights: new ProbeClock(VIEW_EVERY_MS.weights),
    gradients: new ProbeClock(VIEW_EVERY_MS.gradients),
    diagram: new ProbeClock(VIEW_EVERY_MS.diagram),
  };
  /** Every report so far, kept for checkpoints (a resumed run's charts start where they stopped). */
  readonly #curves: CheckpointCurves = { batches: [], epochs: [] };

  constructor(runId: number, index: number, spec: ExperimentSpec, dataset: Dataset, post: Post, options: TrainerOptions = {}, checkpoints?: CheckpointRequest) {
    this.#runId = runId;
    this.index = index;
    this.#post = post;
    this.trainer = new Trainer(spec, dataset, options);
    this.#points = hasPlane(dataset);
    this.#extent = planeExtent(dataset.train.x);
    this.#dataset = dataset;
    let viewInput: tf.Tensor | null = null;
    let weights: WeightStats | null = null;
    let diagram: NetworkDiagramProbe | null = null;
    try {
      this.#viewInput = viewInput = this.#points
        ? tf.tensor2d(gridPoints(BOUNDARY.resolution, this.#extent), [BOUNDARY.resolution ** 2, 2])
        : dataset.info.inputShape.length === 3 ? tf.slice(this.trainer.data.test.x, 0, Math.min(SAMPLE_IMAGES, this.trainer.data.test.count))
        : tf.zeros([0]); // a table of more than two columns: nothing to draw
      this.#weights = weights = new WeightStats(this.trainer.network);
      const { fit, numClasses } = this.trainer.data;
      this.#diagram = diagram = this.#points && diagramSupport(spec).drawable ? new NetworkDiagramProbe(this.trainer.network, this.#extent) : null;
      this.#gradients = new GradientProbe(this.trainer.network, fit.x, fit.y, numClasses);
    } catch (e) {
      // nothing else holds the trainer yet: without this its network and data would leak
      viewInput?.dispose();
      weights?.dispose();
      diagram?.dispose();
      this.trainer.dispose();
      throw e;
    }
    this.loop = new TrainingLoop(this.trainer, {
      onBatches: (report) => {
        this.#curves.batches.push(report);
        this.#send({ type: 'batches', runId, arm: index, report });
        const now = performance.now();
        const clocks = this.#clocks;
        if (this.#points && clocks.boundary.due(now)) this.#track(this.sendViews());
        if (clocks.weights.due(now)) this.#track(this.sendWeights());
        if (clocks.gradients.due(now)) this.#track(this.sendGradients());
        if (this.#diagramShown && clocks.diagram.due(now)) this.#track(this.sendDiagram());
      },
      onEpoch: async (report) => {
        this.lastValidation = report.validation;
        this.#curves.epochs.push(report);
        this.#send({ type: 'epoch', runId, arm: index, report });
        if (!this.#points) await this.sendViews();
      },
      afterEpoch: checkpoints && checkpoints.everyEpochs > 0
        ? async () => {
          if (this.trainer.epoch % checkpoints.everyEpochs === 0) await this.sendCheckpoint();
        }
        : undefined,
    });
  }

  /** Reads the whole training state back and hands it to the page as bytes (the buffer is transferred). */
  async sendCheckpoint() {
    const checkpoint = await captureCheckpoint(this.loop, this.#curves, this.lastValidation, this.foldsBefore);
    const bytes = checkpointToBytes(checkpoint);
    const { epoch, spec } = this.trainer;
    this.#send({ type: 'checkpoint', runId: this.#runId, arm: this.index, epoch, epochs: spec.training.epochs, bytes, validation: this.lastValidation }, [bytes.buffer]);
  }

  /** Puts a checkpoint's state into this freshly built arm and sends its curves so far again, as they came. */
  restore(checkpoint: TrainingCheckpoint) {
    restoreCheckpoint(this.loop, checkpoint);
    const { batches, epochs } = checkpoint.header.curves;
    this.#curves.batches.push(...batches);
    this.#curves.epochs.push(...epochs);
    const last = epochs[epochs.length - 1];
    this.lastValidation = last?.validation ?? null;
    // in step order, each epoch's validation after the batches before it
    let e = 0;
    for (const report of batches) {
      while (e < epochs.length && epochs[e].epoch < report.epoch - 1e-9) this.#send({ type: 'epoch', runId: this.#runId, arm: this.index, report: epochs[e++] });
      this.#send({ type: 'batches', runId: this.#runId, arm: this.index, report });
    }
    while (e < epochs.length) this.#send({ type: 'epoch', runId: this.#runId, arm: this.index, report: epochs[e++] });
  }

  /** Announces the arm: its sizes, and what the page draws the data with. */
  announce(views: { points?: PointsView; samples?: SampleImages }) {
    const t = this.trainer;
    this.#send({ type: 'ready', runId: this.#runId, arm: this.index, info: {
      fitCount: t.data.fit.count, validationCount: t.data.validation?.count ?? 0, testCount: t.data.test.count,
      batchesPerEpoch: t.batchesPerEpoch, epochs: t.spec.training.epochs,
    }, ...views });
  }

  /** Records how the arm ended and, unless it diverged, evaluates it on the test set. */
  async finish(end: LoopEnd | { reason: 'stopped' }): Promise<ArmEnd> {
    const armEnd: ArmEnd = end.reason === 'paused' ? { reason: 'stopped' } : end;
    this.end = armEnd;
    if (armEnd.reason !== 'diverged') {
      await this.sendViews();
      await this.sendWeights();
      await this.sendGradients();
      await this.sendDiagram();
      this.#send({ type: 'evaluation', runId: this.#runId, arm: this.index, evaluation: await evaluateRun(this.trainer) });
      this.#explanations = await explainArm(this.trainer, this.#dataset);
      if (this.#explanations) this.#send({ type: 'explanations', runId: this.#runId, arm: this.index, explanations: this.#explanations });
    }
    this.#send({ type: 'armEnded', runId: this.#runId, arm: this.index, end: armEnd });
    return armEnd;
  }

  async sendViews() {
    const network = this.trainer.network;
    if (this.#points) {
      const values = await this.#clocks.boundary.time(() => decisionSurface(network, this.#viewInput as tf.Tensor2D));
      this.#send({ type: 'boundary', runId: this.#runId, arm: this.index, values, resolution: BOUNDARY.resolution, extent: this.#extent }, [values.buffer]);
    } else if (this.#viewInput.rank === 4) {
      const { predicted, confidence } = await classify(network, this.#viewInput);
      this.#send({ type: 'predictions', runId: this.#runId, arm: this.index, predicted, confidence }, [predicted.buffer, confidence.buffer]);
    }
  }

  /**
   * Explains test example `example` (an image of the sample grid, or a table or 2D set's row) once the arm has
   * ended: saliency for that image, or its row's attribution beside the permutation importance already sent.
   */
  async explain(example: number) {
    const sent = this.#explanations;
    if (!sent) throw new Error('This model has nothing to explain yet: it explains its test examples once its training has ended.');
    const explanations: Explanations = sent.kind === 'saliency'
      ? { kind: 'saliency', saliency: await explainImages(this.trainer, [example]) }
      : { kind: 'features', features: { ...sent.features, attribution: await explainRow(this.trainer, example) } };
    this.#explanations = explanations;
    this.#send({ type: 'explanations', runId: this.#runId, arm: this.index, explanations });
  }

  async sendWeights() {
    const layers = await this.#clocks.weights.time(() => this.#weights.read());
    this.#send({ type: 'weights', runId: this.#runId, arm: this.index, epoch: this.trainer.progress, layers });
  }

  async sendGradients() {
    const inside = await this.#clocks.gradients.time(() => this.#gradients.read());
    this.#send({ type: 'gradients', runId: this.#runId, arm: this.index, epoch: this.trainer.progress, ...inside });
  }

  /** The page shows the diagram or not; shown, it gets one at once (a prepared or paused run's too). */
  showDiagram(shown: boolean) {
    const was = this.#diagramShown;
    this.#diagramShown = shown;
    if (shown && !was && !this.#disposed) this.#track(this.sendDiagram());
  }

  /** Reads and sends the diagram, if the page shows it and the model can be drawn; otherwise costs nothing. */
  async sendDiagram() {
    if (!this.#diagram || !this.#diagramShown) return;
    const probe = this.#diagram;
    const diagram = await this.#clocks.diagram.time(() => probe.read());
    if (!this.#diagramShown) return; // hidden while it was read: the page no longer wants it
    const transfer = [...diagram.layers.map((l) => l.values), ...diagram.links, ...diagram.biases].map((a) => a.buffer);
    this.#send({ type: 'diagram', runId: this.#runId, arm: this.index, epoch: this.trainer.progress, diagram }, transfer);
  }

  #send(event: Event, transfer?: Transferable[]) {
    if (!this.#disposed) this.#post(event, transfer);
  }

  #disposed = false;
  get disposed() { return this.#disposed; }
  /** What the arm last explained (sent at its end, then on each pick): permutation importance is kept from it. */
  #explanations: Explanations | null = null;
  /** View updates started from progress callbacks, awaited before the arm's tensors go. */
  readonly #inflight = new Set<Promise<void>>();

  #track(work: Promise<void>) {
    this.#inflight.add(work);
    void work.finally(() => this.#inflight.delete(work));
  }

  /** `waitForViews: false` after a device loss, whose reads may never settle. */
  async dispose({ waitForViews = true } = {}) {
    this.#disposed = true;
    if (waitForViews) await Promise.allSettled([...this.#inflight]);
    this.#viewInput.dispose();
    this.#weights.dispose();
    this.#gradients.dispose();
    this.#diagram?.dispose();
    this.loop.dispose();
    this.trainer.dispose();
  }
}
