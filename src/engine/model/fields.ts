// Every field of the experiment, declared once: type, default, range, label, help, link key, "what changed"
// wording and when it matters (field-kinds.ts says what each part is for). spec.ts takes the spec's types from
// these groups; validation, the link format, the stored-run check, the spec diff, the help text and the form
// controls all read them, so adding a technique is one declaration here plus the code that uses it.
// Declaration order is the order links write keys and "what changed" lists changes.
import { datasetInfo, type DatasetRef } from '../../data/catalog';
import { choice, flag, group, number, type SpecOf, type SpecView } from './field-kinds';

const ACTIVATION = choice({
  id: 'activation', label: 'activation', default: 'relu', diff: '{layer} activation',
  help: 'The non-linearity after the layer. ReLU is the usual default; tanh is smooth and centred on zero.',
  options: ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'swish', 'linear'].map((value) => ({ value, label: value })) as
    { value: 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu' | 'swish' | 'linear'; label: string }[],
});

/** Keras's initializer names (tfjs spells LeCun "leCunNormal"; build.ts maps it). */
const INITIALIZER = choice({
  id: 'kernelInitializer', label: 'init', default: 'glorotUniform', link: 'init', diff: '{layer} initializer',
  help: 'How the kernel starts. Glorot suits tanh and sigmoid; He suits ReLU (it keeps the signal from shrinking layer by layer); zeros makes every unit learn the same thing.',
  options: [
    { value: 'glorotUniform', label: 'Glorot uniform' }, { value: 'glorotNormal', label: 'Glorot normal' },
    { value: 'heNormal', label: 'He normal' }, { value: 'heUniform', label: 'He uniform' },
    { value: 'lecunNormal', label: 'LeCun normal' }, { value: 'randomNormal', label: 'Random normal' },
    { value: 'zeros', label: 'Zeros' },
  ],
});
const INIT_STDDEV = number({
  id: 'initStddev', label: 'init σ', default: 0.05, range: [1e-6, 10], whole: false, step: 0.01, link: 'stddev',
  diff: '{layer} initializer σ', help: 'Standard deviation of the random normal initializer (mean 0). Keras uses 0.05.',
  active: (_spec, layer) => layer?.kernelInitializer === 'randomNormal',
});
const L1 = number({
  id: 'l1', label: 'L1', default: 0, range: [0, 1], whole: false, step: 0.0001, link: 'l1', diff: 'L1 on {layer} kernel',
  help: 'L1 penalty on this layer’s weights (rate × Σ|w|): pushes many weights to exactly zero, so the layer becomes sparse.',
});
const L2 = number({
  id: 'l2', label: 'L2', default: 0, range: [0, 1], whole: false, step: 0.0001, link: 'l2', diff: 'L2 on {layer} kernel',
  help: 'L2 penalty on this layer’s weights (rate × Σw²): keeps all weights small, which smooths the function learned.',
});
const STRIDES = number({
  id: 'strides', label: 'stride', default: 1, range: [1, 4], whole: true, step: 1, diff: '{layer} strides',
  help: 'How many pixels the window moves each time; 2 halves the output size.',
});
/** Pooling's stride defaults to its window (Keras: strides=None means pool_size), so 2 beside the default pool 2. */
const POOL_STRIDES = { ...STRIDES, id: 'poolStrides', default: 2 };
const square = (n: number) => `${n}×${n}`;
const POOL_SIZE = number({
  id: 'poolSize', label: 'pool', default: 2, range: [1, 8], whole: true, step: 1, diff: '{layer} pool size', show: square,
  help: 'Width and height of the pooling window.',
});

