// Ready experiments: a dataset, a model that suits it and training settings that work, each a whole spec.
import type { ImageDatasetName, PointsDatasetName } from '../../data/catalog';
import { SPEC_VERSION, TECHNIQUE_DEFAULTS, trainingDefaults, type Activation, type Conv2dLayer, type DenseLayer, type ExperimentSpec, type ImageDatasetSpec,
  type LayerSpec, type PointsDatasetSpec, type TableDatasetSpec, type TrainingSpec } from './spec';

export interface Preset {
  id: string;
  title: string;
  /** One line: what the preset shows. */
  description: string;
  spec: ExperimentSpec;
}

/** The initializer settings every new dense or conv2d layer starts with (Keras's glorotUniform). */
const INIT = { kernelInitializer: 'glorotUniform', initStddev: 0.05 } as const;
export const dense = (units: number, activation: Activation = 'relu', l1 = 0, l2 = 0): DenseLayer =>
  ({ type: 'dense', units, activation, ...INIT, l1, l2 });
export const conv2d = (filters: number, kernelSize: number, activation: Activation = 'relu', padding: 'valid' | 'same' = 'valid'): Conv2dLayer =>
  ({ type: 'conv2d', filters, kernelSize, strides: 1, padding, activation, ...INIT, l1: 0, l2: 0 });
export const maxPool = (poolSize = 2): LayerSpec => ({ type: 'maxPooling2d', poolSize, strides: poolSize });
export const dropout = (rate: number): LayerSpec => ({ type: 'dropout', rate });
export const flatten: LayerSpec = { type: 'flatten' };
export const batchNorm: LayerSpec = { type: 'batchNormalization' };

const training = (overrides: Partial<TrainingSpec>): TrainingSpec => ({ ...trainingDefaults(), ...overrides });

const points = (name: PointsDatasetName, noise: number, numPoints = 600): PointsDatasetSpec =>
  ({ kind: 'points', name, noise, numPoints, trainRatio: 0.5, imbalance: { ...TECHNIQUE_DEFAULTS.imbalance } });
const images = (name: ImageDatasetName, trainSize: number, testSize: number): ImageDatasetSpec =>
  ({ kind: 'images', name, trainSize, testSize, imbalance: { ...TECHNIQUE_DEFAULTS.imbalance }, augmentation: { ...TECHNIQUE_DEFAULTS.augmentation } });

const TABLE_DEFAULTS = { trainRatio: 0.7, missing: 'drop', clipOutliers: false } as const;
/** Palmer penguins' species from its measurements, island and sex (the column list is checked against the file). */
const penguins = (): TableDatasetSpec => ({
  kind: 'table', name: 'penguins', title: 'penguins.csv', rows: 344, target: 'Species', task: 'classification',
  features: ['Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'],
  classNames: ['Adelie', 'Chinstrap', 'Gentoo'], inputSize: 9,
  ...TABLE_DEFAULTS, imbalance: { ...TECHNIQUE_DEFAULTS.imbalance },
});
const cars = (): TableDatasetSpec => ({
  kind: 'table', name: 'cars', title: 'cars.csv', rows: 406, target: 'Miles_per_Gallon', task: 'regression',
  features: ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year', 'Origin'],
  classNames: [], inputSize: 20,
  ...TABLE_DEFAULTS, imbalance: { ...TECHNIQUE_DEFAULTS.imbalance },
});

/** The model own images start with: two small conv + pool stages, whatever the image size. */
export const OWN_IMAGES_LAYERS = (): LayerSpec[] =>
  [conv2d(8, 3, 'relu', 'same'), maxPool(), conv2d(16, 3, 'relu', 'same'), maxPool(), flatten, dense(32), dropout(0.25)];
/** The model an own table starts with. */
export const OWN_TABLE_LAYERS = (): LayerSpec[] => [dense(32), dense(16)];

