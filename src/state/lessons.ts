// Ready lessons for workshops: each a whole link state (experiment, view, what is hidden or locked, and a note
// on what to look for). Written out in full rather than derived from the presets, so a lesson stays the lesson
// its note describes when a preset is tuned.
import { conv2d, dense, flatten, maxPool } from '../engine/presets';
import { TECHNIQUE_DEFAULTS, type ExperimentSpec, type ImageDatasetSpec, type LayerSpec, type TrainingSpec } from '../engine/spec';
import type { ControlId, LinkState } from './link-types';

const mnist = (trainSize: number, testSize: number): ImageDatasetSpec => ({
  kind: 'images', name: 'mnist', trainSize, testSize,
  imbalance: { ...TECHNIQUE_DEFAULTS.imbalance }, augmentation: { ...TECHNIQUE_DEFAULTS.augmentation },
});

const training = (overrides: Partial<TrainingSpec>): TrainingSpec => ({
  optimizer: 'adam', learningRate: 0.001, batchSize: 32, epochs: 10, validationSplit: 0.2, seed: 42, backend: 'auto',
  precision: 'float32', lossScaling: { ...TECHNIQUE_DEFAULTS.lossScaling }, earlyStopping: { ...TECHNIQUE_DEFAULTS.earlyStopping },
  rebalance: 'none', folds: 1,
  ...overrides,
});

const spec = (dataset: ImageDatasetSpec, layers: LayerSpec[], overrides: Partial<TrainingSpec>): ExperimentSpec =>
  ({ version: 1, dataset, model: { layers }, training: training(overrides) });

/** Controls no lesson here needs: they only distract a class. */
const UNUSED: ControlId[] = ['presets', 'dataset.imbalance', 'dataset.augmentation', 'training.rebalance', 'training.folds'];

const LENET: LayerSpec[] = [conv2d(8, 5, 'relu', 'same'), maxPool(), conv2d(16, 5), maxPool(), flatten, dense(120), dense(84)];

export const LESSONS: LinkState[] = [
  {
    spec: spec(mnist(500, 2000), [flatten, dense(512), dense(512)], { epochs: 60, validationSplit: 0.2 }),
    view: 'train',
    lesson: {
      id: 'overfitting', title: 'Overfitting and regularization',
      note: 'Only 500 training digits for a network with 670,000 weights: it can memorise them. Train and watch the ' +
        'loss curves: training loss keeps falling while validation loss stops improving and turns up, and the gap ' +
        'between training and validation accuracy widens. Then add dropout(0.5) after each dense layer, or set l2 ' +
        'to 0.001 on both, train again and compare: the validation loss should stay lower for longer.',
      hidden: [...UNUSED, 'training.backend', 'training.precision', 'training.lossScaling', 'training.earlyStopping'],
      locked: ['dataset'],
    },
  },
  {
    spec: spec(mnist(2000, 2000), [conv2d(8, 3, 'relu', 'same'), maxPool(), conv2d(16, 3, 'relu', 'same'), maxPool(), flatten, dense(64)],
      { epochs: 10, validationSplit: 0.1 }),
    view: 'train',
    lesson: {
      id: 'cnn-vs-mlp', title: 'CNN vs MLP on the same images',
      note: 'The same 2,000 digits and training settings for two models. Train this small CNN (about 52,000 weights) ' +
        'and note its test accuracy. Then replace its layers with flatten, dense(128), dense(64): an MLP with twice ' +
        'the weights. Train it and compare the two runs: the CNN should reach a higher test accuracy with fewer ' +
        'weights, because each filter looks for the same stroke everywhere in the image.',
      hidden: [...UNUSED, 'training.backend', 'training.precision', 'training.lossScaling', 'training.earlyStopping'],
      locked: ['dataset', 'training'],
    },
  },
  {
    spec: spec(mnist(8000, 2000), LENET, { epochs: 5, validationSplit: 0.1, precision: 'mixed_float16' }),
    view: 'train',
    lesson: {
      id: 'mixed-precision', title: 'Mixed precision',
      note: 'This LeNet trains in mixed precision: it computes in float16, keeps float32 master weights, and scales ' +
        'the loss so that small gradients do not round to zero. Note the time per epoch and the test accuracy, then ' +
        'train again with precision float32 and with pure float16, and compare the three runs. Mixed should match ' +
        'float32 in accuracy; pure float16 may learn worse, as small updates vanish in its 11-bit mantissa.',
      hidden: [...UNUSED, 'training.earlyStopping'],
      locked: ['dataset', 'model'],
    },
  },
  {
    spec: spec(mnist(8000, 2000), LENET, { epochs: 5, validationSplit: 0.1 }),
    view: 'export',
    lesson: {
      id: 'quantization', title: 'Quantization',
      note: 'Train the model, then export its weights at full precision, as float16 and quantized to 8 bits. ' +
        'Compare the file sizes and the test accuracy of each: 8-bit weights take about a quarter of the space ' +
        'of float32 ones and usually cost little accuracy, because each weight only moves by a small rounding step.',
      hidden: [...UNUSED, 'training.precision', 'training.lossScaling', 'training.earlyStopping'],
      locked: ['dataset', 'model'],
    },
  },
];

export function findLesson(id: string): LinkState | undefined {
  const found = LESSONS.find((l) => l.lesson?.id === id);
  return found && structuredClone(found);
}
