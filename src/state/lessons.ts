// Ready lessons for workshops and self-study: each a whole link state (the experiment, for most an A/B variant
// beside it, the view, what is hidden or locked, and a note on what to look for). Written out in full rather than
// derived from the presets, so a lesson stays the lesson its note describes when a preset is tuned. The figures
// in the notes were measured at the lessons' seeds; tests/lessons/*.test.ts hold them to their direction under
// Node, tests/browser/lesson*.test.ts on WebGL, and lesson-claims.ts states each claim with this run's figures.
import { conv2d, dense, dropout, flatten, maxPool } from '../engine/model/presets';
import { SPEC_VERSION, TECHNIQUE_DEFAULTS, trainingDefaults, type ExperimentSpec, type ImageDatasetSpec, type LayerSpec, type PointsDatasetSpec, type TrainingSpec } from '../engine/model/spec';
import type { ControlId, LinkState } from './link/types';

const mnist = (trainSize: number, testSize: number): ImageDatasetSpec => ({
  kind: 'images', name: 'mnist', trainSize, testSize,
  imbalance: { ...TECHNIQUE_DEFAULTS.imbalance }, augmentation: { ...TECHNIQUE_DEFAULTS.augmentation },
});

const training = (overrides: Partial<TrainingSpec>): TrainingSpec =>
  ({ ...trainingDefaults(), learningRate: 0.001, epochs: 10, ...overrides });

const spec = (dataset: ImageDatasetSpec, layers: LayerSpec[], overrides: Partial<TrainingSpec>): ExperimentSpec =>
  ({ version: SPEC_VERSION, dataset, model: { layers }, training: training(overrides) });

/** The same experiment with some of it changed: the B side of a lesson. */
function variantOf(a: ExperimentSpec, change: (b: ExperimentSpec) => void): ExperimentSpec {
  const b = structuredClone(a);
  change(b);
  return b;
}

/** Controls no lesson here needs: they only distract a class. */
const UNUSED: ControlId[] = ['presets', 'dataset.augmentation', 'training.folds', 'training.backend', 'training.precision', 'training.lossScaling'];

/**
 * The overfitting set-up the regularization lessons share: 400 digits, half of them held out for validation,
 * and an MLP with 118,000 weights for the 200 it trains on. It fits them perfectly within 15 epochs; from then
 * on the validation loss only grows.
 */
const OVERFITTING = spec(mnist(400, 1000), [flatten, dense(128), dense(128)], { epochs: 50, validationSplit: 0.5 });
const withPenalty = (kind: 'l1' | 'l2', rate: number) =>
  variantOf(OVERFITTING, (b) => { b.model.layers = [flatten, { ...dense(128), [kind]: rate }, { ...dense(128), [kind]: rate }]; });

/** 4,000 digits with only 3% of the sevens kept (about 12 of them), a small MLP, five epochs. */
const IMBALANCED = spec({ ...mnist(4000, 1000), imbalance: { minorityClass: 7, keep: 0.03 } }, [flatten, dense(32)], { epochs: 5, validationSplit: 0.1 });

/** Eight hidden layers of 16 on the circle set: deep enough for sigmoid's gradients to fade towards the input. */
const circle: PointsDatasetSpec = { kind: 'points', name: 'circle', noise: 0.1, numPoints: 600, trainRatio: 0.5, imbalance: { ...TECHNIQUE_DEFAULTS.imbalance } };
const DEEP_SIGMOID: ExperimentSpec = {
  version: SPEC_VERSION, dataset: circle,
  model: { layers: Array.from({ length: 8 }, () => dense(16, 'sigmoid')) },
  training: training({ learningRate: 0.01, epochs: 20, validationSplit: 0.2 }),
};

/** Six ReLU layers of 32 (heNormal) trained by plain SGD at a rate of 1: large enough for the gradients to blow up. */
const STEEP_SGD: ExperimentSpec = {
  version: SPEC_VERSION, dataset: circle,
  model: { layers: Array.from({ length: 6 }, () => ({ ...dense(32, 'relu'), kernelInitializer: 'heNormal' as const })) },
  training: training({ optimizer: 'sgd', learningRate: 1, epochs: 20, validationSplit: 0.2 }),
};

