// The settings of each hidden layer type, declared once (fields.ts says how the declarations are used).
// Declaration order is the order links write keys and "what changed" lists changes.
import { choice, number } from './field-kinds';

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
