// ExperimentSpec: one serialisable description of a run. The UI edits it, the URL hash stores it, the worker
// receives it, the engine builds from it, and a finished run keeps it beside its metrics. Plain data only.
import type { PointsDatasetName, ImageDatasetName } from '../../data/catalog';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu' | 'swish' | 'linear';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'swish', 'linear'];

/** Keras-style kernel regularization; both zero means none. Penalty = l1·Σ|w| + l2·Σw². */
export interface KernelRegularizer {
  l1: number;
  l2: number;
}

export interface DenseLayer extends KernelRegularizer {
  type: 'dense';
  units: number;
  activation: Activation;
}
export interface Conv2dLayer extends KernelRegularizer {
  type: 'conv2d';
  filters: number;
  kernelSize: number;
  strides: number;
  padding: 'valid' | 'same';
  activation: Activation;
}
export interface PoolingLayer {
  type: 'maxPooling2d' | 'averagePooling2d';
  poolSize: number;
  /** Defaults to poolSize, as in Keras. */
  strides: number;
}
export interface BatchNormalizationLayer {
  type: 'batchNormalization';
}
export interface DropoutLayer {
  type: 'dropout';
  rate: number;
}
export interface FlattenLayer {
  type: 'flatten';
}
export type LayerSpec = DenseLayer | Conv2dLayer | PoolingLayer | BatchNormalizationLayer | DropoutLayer | FlattenLayer;
export type LayerType = LayerSpec['type'];

/** Hidden layers only: the output layer follows from the dataset (softmax over its classes, or one linear unit). */
export interface ModelSpec {
  layers: LayerSpec[];
}

/**
 * Makes a balanced dataset imbalanced, for the class-imbalance lesson: only `keep` of `minorityClass`'s
 * training examples are used (1 keeps all). The test set stays balanced, so minority recall stays measurable.
 */
export interface Imbalance {
  minorityClass: number;
  keep: number;
}

/** Random changes to each training image, drawn anew every epoch; the test set is never augmented. */
export interface Augmentation {
  /** Largest shift in pixels, each direction. */
  shift: number;
  /** Largest rotation in degrees, either way. */
  rotation: number;
  /** Standard deviation of gaussian pixel noise, in units of full brightness. */
  noise: number;
  /** Mirror left–right half the time: only offered where it keeps the label (clothes yes, digits no). */
  flip: boolean;
}

export interface PointsDatasetSpec {
  kind: 'points';
  name: PointsDatasetName;
  /** Standard deviation of the noise, in the units of the data's [-1, 1] square. */
  noise: number;
  numPoints: number;
  /** Share of the points used for training; the rest is the test set. */
  trainRatio: number;
  imbalance: Imbalance;
}
export interface ImageDatasetSpec {
  kind: 'images';
  name: ImageDatasetName;
  /** Examples taken from the training split (validation is carved out of these). */
  trainSize: number;
  /** Examples taken from the test split. */
  testSize: number;
  imbalance: Imbalance;
  augmentation: Augmentation;
}
export type DatasetSpec = PointsDatasetSpec | ImageDatasetSpec;

export type OptimizerName = 'sgd' | 'momentum' | 'adam' | 'rmsprop';
export const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'momentum', 'adam', 'rmsprop'];
export type BackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export type PrecisionPolicy = 'float32' | 'mixed_float16' | 'float16';
export const PRECISION_POLICIES: readonly PrecisionPolicy[] = ['float32', 'mixed_float16', 'float16'];

/** Keras's dynamic loss scaling for mixed_float16: start at `initialScale`; on an overflow halve it and skip
 *  the step; after `growthInterval` good steps in a row, double it. */
export interface LossScaling {
  initialScale: number;
  growthInterval: number;
}

/** Keras's EarlyStopping callback: stop when `monitor` has not improved for `patience` epochs. */
export interface EarlyStopping {
  enabled: boolean;
  monitor: 'val_loss' | 'val_accuracy';
  patience: number;
  restoreBestWeights: boolean;
}

/** How to counter class imbalance: weight the loss by inverse class frequency, or repeat minority examples. */
export type Rebalance = 'none' | 'classWeights' | 'oversample';
export const REBALANCE_OPTIONS: readonly Rebalance[] = ['none', 'classWeights', 'oversample'];

export interface TrainingSpec {
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Share of the training examples held out to validate after every epoch, as Keras's validationSplit. */
  validationSplit: number;
  /** Seeds weight initialisation, data generation, shuffling and dropout masks. */
  seed: number;
  backend: BackendChoice;
  precision: PrecisionPolicy;
  lossScaling: LossScaling;
  earlyStopping: EarlyStopping;
  rebalance: Rebalance;
  /** k for k-fold cross-validation; 1 trains once with validationSplit. */
  folds: number;
}

export interface ExperimentSpec {
  version: 1;
  dataset: DatasetSpec;
  model: ModelSpec;
  training: TrainingSpec;
}

/** Whole-number and range limits, shared by validation and the UI's inputs. */
export const LIMITS = {
  units: [1, 4096],
  filters: [1, 512],
  kernelSize: [1, 11],
  strides: [1, 4],
  poolSize: [1, 8],
  dropout: [0, 0.95],
  regularizer: [0, 1],
  layers: [0, 32],
  numPoints: [20, 5000],
  noise: [0, 1],
  trainRatio: [0.1, 0.9],
  trainSize: [10, 60_000],
  testSize: [10, 10_000],
  learningRate: [1e-6, 10],
  batchSize: [1, 4096],
  epochs: [1, 1000],
  validationSplit: [0, 0.5],
  seed: [0, 2 ** 31 - 1],
  parameters: [1, 20_000_000],
  imbalanceKeep: [0.01, 1],
  shift: [0, 6],
  rotation: [0, 45],
  augmentNoise: [0, 0.5],
  initialScale: [1, 2 ** 24],
  growthInterval: [1, 100_000],
  patience: [1, 100],
  folds: [1, 10],
} as const satisfies Record<string, readonly [number, number]>;

/** The defaults of every optional technique: all off, Keras's numbers where Keras has them. */
export const TECHNIQUE_DEFAULTS = {
  imbalance: { minorityClass: 0, keep: 1 } as Imbalance,
  augmentation: { shift: 0, rotation: 0, noise: 0, flip: false } as Augmentation,
  lossScaling: { initialScale: 2 ** 15, growthInterval: 2000 } as LossScaling,
  earlyStopping: { enabled: false, monitor: 'val_loss', patience: 3, restoreBestWeights: true } as EarlyStopping,
} as const;
