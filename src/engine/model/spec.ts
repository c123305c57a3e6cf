// ExperimentSpec: one serialisable description of a run. The UI edits it, the URL hash stores it, the worker
// receives it, the engine builds from it, and a finished run keeps it beside its metrics. Plain data only.
import type { PointsDatasetName, ImageDatasetName, Task } from '../../data/catalog';
import { defaultsOf, valuesOf, type SpecOf } from './field-kinds';
import { IMAGES_FIELDS, LAYER_FIELDS, OWN_IMAGES_FIELDS, POINTS_FIELDS, TABLE_FIELDS, TRAINING_FIELDS } from './fields';

// The types below are read off the field declarations in fields.ts, so a field's type is declared once.
type LayerFieldsOf<T extends keyof typeof LAYER_FIELDS> = { type: T } & SpecOf<typeof LAYER_FIELDS[T]>;

export type Activation = LayerFieldsOf<'dense'>['activation'];
export const ACTIVATIONS: readonly Activation[] = valuesOf(LAYER_FIELDS.dense.activation);
export type KernelInitializer = LayerFieldsOf<'dense'>['kernelInitializer'];
export const KERNEL_INITIALIZERS: readonly KernelInitializer[] = valuesOf(LAYER_FIELDS.dense.kernelInitializer);

/** Keras-style kernel regularization; both zero means none. Penalty = l1·Σ|w| + l2·Σw². */
export interface KernelRegularizer {
  l1: number;
  l2: number;
}

export type DenseLayer = LayerFieldsOf<'dense'>;
export type Conv2dLayer = LayerFieldsOf<'conv2d'>;
export type PoolingLayer = LayerFieldsOf<'maxPooling2d'> | LayerFieldsOf<'averagePooling2d'>;
export type BatchNormalizationLayer = LayerFieldsOf<'batchNormalization'>;
export type DropoutLayer = LayerFieldsOf<'dropout'>;
export type FlattenLayer = LayerFieldsOf<'flatten'>;
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
export type Imbalance = PointsDatasetSpec['imbalance'];
/** Random changes to each training image, drawn anew every epoch; the test set is never augmented. */
export type Augmentation = ImageDatasetSpec['augmentation'];

export type PointsDatasetSpec = { kind: 'points'; name: PointsDatasetName } & SpecOf<typeof POINTS_FIELDS>;
export type ImageDatasetSpec = { kind: 'images'; name: ImageDatasetName } & SpecOf<typeof IMAGES_FIELDS>;
/**
 * A table, bundled ("penguins") or own ("own-…"). Which columns it reads, and the classes and input width they
 * give, are part of the spec (they come from the file when the columns are chosen), so the spec stands alone.
 */
export type TableDatasetSpec = {
  kind: 'table'; name: string;
  /** The file's name as the person knows it, and its row count: what a link to own data asks for. */
  title: string; rows: number;
  target: string; features: string[]; task: Task;
  /** The target's classes (sorted; empty for regression) and the inputs once categories are one-hot encoded. */
  classNames: string[]; inputSize: number;
} & SpecOf<typeof TABLE_FIELDS>;
/** Own images: a folder, a zip, or webcam frames, kept in IndexedDB under `name`. */
export type OwnImagesDatasetSpec = {
  kind: 'ownImages'; name: string; title: string; rows: number; classNames: string[];
} & SpecOf<typeof OWN_IMAGES_FIELDS>;
export type DatasetSpec = PointsDatasetSpec | ImageDatasetSpec | TableDatasetSpec | OwnImagesDatasetSpec;

export type TrainingSpec = SpecOf<typeof TRAINING_FIELDS>;
export type OptimizerName = TrainingSpec['optimizer'];
export const OPTIMIZERS: readonly OptimizerName[] = valuesOf(TRAINING_FIELDS.optimizer);
export type BackendChoice = TrainingSpec['backend'];
export const BACKEND_CHOICES: readonly BackendChoice[] = valuesOf(TRAINING_FIELDS.backend);
export type PrecisionPolicy = TrainingSpec['precision'];
export const PRECISION_POLICIES: readonly PrecisionPolicy[] = valuesOf(TRAINING_FIELDS.precision);
/** Keras's dynamic loss scaling for mixed_float16: start at `initialScale`; on an overflow halve it and skip
 *  the step; after `growthInterval` good steps in a row, double it. */
export type LossScaling = TrainingSpec['lossScaling'];
/** Keras's EarlyStopping callback: stop when `monitor` has not improved for `patience` epochs. */
export type EarlyStopping = TrainingSpec['earlyStopping'];
/** How to counter class imbalance: weight the loss by inverse class frequency, or repeat minority examples. */
export type Rebalance = TrainingSpec['rebalance'];
export const REBALANCE_OPTIONS: readonly Rebalance[] = valuesOf(TRAINING_FIELDS.rebalance);
/** How the learning rate moves during a run (schedules.ts has the formulas). */
export type LearningRateSchedule = TrainingSpec['schedule'];
export type ScheduleKind = LearningRateSchedule['kind'];

/** The spec format: 2 added initializers, clipping and learning-rate schedules (spec-migrations.ts reads 1). */
export const SPEC_VERSION = 2;

export interface ExperimentSpec {
  version: typeof SPEC_VERSION;
  dataset: DatasetSpec;
  model: ModelSpec;
  training: TrainingSpec;
}

const L = LAYER_FIELDS;
const T = TRAINING_FIELDS;
/** Whole-number and range limits, shared by validation and the UI's inputs: read off the declarations. */
export const LIMITS = {
  units: L.dense.units.range,
  filters: L.conv2d.filters.range,
  kernelSize: L.conv2d.kernelSize.range,
  strides: L.conv2d.strides.range,
  poolSize: L.maxPooling2d.poolSize.range,
  dropout: L.dropout.rate.range,
  regularizer: L.dense.l1.range,
  layers: [0, 32],
  numPoints: POINTS_FIELDS.numPoints.range,
  noise: POINTS_FIELDS.noise.range,
  trainRatio: POINTS_FIELDS.trainRatio.range,
  trainSize: IMAGES_FIELDS.trainSize.range,
  testSize: IMAGES_FIELDS.testSize.range,
  learningRate: T.learningRate.range,
  batchSize: T.batchSize.range,
  epochs: T.epochs.range,
  validationSplit: T.validationSplit.range,
  seed: T.seed.range,
  parameters: [1, 20_000_000],
  imbalanceKeep: POINTS_FIELDS.imbalance.fields.keep.range,
  shift: IMAGES_FIELDS.augmentation.fields.shift.range,
  rotation: IMAGES_FIELDS.augmentation.fields.rotation.range,
  augmentNoise: IMAGES_FIELDS.augmentation.fields.noise.range,
  initialScale: T.lossScaling.fields.initialScale.range,
  growthInterval: T.lossScaling.fields.growthInterval.range,
  patience: T.earlyStopping.fields.patience.range,
  folds: T.folds.range,
} as const satisfies Record<string, readonly [number, number]>;

/** The defaults of every optional technique: all off, Keras's numbers where Keras has them. */
export const TECHNIQUE_DEFAULTS = {
  imbalance: defaultsOf(POINTS_FIELDS.imbalance.fields),
  augmentation: defaultsOf(IMAGES_FIELDS.augmentation.fields),
  lossScaling: defaultsOf(T.lossScaling.fields),
  earlyStopping: defaultsOf(T.earlyStopping.fields),
  schedule: defaultsOf(T.schedule.fields),
} as const;

/** Every training setting at its declared default. */
export const trainingDefaults = (): TrainingSpec => defaultsOf(TRAINING_FIELDS);