export const PRESETS: Preset[] = [
  {
    id: 'spiral-mlp', title: 'Spiral · MLP',
    description: 'Three hidden ReLU layers untangle two interleaved spirals.',
    spec: { version: SPEC_VERSION, dataset: points('spiral', 0.03, 800), model: { layers: [dense(64), dense(64), dense(64)] },
      training: training({ learningRate: 0.01, epochs: 150, batchSize: 32 }) },
  },
  {
    id: 'circle-mlp', title: 'Circle · small MLP',
    description: 'Four ReLU units are enough to draw a closed boundary.',
    spec: { version: SPEC_VERSION, dataset: points('circle', 0.1), model: { layers: [dense(8), dense(4)] },
      training: training({ learningRate: 0.03, epochs: 40 }) },
  },
  {
    id: 'xor-mlp', title: 'XOR · one hidden layer',
    description: 'The problem a single neuron cannot solve; one hidden layer can.',
    spec: { version: SPEC_VERSION, dataset: points('xor', 0.05), model: { layers: [dense(8, 'tanh')] },
      training: training({ learningRate: 0.03, epochs: 40 }) },
  },
  {
    id: 'moons-mlp', title: 'Moons · MLP',
    description: 'A curved boundary between two interlocking half circles.',
    spec: { version: SPEC_VERSION, dataset: points('moons', 0.1), model: { layers: [dense(16), dense(16)] },
      training: training({ learningRate: 0.01, epochs: 40 }) },
  },
  {
    id: 'bumps-regression', title: 'Bumps · regression MLP',
    description: 'Fit a surface of positive and negative bumps: mean squared error instead of accuracy.',
    spec: { version: SPEC_VERSION, dataset: points('bumps', 0.05, 800), model: { layers: [dense(32, 'tanh'), dense(32, 'tanh')] },
      training: training({ learningRate: 0.01, epochs: 100 }) },
  },
  {
    id: 'mnist-mlp', title: 'MNIST · MLP',
    description: 'A 784-128-64-10 perceptron on digits: the baseline a CNN should beat.',
    spec: { version: SPEC_VERSION, dataset: images('mnist', 8000, 2000),
      model: { layers: [flatten, dense(128), dense(64)] },
      training: training({ learningRate: 0.001, batchSize: 64, epochs: 10, validationSplit: 0.1 }) },
  },
  {
    id: 'mnist-cnn', title: 'MNIST · LeNet-style CNN',
    description: 'Two convolution + pooling stages, then dense layers: the classic digit recogniser.',
    spec: { version: SPEC_VERSION, dataset: images('mnist', 8000, 2000),
      model: { layers: [conv2d(8, 5, 'relu', 'same'), maxPool(), conv2d(16, 5), maxPool(), flatten, dense(120), dense(84)] },
      training: training({ learningRate: 0.001, batchSize: 32, epochs: 8, validationSplit: 0.1 }) },
  },
  {
    id: 'fashion-cnn', title: 'Fashion-MNIST · CNN',
    description: 'A deeper CNN with dropout for clothing images, where an MLP stalls near 88%.',
    spec: { version: SPEC_VERSION, dataset: images('fashion-mnist', 60000, 10000),
      model: { layers: [conv2d(32, 3), maxPool(), conv2d(64, 3), maxPool(), dropout(0.25), flatten, dense(128), dropout(0.5)] },
      training: training({ learningRate: 0.001, batchSize: 64, epochs: 5, validationSplit: 0.1 }) },
  },
  {
    id: 'penguins-mlp', title: 'Penguins · MLP (table)',
    description: 'Tell three penguin species apart from six columns, one-hot encoded and standardized.',
    spec: { version: SPEC_VERSION, dataset: penguins(), model: { layers: OWN_TABLE_LAYERS() },
      training: training({ learningRate: 0.01, batchSize: 16, epochs: 60, validationSplit: 0.2 }) },
  },
  {
    id: 'cars-regression', title: 'Cars · miles per gallon (regression)',
    description: 'Predict fuel economy from a car’s engine, weight, year and origin: error in miles per gallon.',
    spec: { version: SPEC_VERSION, dataset: cars(), model: { layers: [dense(32), dense(16)] },
      training: training({ learningRate: 0.01, batchSize: 16, epochs: 80, validationSplit: 0.2 }) },
  },
];

export const DEFAULT_PRESET = PRESETS[0];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** A deep copy, so editing the spec never edits the preset. */
export function presetSpec(id: string): ExperimentSpec {
  return structuredClone((findPreset(id) ?? DEFAULT_PRESET).spec);
}
