// What a link holds: the experiment, the view it opens on, and an optional lesson that hides or locks controls.
// Plain data, shared by the link codec, the ready lessons and the UI that honours them.
import type { ExperimentSpec } from '../../engine/model/spec';

/** The format version this page writes. See MIGRATIONS in link.ts for how older versions are read. */
export const LINK_VERSION = 1;

/** The views a link can open on. Add a name here to make it linkable; the decoder accepts exactly these. */
export const VIEWS = ['train', 'search', 'compare', 'export'] as const;
export type ViewName = (typeof VIEWS)[number];

/**
 * Every control a lesson can hide or lock, with what it covers. Ids are spec paths where a control edits one
 * spec field, or a section name; a section covers every control inside it (see `listsControl`). Stable: links
 * store these ids, so rename none, only add.
 */
export const CONTROLS = {
  presets: 'The preset picker',
  views: 'The tabs that switch between views',
  dataset: 'The whole data panel',
  'dataset.name': 'Which dataset',
  'dataset.noise': 'Noise of a point dataset',
  'dataset.numPoints': 'Number of points',
  'dataset.trainRatio': 'Share of the points used for training',
  'dataset.trainSize': 'Number of training images',
  'dataset.testSize': 'Number of test images',
  'dataset.imbalance': 'Minority class and the share of it kept',
  'dataset.augmentation': 'Shift, rotation, pixel noise and flips of training images',
  'dataset.own': 'Loading own data: a table, image folder or zip, webcam frames, drawn points',
  'dataset.columns': 'A table’s target, task and feature columns',
  'dataset.missing': 'How missing values in a table are treated',
  'dataset.clipOutliers': 'Clipping a table’s outliers',
  'dataset.imageSize': 'The size own images are decoded to',
  model: 'The whole model panel',
  'model.layers': 'Adding, removing and reordering layers, and their settings',
  'model.regularization': 'The l1 and l2 fields of dense and convolution layers',
  training: 'The whole training panel',
  'training.optimizer': 'Optimizer',
  'training.learningRate': 'Learning rate',
  'training.schedule': 'Learning-rate schedule and its settings',
  'training.batchSize': 'Batch size',
  'training.epochs': 'Epochs',
  'training.validationSplit': 'Validation split',
  'training.seed': 'Seed',
  'training.backend': 'Backend choice (auto, WebGPU, WebGL, CPU)',
  'training.precision': 'Precision policy (float32, mixed float16, float16)',
  'training.lossScaling': 'Initial loss scale and growth interval',
  'training.earlyStopping': 'Early stopping: on/off, monitor, patience, restore best weights',
  'training.rebalance': 'Class weights or oversampling against imbalance',
  'training.folds': 'k-fold cross-validation',
  'training.clipnorm': 'Gradient clipping by each gradient’s norm',
  'training.clipvalue': 'Gradient clipping by value',
  'training.globalClipnorm': 'Gradient clipping by the global norm',
} as const satisfies Record<string, string>;
export type ControlId = keyof typeof CONTROLS;
export const CONTROL_IDS = Object.keys(CONTROLS) as ControlId[];

export function isControlId(text: string): text is ControlId {
  return Object.hasOwn(CONTROLS, text);
}

/** The control a spec field belongs to: the longest control id its path starts with ('training.schedule'). */
export function controlOf(path: string): ControlId | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const id = parts.slice(0, n).join('.');
    if (isControlId(id)) return id;
  }
  return undefined;
}

/** True when `ids` names the control itself or a section that contains it ('dataset' contains 'dataset.noise'). */
export function listsControl(ids: readonly ControlId[], control: ControlId): boolean {
  return ids.some((id) => id === control || control.startsWith(`${id}.`));
}

/** What a class sees: a title, a short "what to look for" note, and the controls hidden or shown read-only. */
export interface Lesson {
  /** Set on the ready lessons (lessons.ts); a hand-made lesson may have none. */
  id?: string;
  title: string;
  note: string;
  hidden: ControlId[];
  locked: ControlId[];
}

/** Everything a link restores. */
export interface LinkState {
  spec: ExperimentSpec;
  view: ViewName;
  lesson: Lesson | null;
  /** The B side of an A/B comparison set up on A, when there is one. */
  variant?: ExperimentSpec;
}

export interface DecodedLink {
  /** Always a state whose spec passes validateSpec without errors. */
  state: LinkState;
  /** One sentence per thing the link asked for and did not get; empty when the link was read in full. */
  notices: string[];
}