/** The settings of each hidden layer type, in the order the page shows them. */
export const LAYER_FIELDS = {
  dense: {
    units: number({
      id: 'units', label: 'units', default: 16, range: [1, 4096], whole: true, step: 1, diff: '{layer} units',
      help: 'Number of neurons in the layer: more can fit more complex functions, and overfit more easily.',
    }),
    activation: ACTIVATION, kernelInitializer: INITIALIZER, initStddev: INIT_STDDEV, l1: L1, l2: L2,
  },
  conv2d: {
    filters: number({
      id: 'filters', label: 'filters', default: 16, range: [1, 512], whole: true, step: 1, diff: '{layer} filters',
      help: 'Number of filters (output channels) the convolution learns.',
    }),
    kernelSize: number({
      id: 'kernelSize', label: 'kernel', default: 3, range: [1, 11], whole: true, step: 1, diff: '{layer} kernel size', show: square,
      help: 'Width and height of each filter, in pixels.',
    }),
    strides: STRIDES,
    padding: choice({
      id: 'padding', label: 'padding', default: 'same', diff: '{layer} padding',
      help: "'valid' only places the window fully inside the image (the output shrinks); 'same' pads with zeros so it does not.",
      options: [{ value: 'valid', label: 'valid' }, { value: 'same', label: 'same' }],
    }),
    activation: ACTIVATION, kernelInitializer: INITIALIZER, initStddev: INIT_STDDEV, l1: L1, l2: L2,
  },
  maxPooling2d: { poolSize: POOL_SIZE, strides: POOL_STRIDES },
  averagePooling2d: { poolSize: POOL_SIZE, strides: POOL_STRIDES },
  batchNormalization: {},
  dropout: {
    rate: number({
      id: 'rate', label: 'rate', default: 0.25, range: [0, 0.95], whole: false, step: 0.05,
      help: 'Share of units dropped at each training step (0 keeps all). 0.2–0.5 is typical.',
    }),
  },
  flatten: {},
} as const;

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

const IMBALANCE = group({
  minorityClass: number({
    id: 'minorityClass', label: 'Minority class', default: 0, range: [0, 1000], whole: true, link: 'minority', omitted: '0', diff: null,
    help: 'The class made rare in training, to study imbalance. The test set stays balanced so its recall stays measurable.',
    check: (value, spec) => {
      const classes = datasetInfo(spec.dataset as DatasetRef).classNames.length;
      if (classes === 0) return value === 0 ? undefined : `${spec.dataset.name} is a regression set and has no classes`;
      return value < classes ? undefined : `must be one of the ${classes} classes, 0 to ${classes - 1}`;
    },
  }),
  keep: number({
    id: 'imbalanceKeep', label: 'Share kept', default: 1, range: [0.01, 1], whole: false, step: 0.05, link: 'keep', omitted: '1', diff: null,
    help: 'Share of the minority class’s training examples kept (1 = balanced, 0.05 = only one in twenty).',
  }),
}, {
  label: 'class imbalance',
  show: ({ keep, minorityClass }, spec) => {
    if (keep >= 1) return 'off';
    const name = datasetInfo(spec.dataset as DatasetRef).classNames[minorityClass];
    const which = name === undefined || name === String(minorityClass) ? `class ${minorityClass}` : `class ${minorityClass} (${name})`;
    return `keep ${percent(keep)} of ${which}`;
  },
});

/** The settings of a generated 2D set. */
export const POINTS_FIELDS = {
  noise: number({
    id: 'noise', label: 'Noise', default: 0.1, range: [0, 1], whole: false, step: 0.05, link: 'noise',
    help: 'How much random jitter is added to each point: more noise blurs the classes together and invites overfitting.',
  }),
  numPoints: number({
    id: 'numPoints', label: 'Points', default: 600, range: [20, 5000], whole: true, step: 10, link: 'points', diff: 'number of points',
    show: (n) => n.toLocaleString('en'),
    help: 'How many points to generate. Fewer points make a model overfit sooner.',
  }),
  trainRatio: number({
    id: 'trainRatio', label: 'Train share', default: 0.5, range: [0.1, 0.9], whole: false, step: 0.05, link: 'ratio', diff: 'train/test ratio',
    help: 'Share of the points used for training; the rest form the test set the model never trains on.',
  }),
  imbalance: IMBALANCE,
} as const;

const images = { active: (spec: SpecView) => spec.dataset.kind === 'images' || spec.dataset.kind === 'ownImages' };

