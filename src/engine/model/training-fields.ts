// The training settings: optimizer, rate and schedule, batches, precision, regularization, early stopping,
// class rebalancing and gradient clipping (fields.ts says how the declarations are used).
// Declaration order is the order links write keys and "what changed" lists changes.
import { choice, flag, group, number, type SpecOf, type SpecView } from './field-kinds';

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
