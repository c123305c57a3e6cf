// The settings of each kind of dataset: generated 2D points, shipped images, tables, own images, and the class
// imbalance they share (fields.ts says how the declarations are used).
// Declaration order is the order links write keys and "what changed" lists changes.
import { datasetInfo, type DatasetRef } from '../../data/catalog';
import { choice, flag, group, number, type SpecView } from './field-kinds';

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