/** The settings of a shipped image set. */
export const IMAGES_FIELDS = {
  trainSize: number({
    id: 'trainSize', label: 'Training examples', default: 8000, range: [10, 60_000], whole: true, step: 1000, link: 'train',
    show: (n) => n.toLocaleString('en'),
    help: 'How many examples of the training split to use. Fewer train faster but generalise worse.',
  }),
  testSize: number({
    id: 'testSize', label: 'Test examples', default: 2000, range: [10, 10_000], whole: true, step: 500, link: 'test',
    show: (n) => n.toLocaleString('en'),
    help: 'How many examples of the official test split to evaluate on.',
  }),
  imbalance: IMBALANCE,
  augmentation: group({
    shift: number({
      id: 'shift', label: 'Shift (pixels)', default: 0, range: [0, 6], whole: true, step: 1, link: 'shift', omitted: '0', diff: null, ...images,
      help: 'Move each training image by up to this many pixels, anew every epoch: teaches position tolerance.',
    }),
    rotation: number({
      id: 'rotation', label: 'Rotation (degrees)', default: 0, range: [0, 45], whole: false, step: 5, link: 'rotate', omitted: '0', diff: null, ...images,
      help: 'Rotate each training image by up to this many degrees either way.',
    }),
    noise: number({
      id: 'augmentNoise', label: 'Noise', default: 0, range: [0, 0.5], whole: false, step: 0.05, link: 'augnoise', omitted: '0', diff: null, ...images,
      help: 'Add random pixel noise of this strength to training images.',
    }),
    flip: flag({
      id: 'flip', label: 'Mirror left–right', default: false, link: 'flip', omitted: '0', diff: null, ...images,
      help: 'Mirror half the training images left–right. Only where it keeps the label: clothes yes, digits no (a mirrored 2 is no 2).',
    }),
  }, {
    label: 'augmentation',
    show: (a) => [a.shift > 0 && `shift ±${a.shift} px`, a.rotation > 0 && `rotation ±${a.rotation}°`, a.noise > 0 && `noise ${a.noise}`, a.flip && 'flips']
      .filter((p): p is string => typeof p === 'string').join(', ') || 'off',
  }),
} as const;

/** The settings of a table (bundled or own): its split and how missing values and outliers are treated. */
export const TABLE_FIELDS = {
  trainRatio: POINTS_FIELDS.trainRatio,
  missing: choice({
    id: 'missing', label: 'Missing values', default: 'drop', link: 'missing', omitted: 'drop', diff: 'missing values',
    help: 'What to do with a row that has an empty cell in a chosen column: drop the row, or fill the cell with the training rows’ mean, median or most frequent value (never from validation or test rows).',
    options: [
      { value: 'drop', label: 'Drop the row' }, { value: 'mean', label: 'Fill with the mean' },
      { value: 'median', label: 'Fill with the median' }, { value: 'mostFrequent', label: 'Fill with the most frequent' },
    ],
  }),
  clipOutliers: flag({
    id: 'clipOutliers', label: 'Clip outliers', default: false, link: 'clip', omitted: '0', diff: 'outlier clipping',
    help: 'Clip each number to the training rows’ [Q1 − 1.5·IQR, Q3 + 1.5·IQR], so a few extreme values cannot dominate the standardized inputs.',
  }),
  imbalance: IMBALANCE,
} as const;

/** The settings of an own image set: the size its images are decoded to, its split, augmentation. */
export const OWN_IMAGES_FIELDS = {
  imageSize: choice({
    id: 'imageSize', label: 'Image size', default: 'grey28', link: 'size', diff: 'image size',
    help: 'What every image is resized to (centre-cropped to a square first); the CNN’s input follows. Larger and colour keep more detail and train slower.',
    options: [
      { value: 'grey28', label: '28×28 grey' }, { value: 'colour32', label: '32×32 colour' }, { value: 'colour64', label: '64×64 colour' },
    ],
  }),
  trainRatio: POINTS_FIELDS.trainRatio,
  imbalance: IMBALANCE,
  augmentation: IMAGES_FIELDS.augmentation,
} as const;

type ScheduleKind = 'constant' | 'stepDecay' | 'exponentialDecay' | 'cosineDecay' | 'cyclical' | 'reduceOnPlateau';
const scheduleIs = (...kinds: ScheduleKind[]) => (spec: SpecView) =>
  kinds.includes(spec.training.schedule.kind as ScheduleKind);
