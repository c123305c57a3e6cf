// Messages across the one thread boundary. Plain data and typed arrays only: no tensor leaves the worker.
import type { BackendReport, BackendStatus } from '../engine/backend';
import type { EarlyStop } from '../engine/train/early-stopping';
import type { BatchReport, EpochReport } from '../engine/train/loop';
import type { Pairing } from '../engine/model/pairing';
import type { LayerWeightStats } from '../engine/evaluate/weight-stats';
import type { LayerActivationStats, LayerGradientStats } from '../engine/evaluate/gradient-stats';
import type { ClassificationReport, RegressionReport } from '../engine/evaluate/metrics';
import type { BackendChoice, ExperimentSpec, LossScaling, PrecisionPolicy } from '../engine/model/spec';
import type { Float16PathReport, PrecisionMemory } from '../engine/precision/hardware-path';
import type { ExportCommand, ExportEvent } from './export-protocol';
import type { Explanations } from './explain';
import type { NetworkDiagram } from '../engine/evaluate/network-diagram';

export type Command =
  /**
   * Load the data, pick the backend, build the model: a fresh run at step 0 (also how "reset" is done). With a
   * variant, a paired A/B run: baseline and variant trained side by side from the same initial weights.
   */
  | { type: 'prepare'; runId: number; spec: ExperimentSpec; variant?: ExperimentSpec; datasetsUrl: string; checkpoints?: CheckpointRequest }
  /**
   * Prepare a run from a checkpoint's bytes (checkpoint-bytes.ts): built from the spec inside it, restored to its
   * epoch, its curves so far sent again as 'batches' and 'epoch' events, then 'ready' to go on training. With
   * `backend`, on that backend instead of the checkpoint's (after a lost device, the next one). With
   * `variantCheckpoint`, a paired A/B run resumed: `checkpoint` is side A's, this side B's.
   */
  | { type: 'resume'; runId: number; checkpoint: Uint8Array; datasetsUrl: string; checkpoints?: CheckpointRequest; backend?: BackendChoice; variantCheckpoint?: Uint8Array }
  /**
   * Prepare a run of `spec` that starts from a saved or loaded model's weights (fine-tune.ts), with the layers
   * `frozenLayers` (indices into spec.model.layers; its length for the output layer) held; answered by a
   * 'fineTune' event once the weights are in, then 'ready'.
   */
  | { type: 'fineTune'; runId: number; spec: ExperimentSpec; source: FineTuneSource; frozenLayers: number[]; datasetsUrl: string; checkpoints?: CheckpointRequest }
  | { type: 'start'; runId: number }
  | { type: 'pause'; runId: number }
  | { type: 'step'; runId: number }
  /**
   * Change the learning rate of the given arms from their next step on, while the run goes on (answered by a
   * 'learningRate' event per arm saying from which step it applies).
   */
  | { type: 'learningRate'; runId: number; arms: ArmIndex[]; learningRate: number }
  /**
   * Explain test example `example` of an ended arm: for image models one of the sample grid's images (saliency),
   * for tables and 2D sets one test row (integrated gradients); answered by an 'explanations' event.
   */
  | { type: 'explain'; runId: number; arm: ArmIndex; example: number }
  /** End the run where it is and evaluate it on the test set. */
  | { type: 'stop'; runId: number }
  /** Which backends this browser can run, without starting a run (answered by a 'backends' event). */
  | { type: 'probe'; runId: number }
  /**
   * The page shows the network diagram (or no longer does): while shown, every arm whose model it can draw sends
   * 'diagram' events at a bounded rate; while hidden nothing is computed. Holds for later runs too.
   */
  | { type: 'diagram'; runId: number; shown: boolean }
  /** The Export view's commands (export-protocol.ts). */
  | ExportCommand;

/** The model a fine-tune continues: one saved in this browser, or the Export view's loaded model. */
export type FineTuneSource = { kind: 'saved'; name: string } | { kind: 'loaded' };

/** When a single or paired run sends its checkpoints (each arm its own) to the page: after every `everyEpochs`-th epoch (1 for every epoch). */
export interface CheckpointRequest {
  everyEpochs: number;
}

export type RunPhase = 'preparing' | 'ready' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed';

/** Sizes the run actually trains with, once the data is loaded. */
export interface RunInfo {
  fitCount: number;
  validationCount: number;
  testCount: number;
  batchesPerEpoch: number;
  epochs: number;
}

/** The examples a 2D set is drawn from, sent once so the page can plot them under the boundary. */
export interface PointsView {
  trainX: Float32Array;
  trainY: Float32Array;
  testX: Float32Array;
  testY: Float32Array;
}

