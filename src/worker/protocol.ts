// Messages across the one thread boundary. Plain data and typed arrays only: no tensor leaves the worker.
import type { BackendReport, BackendStatus } from '../engine/backend';
import type { BatchReport, EpochReport } from '../engine/loop';
import type { ClassificationReport, RegressionReport } from '../engine/metrics';
import type { ExperimentSpec } from '../engine/spec';

export type Command =
  /** Load the data, pick the backend, build the model: a fresh run at step 0. Also how "reset" is done. */
  | { type: 'prepare'; runId: number; spec: ExperimentSpec; datasetsUrl: string }
  | { type: 'start'; runId: number }
  | { type: 'pause'; runId: number }
  | { type: 'step'; runId: number }
  /** End the run where it is and evaluate it on the test set. */
  | { type: 'stop'; runId: number }
  /** Which backends this browser can run, without starting a run (answered by a 'backends' event). */
  | { type: 'probe'; runId: number };

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
}

export type Evaluation =
  | { task: 'classification'; report: ClassificationReport; classNames: string[] }
  | { task: 'regression'; report: RegressionReport };

export type Event =
  | { type: 'phase'; runId: number; phase: RunPhase; message?: string }
  | { type: 'loading'; runId: number; loadedBytes: number; totalBytes: number }
  | { type: 'backend'; runId: number; report: BackendReport }
  | { type: 'backends'; runId: number; statuses: BackendStatus[] }
  | { type: 'ready'; runId: number; info: RunInfo; points?: PointsView; samples?: SampleImages }
  | { type: 'batches'; runId: number; report: BatchReport }
  | { type: 'epoch'; runId: number; report: EpochReport }
  /** Model output over a resolution² grid spanning [-extent, extent]²: P(class 1), or the regression value. */
  | { type: 'boundary'; runId: number; values: Float32Array; resolution: number; extent: number }
  /** For each sample image: predicted class and its probability. */
  | { type: 'predictions'; runId: number; predicted: Int32Array; confidence: Float32Array }
  | { type: 'evaluation'; runId: number; evaluation: Evaluation }
  | { type: 'error'; runId: number; message: string };
