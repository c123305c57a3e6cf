// The datasets the sandbox offers: what each is, its shape and its classes. Plain data, no loading.

export type PointsDatasetName = 'circle' | 'xor' | 'gaussians' | 'spiral' | 'moons' | 'bumps';
export type ImageDatasetName = 'mnist' | 'fashion-mnist';
export type DatasetName = PointsDatasetName | ImageDatasetName;
/** The tables that ship in datasets/tables/ (tables.ts says where each came from). */
export type TableName = 'penguins' | 'cars';
export type Task = 'classification' | 'regression';
/** The sizes own images are decoded to (the CNN's input follows). */
export type OwnImageSize = 'grey28' | 'colour32' | 'colour64';
export const OWN_IMAGE_SHAPES: Record<OwnImageSize, [number, number, number]> = {
  grey28: [28, 28, 1], colour32: [32, 32, 3], colour64: [64, 64, 3],
};

/**
 * What a dataset spec says about its data, read structurally so this module imports nothing of the engine. A
 * table or own image set carries its own shape and classes in the spec (they come from the file, not from here),
 * so a spec can be checked, built and exported without the data at hand.
 */
export type DatasetRef =
  | { kind: 'points'; name: PointsDatasetName }
  | { kind: 'images'; name: ImageDatasetName }
  | { kind: 'table'; name: string; title: string; rows: number; target: string; task: Task; classNames: string[]; inputSize: number }
  | { kind: 'ownImages'; name: string; title: string; rows: number; classNames: string[]; imageSize: OwnImageSize };

export interface DatasetInfo {
  name: string;
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

export interface BundledTable {
  name: TableName;
  title: string;
  description: string;
  /** Under the datasets folder. */
  file: string;
  /** The column a new experiment predicts. */
  target: string;
}

export const BUNDLED_TABLES: Record<TableName, BundledTable> = {
  penguins: {
    name: 'penguins', title: 'Palmer penguins (table)', file: 'tables/penguins.csv', target: 'Species',
    description: '344 penguins of three species: beak, flipper and body measurements, island and sex. Some values are missing.',
  },
  cars: {
    name: 'cars', title: 'Cars: miles per gallon (table, regression)', file: 'tables/cars.csv', target: 'Miles_per_Gallon',
    description: '406 cars from 1970–82: predict fuel economy from cylinders, weight, horsepower and origin.',
  },
};

export const isBundledTable = (name: string): name is TableName => Object.hasOwn(BUNDLED_TABLES, name);
/** Own data is named "own-" and an id; its bytes live in IndexedDB on this machine only. */
export const OWN_PREFIX = 'own-';
export const isOwnData = (name: string) => name.startsWith(OWN_PREFIX);

/** The shape, task and classes of the data a dataset spec names. */
export function datasetInfo(d: DatasetRef): DatasetInfo {
  switch (d.kind) {
    case 'points': return POINTS_DATASETS[d.name];
    case 'images': return IMAGE_DATASETS[d.name];
    case 'table': {
      const bundled = isBundledTable(d.name) ? BUNDLED_TABLES[d.name] : null;
      return {
        name: d.name, title: bundled?.title ?? d.title, task: d.task, inputShape: [d.inputSize], classNames: d.classNames,
        description: bundled?.description ?? `${d.title}: ${d.rows.toLocaleString('en')} rows, predicting ${d.target}.`,
      };
    }
    case 'ownImages': return {
      name: d.name, title: d.title, task: 'classification', inputShape: OWN_IMAGE_SHAPES[d.imageSize], classNames: d.classNames,
      description: `${d.title}: ${d.rows.toLocaleString('en')} images in ${d.classNames.length} classes.`,
    };
  }
}


// Own keys only: "constructor" or "__proto__" from a tampered link must not pass for a dataset.
export function isImageDataset(name: string): name is ImageDatasetName {
  return Object.hasOwn(IMAGE_DATASETS, name);
}

export function isPointsDataset(name: string): name is PointsDatasetName {
  return Object.hasOwn(POINTS_DATASETS, name);
}