/** A fixed handful of test images (bytes, row-major), sent once; predictions for them follow as training goes. */
export interface SampleImages {
  pixels: Uint8Array;
  labels: Int32Array;
  count: number;
  width: number;
  height: number;
  /** 1 grey, 3 colour (own images). */
  channels: number;
  /** The shipped sets' 0 is background: drawn inverted, as ink on paper. */
  invert: boolean;
}

export type Evaluation =
  | { task: 'classification'; report: ClassificationReport; classNames: string[] }
  | { task: 'regression'; report: RegressionReport };

/**
 * Which of a run's trainings an event is about: 0 for a single run; 0 baseline and 1 variant for a paired run;
 * the fold's index for cross-validation.
 */
export type ArmIndex = number;

export type RunMode = 'single' | 'paired' | 'folds';

/** How one arm's training ended. */
export type ArmEnd =
  | { reason: 'finished' }
  | { reason: 'stopped' }
  | { reason: 'early-stopped'; stop: EarlyStop }
  | { reason: 'diverged'; message: string; epoch?: number; step?: number };

export interface FoldsSummary {
  metric: 'val_accuracy' | 'val_loss';
  values: number[];
  mean: number;
  std: number;
}

/** An arm's precision policy, the float16 path it runs on and why, and what its values take in memory. */
export interface PrecisionReport {
  policy: PrecisionPolicy;
  lossScaling: LossScaling;
  /** null under float32: nothing is float16. */
  path: Float16PathReport | null;
  memory: PrecisionMemory;
}

export type Event =
  /** `fault`: the run failed because the GPU device or context was lost (device-loss.ts); `why`: what was lost and why. */
  | { type: 'phase'; runId: number; phase: RunPhase; message?: string; fault?: 'device-lost'; why?: string }
  | { type: 'loading'; runId: number; loadedBytes: number; totalBytes: number }
  | { type: 'backend'; runId: number; report: BackendReport }
  | { type: 'backends'; runId: number; statuses: BackendStatus[] }
  /** The run's shape: how many arms, and for a paired run how many initial weight tensors the arms share. */
  | { type: 'plan'; runId: number; mode: RunMode; arms: number; pairing?: Pairing }
  | { type: 'ready'; runId: number; arm: ArmIndex; info: RunInfo; points?: PointsView; samples?: SampleImages }
  | { type: 'precision'; runId: number; arm: ArmIndex; report: PrecisionReport }
  | { type: 'batches'; runId: number; arm: ArmIndex; report: BatchReport }
  /** The arm's learning rate changed; `step` is the first step that uses it, `epoch` where training stood. */
  | { type: 'learningRate'; runId: number; arm: ArmIndex; learningRate: number; step: number; epoch: number }
  | { type: 'epoch'; runId: number; arm: ArmIndex; report: EpochReport }
  /** Model output over a resolution² grid spanning [-extent, extent]²: P(class 1), or the regression value. */
  | { type: 'boundary'; runId: number; arm: ArmIndex; values: Float32Array; resolution: number; extent: number }
  /** For each sample image: predicted class and its probability. */
  | { type: 'predictions'; runId: number; arm: ArmIndex; predicted: Int32Array; confidence: Float32Array }
  | { type: 'weights'; runId: number; arm: ArmIndex; epoch: number; layers: LayerWeightStats[] }
  /** Per-kernel gradient norms and per-layer activation statistics on the arm's fixed probe batch (gradient-stats.ts). */
  | { type: 'gradients'; runId: number; arm: ArmIndex; epoch: number; gradients: LayerGradientStats[]; activations: LayerActivationStats[] }
  /** Every neuron's output over the plane and the links between them (network-diagram.ts), while the page shows the diagram. */
  | { type: 'diagram'; runId: number; arm: ArmIndex; epoch: number; diagram: NetworkDiagram }
  /** Saliency maps (image models) or feature importance and attributions (tables, 2D sets), once an arm ends (explain.ts). */
  | { type: 'explanations'; runId: number; arm: ArmIndex; explanations: Explanations }
  | { type: 'armEnded'; runId: number; arm: ArmIndex; end: ArmEnd }
  /** A checkpoint after `epoch` of `epochs` (its buffer transferred), with that epoch's validation, for the page to keep. */
  | { type: 'checkpoint'; runId: number; arm: ArmIndex; epoch: number; epochs: number; bytes: Uint8Array; validation: { loss: number; accuracy: number | null } | null }
  | { type: 'evaluation'; runId: number; arm: ArmIndex; evaluation: Evaluation }
  /** The run starts from `source`'s weights, `frozen` layers held; `note` says what could not be copied. */
  | { type: 'fineTune'; runId: number; source: string; frozen: string[]; note: string | null }
  | { type: 'folds'; runId: number; summary: FoldsSummary }
  | { type: 'error'; runId: number; message: string }
  /** The worker threw where nothing caught it (training.worker.ts): the client ends it as crashed. */
  | { type: 'uncaught'; runId: number; message: string }
  | ExportEvent;
