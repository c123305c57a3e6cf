// One line per control: what it does and what to expect when you change it. The spec's fields carry their own
// help in the field table (engine/model/fields.ts); this file adds the controls that are no spec field.
import { declaredFields } from '../engine/model/field-paths';

const CONTROL_HELP = {
  lesson: 'A guided experiment: most train a baseline (A) and a variant (B) side by side, with a note on what to look for.',
  preset: 'A ready experiment: a dataset, a model that suits it and settings that work. Edit anything afterwards.',
  dataset: 'The examples the network learns from. 2D sets are drawn from a seed; image sets and the penguins and cars tables ship with the app; your own data is listed under “Own”.',
  ownData: 'Bring your own examples: a CSV/TSV table, a folder with one sub-folder per class (or a .zip of one), webcam frames, or points you draw. They stay in this browser (IndexedDB) and are never uploaded.',
  target: 'The column the model learns to predict. Every other column you tick is an input (a feature).',
  task: 'Classification predicts one of the target’s values (a class); regression predicts a number. Inferred from the column; a whole-number column can be either.',
  features: 'The columns the model reads. Numbers are standardized and categories one-hot encoded, with statistics of the training rows only. Columns like names or ids are left out at first: they let a model memorize rows.',
  webcam: 'Hold a class’s button to record camera frames into it, as Teachable Machine does. Frames are kept in this browser only.',
  drawPoints: 'Click or tap the plane to add a point of the chosen class; pick “Erase” to remove the nearest one. Then use the points as a dataset.',
  ownDataList: 'Own data kept in this browser, with the space it takes. Deleting removes it for good; runs trained on it stay in the history.',
  layers: 'Hidden layers, input first. The output layer is added for you: one unit per class (softmax), or one value for regression.',
  dense: 'Dense: every unit sees every input. Units is how many outputs it has.',
  conv2d: 'Conv2D: slides small learned filters over the image; each filter finds one kind of local pattern.',
  maxPooling2d: 'Max pooling: keeps the largest value in each window, shrinking the image and adding tolerance to shifts.',
  averagePooling2d: 'Average pooling: averages each window, shrinking the image smoothly.',
  batchNormalization: 'Batch normalization: rescales activations to mean 0 and variance 1 per batch, which steadies and speeds training.',
  dropout: 'Dropout: during training, zeroes this share of the previous layer’s outputs at random, so no unit can rely on another.',
  flatten: 'Flatten: turns an image-shaped feature map into one long vector for dense layers.',
  dropoutAfter: 'Dropout right after this layer: the share of its outputs zeroed at random in each training step (0 = none).',
  regularizeAll: 'Sets the same kernel penalty on every dense and conv layer. L1 makes weights exactly sparse; L2 keeps them all small.',
  regularizationRate: 'Strength of the penalty added to the loss. Typical: 0.0001–0.01. Too strong and the model underfits.',
  compareWith: 'Train this experiment and a variant of it side by side, from identical weights and batches: the difference is the technique.',
  smoothing: 'Exponential moving average of each curve, as TensorBoard draws it: higher values show the trend through the noise.',
  train: 'Train until the last epoch; resumes a paused run.',
  pause: 'Pause after the current batch; Train resumes from there.',
  step: 'Train exactly one batch, then pause: watch the weights move one update at a time.',
  stop: 'End the run now and evaluate it on the test set.',
  reset: 'Start over from the same initial weights (the seed decides them).',
  exportCode: 'One Python file that reproduces this experiment in PyTorch: the same layers, initializers, optimizer (with tfjs\'s constants), loss terms, data and augmentation. It runs on a GPU server or, with torchrun, on many GPUs and machines (DistributedDataParallel). With the weights, --weights model.json --evaluate gives this run\'s test accuracy and --onnx writes an ONNX file.',
  exportArm: 'Which side of the A/B run to export: the baseline (A) or the variant (B).',
  measureFormats: 'Writes the model in each weight format, loads the files back with stock tfjs and scores them on the test set: every number is measured, not estimated.',
  pruneSparsity: 'Magnitude pruning: the share of each kernel’s smallest weights set to zero. Zeros compress well, so the gzip size falls. Empty for none.',
  fineTuneEpochs: 'Epochs of further training after pruning, with the pruned weights held at zero: recovers much of the accuracy pruning costs.',
  download: 'Downloads model.json and its weights file in the tfjs layers format: tf.loadLayersModel loads them unchanged.',
  saveModel: 'Stores the model in this browser (IndexedDB) under a name, to load it again later without files.',
  loadFiles: 'Choose a model.json together with its .bin weights file: the model is checked, loaded and scored on the current run’s test set.',
  drawingPad: 'Draw a digit with the mouse or a finger: it is scaled to 28×28 and centred as MNIST digits are, then classified.',
} as const;

const FIELD_HELP: Record<string, string> = Object.fromEntries(declaredFields().map((f) => [f.id, f.help]));

/** Help by topic: every declared field by its id, and the controls above. tests/ui/help-keys.test.ts checks that
 *  every topic the components name is here. */
export const HELP: Readonly<Record<string, string>> = { ...FIELD_HELP, ...CONTROL_HELP };

export type HelpKey = string;