/**
 * Two tanh layers of 16 on the circle set, SGD with momentum at a rate of 1: a rate that makes fast progress at
 * first but then throws the weights about so hard that tanh saturates and the loss never settles.
 */
const FAST_MOMENTUM: ExperimentSpec = {
  version: SPEC_VERSION, dataset: circle,
  model: { layers: [dense(16, 'tanh'), dense(16, 'tanh')] },
  training: training({ optimizer: 'momentum', learningRate: 1, epochs: 20, validationSplit: 0.2 }),
};

const LENET: LayerSpec[] = [conv2d(8, 5, 'relu', 'same'), maxPool(), conv2d(16, 5), maxPool(), flatten, dense(120), dense(84)];

export const LESSONS: LinkState[] = [
  {
    spec: OVERFITTING,
    variant: variantOf(OVERFITTING, (b) => { b.model.layers = [flatten, dropout(0.2), dense(128), dropout(0.5), dense(128), dropout(0.5)]; }),
    view: 'train',
    lesson: {
      id: 'overfitting', title: 'Overfitting and dropout',
      note: 'A (blue) trains an MLP on 400 digits, half of them held out to validate, so it learns from only 200: its ' +
        'training loss falls to almost zero while its validation loss, after a dip, climbs again — it memorises ' +
        'instead of learning. B (vermillion) is the same network from the same weights and batches, with dropout on ' +
        'the input (0.2) and after each hidden layer (0.5). Train A and B and watch the gap meters: B\'s gap should ' +
        'end below A\'s (the ranges measured, and this run\'s figures, are below). Dropout slows memorising; it does ' +
        'not make 200 examples into 2,000.',
      hidden: [...UNUSED, 'dataset.imbalance', 'training.rebalance', 'training.earlyStopping'],
      locked: ['dataset'],
    },
  },
  {
    spec: OVERFITTING,
    variant: withPenalty('l2', 0.001),
    view: 'train',
    lesson: {
      id: 'l2', title: 'L2 keeps weights small',
      note: 'B adds an L2 penalty (0.001 × Σw²) to both hidden layers. Watch "Inside the model": the first layer\'s ' +
        'weight norm grows to about 16 in A but stays near 9 in B, and B\'s histograms stay narrow. Smaller weights ' +
        'make a smoother function; here the validation − training gap shrinks from 0.68 to 0.62.',
      hidden: [...UNUSED, 'dataset.imbalance', 'training.rebalance', 'training.earlyStopping'],
      locked: ['dataset'],
    },
  },
  {
    spec: OVERFITTING,
    variant: withPenalty('l1', 0.0001),
    view: 'train',
    lesson: {
      id: 'l1', title: 'L1 makes weights sparse',
      note: 'B adds an L1 penalty (0.0001 × Σ|w|). L1 pulls every weight towards zero by the same amount, so the weights ' +
        'that do not earn their keep end up at zero. Watch the share of weights below 10⁻³ in "Inside the model": ' +
        'in the first layer about 1% in A and about 60% in B, whose histogram grows a spike at zero — most of the ' +
        '784 pixels are blank border and B learns to ignore them.',
      hidden: [...UNUSED, 'dataset.imbalance', 'training.rebalance', 'training.earlyStopping'],
      locked: ['dataset'],
    },
  },
  {
    spec: OVERFITTING,
    variant: variantOf(OVERFITTING, (b) => { b.training.earlyStopping = { enabled: true, monitor: 'val_loss', patience: 5, restoreBestWeights: true }; }),
    view: 'train',
    lesson: {
      id: 'early-stopping', title: 'Early stopping',
      note: 'B stops once its validation loss has not improved for 5 epochs and puts back the weights of its best ' +
        'epoch. Measured at this seed, B stops after epoch 20 (best at 15) with a validation loss of 0.61, while A ' +
        'trains all 50 epochs and ends at 0.68: less time, and a better model.',
      hidden: [...UNUSED, 'dataset.imbalance', 'training.rebalance'],
      locked: ['dataset'],
    },
  },
  {
    spec: IMBALANCED,
    variant: variantOf(IMBALANCED, (b) => { b.training.rebalance = 'classWeights'; }),
    view: 'train',
    lesson: {
      id: 'class-weights', title: 'Class imbalance and class weights',
      note: 'Only 3% of the sevens are kept for training (about 12 of them, among 3,600 other digits); the test set ' +
        'stays balanced. A learns that "seven" is rare and hardly ever says it: measured at this seed, it finds 10% of ' +
        'the test sevens (recall 0.10). B weighs each class\'s loss by how rare it is (scikit-learn\'s "balanced" ' +
        'weights) and finds 72% of them, and its overall test accuracy rises from 83.5% to 88.7%. Look at the recall ' +
        'of class 7 in the per-class table and at row 7 of the confusion matrix. Oversampling (set B to it) helps too: 56%.',
      hidden: ['presets', 'dataset.augmentation', 'training.folds', 'training.backend', 'training.precision', 'training.lossScaling', 'training.earlyStopping'],
      locked: ['dataset'],
    },
  },
  {
    // 3 epochs, not 10: the CNN is ahead by then, and on SwiftShader's WebGL the pair trains in about 3 minutes
    spec: spec(mnist(2000, 2000), [flatten, dense(128), dense(64)], { epochs: 3, validationSplit: 0.1 }),
    variant: spec(mnist(2000, 2000), [conv2d(8, 3, 'relu', 'same'), maxPool(), conv2d(16, 3, 'relu', 'same'), maxPool(), flatten, dense(64)],
      { epochs: 3, validationSplit: 0.1 }),
    view: 'train',
    lesson: {
      id: 'cnn-vs-mlp', title: 'CNN vs MLP on the same images',
      note: 'The same 2,000 digits and training settings for two models: A, an MLP with about 109,000 weights, and B, ' +
        'a small CNN with about 52,000. Train both and compare their test accuracy: the CNN should do better with ' +
        'fewer weights, because each filter looks for the same stroke everywhere in the image. (Their weights cannot ' +
        'start identical: the models differ.)',
      hidden: [...UNUSED, 'dataset.imbalance', 'training.rebalance', 'training.earlyStopping'],
      locked: ['dataset', 'training'],
    },
  },
  {
    spec: spec(mnist(8000, 2000), LENET, { epochs: 5, validationSplit: 0.1 }),
    variant: spec(mnist(8000, 2000), LENET, { epochs: 5, validationSplit: 0.1, precision: 'mixed_float16' }),
    view: 'train',
    lesson: {
      id: 'mixed-precision', title: 'Mixed precision',
      note: 'B trains the same LeNet in mixed precision: it computes in float16, keeps float32 master weights, and ' +
        'scales the loss so that small gradients do not round to zero. Compare the curves, the loss scale and the ' +
        'test accuracy of A (float32) and B, and B\'s Precision panel (the float16 path, skipped steps, gradients that ' +
        'would flush to zero). Then set B to pure float16 and train again: with Adam its float16 second moment ' +
        'underflows to 0 and the loss soon turns NaN; with SGD, updates smaller than half a ' +
        'float16 step of the weight vanish.',
      hidden: ['presets', 'dataset.augmentation', 'training.folds', 'dataset.imbalance', 'training.rebalance', 'training.earlyStopping'],
      locked: ['dataset', 'model'],
    },
  },
  {
    spec: spec(mnist(8000, 2000), LENET, { epochs: 5, validationSplit: 0.1 }),
    view: 'export',
    lesson: {
      id: 'quantization', title: 'Quantization',
      note: 'Train the model, then export its weights at full precision, as float16 and quantized to 16 and 8 bits. ' +
        'Compare the file sizes and the test accuracy of each: 8-bit weights take about a quarter of the space ' +
        'of float32 ones and usually cost little accuracy, because each weight only moves by a small rounding step.',
      hidden: ['presets', 'dataset.augmentation', 'training.folds', 'dataset.imbalance', 'training.rebalance', 'training.precision', 'training.lossScaling', 'training.earlyStopping'],
      locked: ['dataset', 'model'],
    },
  },
  {
    spec: STEEP_SGD,
    variant: variantOf(STEEP_SGD, (b) => { b.training.globalClipnorm = 1; }),
    view: 'train',
    lesson: {
      id: 'exploding-gradients', title: 'Exploding gradients and clipping',
      note: 'Both train six ReLU layers with plain SGD at a learning rate of 1. A\'s first updates are so large that ' +
        'most of its ReLUs die (81% of the units of its worst layer at this seed, against 28% in B) and it never ' +
        'learns the circle: validation accuracy 0.50. B clips the global gradient norm to 1 (Keras\'s ' +
        'global_clipnorm): every step keeps its direction but is at most 1 long, and B reaches 0.93. Watch the ' +
        'gradient norms and the dead-ReLU shares in "Inside the model".',
      hidden: [...UNUSED, 'dataset.imbalance', 'training.rebalance', 'training.earlyStopping'],
      locked: ['dataset', 'model'],
    },
  },
  {
    spec: DEEP_SIGMOID,
    variant: variantOf(DEEP_SIGMOID, (b) => { b.model.layers = Array.from({ length: 8 }, () => ({ ...dense(16, 'relu'), kernelInitializer: 'heNormal' as const })); }),
    view: 'train',
    lesson: {
      id: 'vanishing-gradients', title: 'Vanishing gradients',
      note: 'A stacks eight sigmoid layers; B the same depth of ReLU layers started with heNormal. Watch "Gradient norm ' +
        'per layer" in "Inside the model": each sigmoid passes back at most a quarter of the gradient it gets, so A\'s ' +
        'norms fall by orders of magnitude from the output towards dense_1 and its first layers hardly learn (A\'s ' +
        'loss stays near 0.69, a coin toss). B\'s norms stay within a factor of a few across layers and B learns ' +
        'the circle. Measured at this seed (WASM under Node): the first layer\'s gradient norm over the output ' +
        'layer\'s ends at 1.6 × 10⁻⁶ in A and 4.2 in B; validation accuracy 0.50 against 0.98.',
      hidden: [...UNUSED, 'dataset.imbalance', 'training.rebalance', 'training.earlyStopping'],
      locked: ['dataset'],
    },
  },
  {
    spec: FAST_MOMENTUM,
    variant: variantOf(FAST_MOMENTUM, (b) => { b.training.schedule = { ...b.training.schedule, kind: 'exponentialDecay', factor: 0.1, everyEpochs: 20 }; }),
    view: 'train',
    lesson: {
      id: 'lr-schedule', title: 'Learning-rate schedule',
      note: 'Both train two tanh layers with SGD and momentum (0.9) at a learning rate of 1, from the same weights ' +
        'and batches. A keeps that rate all 20 epochs: its steps stay so large that the weights keep overshooting, ' +
        'its tanh units saturate, and its validation loss ends above where it started (0.69, a coin toss). B decays the rate ' +
        'exponentially (Keras\'s ExponentialDecay, ×0.1 over the 20 epochs): the same bold start, then ever ' +
        'smaller steps that let it settle into the circle. Watch the loss curves and the learning-rate curve in ' +
        '"Inside the model". Measured at this seed: validation loss 5.3 for A and 0.10 for B under Node (WASM), 22.9 and 0.10 on WebGL.',
      hidden: [...UNUSED, 'dataset.imbalance', 'training.rebalance', 'training.earlyStopping'],
      locked: ['dataset', 'model'],
    },
  },
];

export function findLesson(id: string): LinkState | undefined {
  const found = LESSONS.find((l) => l.lesson?.id === id);
  return found && structuredClone(found);
}