const SCHEDULE_WORDS: Record<ScheduleKind, string> = {
  constant: 'constant', stepDecay: 'step decay', exponentialDecay: 'exponential decay', cosineDecay: 'cosine decay',
  cyclical: 'cyclical (triangular)', reduceOnPlateau: 'reduce on plateau',
};

const REBALANCE_WORDS = { none: 'none', classWeights: 'class weights', oversample: 'oversampling' } as const;
const OPTIMIZER_LABELS = { sgd: 'SGD', momentum: 'SGD + momentum (0.9)', adam: 'Adam', rmsprop: 'RMSprop' } as const;
const offWhenZero = (v: number) => (v > 0 ? String(v) : 'off');

/** The training settings. */
export const TRAINING_FIELDS = {
  optimizer: choice({
    id: 'optimizer', label: 'Optimizer', default: 'adam', link: 'opt',
    help: 'How gradients update the weights. Adam adapts a step size per weight and is a safe default; SGD is the plain rule.',
    options: (['sgd', 'momentum', 'adam', 'rmsprop'] as const).map((value) => ({ value, label: OPTIMIZER_LABELS[value] })),
  }),
  learningRate: number({
    id: 'learningRate', label: 'Learning rate', default: 0.01, range: [1e-6, 10], whole: false, step: 0.001, link: 'lr',
    help: 'Size of each update step. Too high and the loss jumps or turns NaN; too low and training crawls. Changes during a run apply from the next step.',
  }),
  schedule: group({
    kind: choice({
      id: 'schedule', label: 'Learning-rate schedule', default: 'constant', link: 'sched', omitted: 'constant', diff: null,
      help: 'How the learning rate changes during training: decays let a run settle, warm-up steadies the first steps, cycles help escape flat regions, and reduce-on-plateau cuts the rate when validation stops improving.',
      options: (Object.keys(SCHEDULE_WORDS) as ScheduleKind[]).map((value) => ({ value, label: SCHEDULE_WORDS[value] })),
    }),
    factor: number({
      id: 'scheduleFactor', label: 'Decay factor', default: 0.5, range: [0.01, 0.99], whole: false, step: 0.05, link: 'sfactor', omitted: '0.5', diff: null,
      active: scheduleIs('stepDecay', 'exponentialDecay', 'reduceOnPlateau'),
      help: 'What the learning rate is multiplied by at each decay (step decay, exponential decay per period) or plateau.',
    }),
    everyEpochs: number({
      id: 'scheduleEpochs', label: 'Period (epochs)', default: 10, range: [0.1, 1000], whole: false, step: 1, link: 'sepochs', omitted: '10', diff: null,
      active: scheduleIs('stepDecay', 'exponentialDecay', 'cyclical'),
      help: 'Step decay: epochs between drops. Exponential decay: epochs over which the rate falls by the factor. Cyclical: epochs from the low to the high rate (half a cycle).',
    }),
    warmupEpochs: number({
      id: 'warmupEpochs', label: 'Warm-up (epochs)', default: 0, range: [0, 1000], whole: false, step: 1, link: 'warmup', omitted: '0', diff: null,
      active: scheduleIs('cosineDecay'),
      help: 'Epochs over which the rate rises linearly from 0 to the learning rate before the cosine decay starts.',
    }),
    alpha: number({
      id: 'cosineAlpha', label: 'Floor (share of the rate)', default: 0, range: [0, 1], whole: false, step: 0.05, link: 'alpha', omitted: '0', diff: null,
      active: scheduleIs('cosineDecay'),
      help: 'Keras’s alpha: the lowest rate the cosine decay reaches, as a share of the learning rate.',
    }),
    maxLearningRate: number({
      id: 'maxLearningRate', label: 'Highest rate', default: 0.1, range: [1e-6, 10], whole: false, step: 0.01, link: 'maxlr', omitted: '0.1', diff: null,
      active: scheduleIs('cyclical'),
      help: 'The rate the triangular cycle climbs to; it starts at the learning rate.',
    }),
    patience: number({
      id: 'plateauPatience', label: 'Plateau patience (epochs)', default: 5, range: [1, 100], whole: true, step: 1, link: 'spatience', omitted: '5', diff: null,
      active: scheduleIs('reduceOnPlateau'),
      help: 'Epochs without a better validation loss before the rate is cut (Keras’s ReduceLROnPlateau).',
    }),
    minLearningRate: number({
      id: 'minLearningRate', label: 'Lowest rate', default: 0, range: [0, 10], whole: false, step: 0.0001, link: 'minlr', omitted: '0', diff: null,
      active: scheduleIs('reduceOnPlateau'),
      help: 'Reduce-on-plateau never cuts the rate below this.',
    }),
  }, {
    label: 'learning-rate schedule',
    show: (s) => {
      switch (s.kind) {
        case 'stepDecay': return `step decay (×${s.factor} every ${s.everyEpochs} epochs)`;
        case 'exponentialDecay': return `exponential decay (×${s.factor} per ${s.everyEpochs} epochs)`;
        case 'cosineDecay': return `cosine decay (warm-up ${s.warmupEpochs} epochs, floor ${s.alpha})`;
        case 'cyclical': return `cyclical (up to ${s.maxLearningRate}, half-cycle ${s.everyEpochs} epochs)`;
        case 'reduceOnPlateau': return `reduce on plateau (×${s.factor} after ${s.patience} epochs, down to ${s.minLearningRate})`;
        default: return 'constant';
      }
    },
  }),
  batchSize: number({
    id: 'batchSize', label: 'Batch size', default: 32, range: [1, 4096], whole: true, step: 1, link: 'batch',
    help: 'Examples per update step. Larger batches give smoother gradients and use the GPU better, but fewer steps per epoch.',
  }),
  epochs: number({
    id: 'epochs', label: 'Epochs', default: 50, range: [1, 1000], whole: true, step: 1, link: 'epochs',
    help: 'How many passes over the training data.',
  }),
  validationSplit: number({
    id: 'validationSplit', label: 'Validation split', default: 0.2, range: [0, 0.5], whole: false, step: 0.05, link: 'val',
    help: 'Share of the training examples held out and scored after every epoch, to watch for overfitting.',
  }),
  seed: number({
    id: 'seed', label: 'Seed', default: 42, range: [0, 2 ** 31 - 1], whole: true, step: 1, link: 'seed',
    help: 'Fixes every random choice (weights, data, shuffling, dropout): the same seed on the same backend gives the same run.',
  }),
  backend: choice({
    id: 'backend', label: 'Backend', default: 'auto', link: 'backend', omitted: 'auto',
    help: 'Where tfjs computes: WebGPU (newest, fastest where available), WebGL (widely available), WebAssembly (the fastest without a GPU) or plain JavaScript on the CPU (slowest).',
    options: [
      { value: 'auto', label: 'Automatic (fastest, measured)' }, { value: 'webgpu', label: 'WebGPU' },
      { value: 'webgl', label: 'WebGL' }, { value: 'wasm', label: 'WASM (processor, SIMD)' }, { value: 'cpu', label: 'CPU' },
    ],
  }),
  precision: choice({
    id: 'precision', label: 'Precision', default: 'float32', link: 'precision', omitted: 'float32',
    help: 'Number format for training. float32 is the reference; mixed float16 computes in float16 but keeps float32 master weights and scales the loss; pure float16 stores everything in float16, to show what goes wrong.',
    options: [
      { value: 'float32', label: 'float32 (reference)' }, { value: 'mixed_float16', label: 'Mixed float16 (loss scaling)' },
      { value: 'float16', label: 'Pure float16' },
    ],
  }),
  lossScaling: group({
    initialScale: number({
      id: 'initialScale', label: 'Initial loss scale', default: 2 ** 15, range: [1, 2 ** 24], whole: false, step: 1, link: 'scale', omitted: '32768',
      active: (spec) => spec.training.precision === 'mixed_float16',
      help: 'The loss is multiplied by this before backprop so small gradients do not flush to zero in float16. Halved on every overflow (that step is skipped). Keras starts at 2^15 = 32768.',
    }),
    growthInterval: number({
      id: 'growthInterval', label: 'Loss-scale growth interval', default: 2000, range: [1, 100_000], whole: true, step: 1, link: 'growth', omitted: '2000',
      active: (spec) => spec.training.precision === 'mixed_float16',
      help: 'After this many steps in a row without an overflow the loss scale doubles, to win back range. Keras uses 2000.',
    }),
  }),
  earlyStopping: group({
    enabled: flag({
      id: 'earlyStopping', label: 'Early stopping', default: false, link: 'stop', omitted: '0', diff: null,
      help: 'Stop training when the validation score has not improved for a few epochs: a cheap guard against overfitting.',
    }),
    monitor: choice({
      id: 'monitor', label: 'Monitor', default: 'val_loss', link: 'monitor', omitted: 'val_loss', diff: null,
      help: 'The validation number early stopping watches: loss (lower is better) or accuracy (higher is better).',
      options: [{ value: 'val_loss', label: 'validation loss' }, { value: 'val_accuracy', label: 'validation accuracy' }],
    }),
    patience: number({
      id: 'patience', label: 'Patience (epochs)', default: 3, range: [1, 100], whole: true, step: 1, link: 'patience', omitted: '3', diff: null,
      active: (spec) => spec.training.earlyStopping.enabled,
      help: 'How many epochs without improvement to wait before stopping.',
    }),
    restoreBestWeights: flag({
      id: 'restoreBestWeights', label: 'Restore best weights', default: true, link: 'restore', omitted: '1', diff: null,
      help: 'When stopping, put back the weights of the best epoch rather than keep the last ones.',
    }),
  }, {
    label: 'early stopping',
    show: (e) => (e.enabled
      ? `on (${e.monitor}, patience ${e.patience}, ${e.restoreBestWeights ? 'restoring the best weights' : 'keeping the last weights'})`
      : 'off'),
  }),
  rebalance: choice({
    id: 'rebalance', label: 'Counter it with', default: 'none', link: 'rebalance', omitted: 'none', diff: 'class rebalancing',
    show: (r) => REBALANCE_WORDS[r],
    help: 'How to counter imbalance: weigh rare classes more in the loss, or show their examples more often (oversampling).',
    options: [{ value: 'none', label: 'None' }, { value: 'classWeights', label: 'Class weights' }, { value: 'oversample', label: 'Oversampling' }],
  }),
  folds: number({
    id: 'folds', label: 'Cross-validation folds', default: 1, range: [1, 10], whole: true, step: 1, link: 'folds', omitted: '1',
    diff: 'cross-validation', show: (k) => (k > 1 ? `${k} folds` : 'off'),
    help: 'k-fold cross-validation: train k times, each time validating on a different k-th of the data; report mean ± spread. 1 = off.',
  }),
  clipnorm: number({
    id: 'clipnorm', label: 'Clip each gradient’s norm', default: 0, range: [0, 1e6], whole: false, step: 0.1, link: 'clipnorm', omitted: '0',
    diff: 'gradient clipping by norm', show: offWhenZero,
    help: 'Keras’s clipnorm: each weight’s gradient is scaled down so its L2 norm is at most this (0 = off). Tames exploding gradients.',
  }),
  clipvalue: number({
    id: 'clipvalue', label: 'Clip gradient values', default: 0, range: [0, 1e6], whole: false, step: 0.1, link: 'clipvalue', omitted: '0',
    diff: 'gradient clipping by value', show: offWhenZero,
    help: 'Keras’s clipvalue: every gradient entry is clipped to [−value, value] (0 = off). Changes the gradient’s direction, unlike norm clipping.',
  }),
  globalClipnorm: number({
    id: 'globalClipnorm', label: 'Clip the global norm', default: 0, range: [0, 1e6], whole: false, step: 0.1, link: 'gclipnorm', omitted: '0',
    diff: 'gradient clipping by global norm', show: offWhenZero,
    help: 'Keras’s global_clipnorm: all gradients together are scaled so their joint L2 norm is at most this (0 = off); keeps the direction.',
  }),
} as const;

export type TrainingFields = SpecOf<typeof TRAINING_FIELDS>;
