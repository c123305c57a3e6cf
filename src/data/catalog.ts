// The datasets the sandbox offers: what each is, its shape and its classes. Plain data, no loading.

export type PointsDatasetName = 'circle' | 'xor' | 'gaussians' | 'spiral' | 'moons' | 'bumps';
export type ImageDatasetName = 'mnist' | 'fashion-mnist';
export type DatasetName = PointsDatasetName | ImageDatasetName;
export type Task = 'classification' | 'regression';

export interface DatasetInfo {
  name: DatasetName;
  title: string;
  /** One line for the picker's explanation. */
  description: string;
  task: Task;
  /** Shape of one example: [2] for points, [height, width, channels] for images. */
  inputShape: number[];
  /** Class names for classification; empty for regression. */
  classNames: string[];
}

const twoClasses = ['orange', 'blue'];

export const POINTS_DATASETS: Record<PointsDatasetName, DatasetInfo> = {
  circle: {
    name: 'circle', title: 'Circle', task: 'classification', inputShape: [2], classNames: twoClasses,
    description: 'One class inside a ring of the other: a straight line cannot separate them.',
  },
  xor: {
    name: 'xor', title: 'XOR', task: 'classification', inputShape: [2], classNames: twoClasses,
    description: 'Opposite quadrants share a class: needs at least one hidden layer.',
  },
  gaussians: {
    name: 'gaussians', title: 'Two gaussians', task: 'classification', inputShape: [2], classNames: twoClasses,
    description: 'Two blobs: linearly separable unless the noise makes them overlap.',
  },
  spiral: {
    name: 'spiral', title: 'Spiral', task: 'classification', inputShape: [2], classNames: twoClasses,
    description: 'Two interleaved spiral arms: the hardest 2D set, needs depth or width.',
  },
  moons: {
    name: 'moons', title: 'Two moons', task: 'classification', inputShape: [2], classNames: twoClasses,
    description: 'Two interlocking half circles: a gently curved boundary.',
  },
  bumps: {
    name: 'bumps', title: 'Gaussian bumps (regression)', task: 'regression', inputShape: [2], classNames: [],
    description: 'Predict the height of a surface made of positive and negative bumps.',
  },
};

export const IMAGE_DATASETS: Record<ImageDatasetName, DatasetInfo> = {
  mnist: {
    name: 'mnist', title: 'MNIST digits', task: 'classification', inputShape: [28, 28, 1],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    description: '10,000 handwritten digits (28×28 grey): the classic first image task.',
  },
  'fashion-mnist': {
    name: 'fashion-mnist', title: 'Fashion-MNIST', task: 'classification', inputShape: [28, 28, 1],
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    description: '70,000 clothing images (28×28 grey) from Zalando: harder than digits.',
  },
};

export function datasetInfo(name: DatasetName): DatasetInfo {
  return isPointsDataset(name) ? POINTS_DATASETS[name] : IMAGE_DATASETS[name];
}

// Own keys only: "constructor" or "__proto__" from a tampered link must not pass for a dataset.
export function isImageDataset(name: string): name is ImageDatasetName {
  return Object.hasOwn(IMAGE_DATASETS, name);
}

export function isPointsDataset(name: string): name is PointsDatasetName {
  return Object.hasOwn(POINTS_DATASETS, name);
}
