// Refuses a spec that cannot work, before anything is built, with messages that say what to change.
import { datasetInfo } from '../../data/catalog';
import { LIMITS, type ExperimentSpec, type LayerSpec } from './spec';
import { layerNames, summarize } from './summary';
import { memoryProblem } from './memory-budget';

export interface SpecProblem {
  /** Where in the spec, dotted: "model.layers.2.kernelSize", "training.learningRate". */
  path: string;
  message: string;
  /** Errors block training; warnings are shown and allowed. */
  severity: 'error' | 'warning';
}

type Limit = keyof typeof LIMITS;

function checkNumber(problems: SpecProblem[], path: string, label: string, value: number, limit: Limit, whole: boolean) {
  const [min, max] = LIMITS[limit];
  const ok = Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value));
  if (!ok) {
    const kind = whole ? 'a whole number' : 'a number';
    problems.push({ path, severity: 'error', message: `${label} must be ${kind} from ${min} to ${max} (got ${value}).` });
  }
}

function checkLayer(problems: SpecProblem[], layer: LayerSpec, name: string, path: string) {
  const num = (field: string, value: number, limit: Limit, whole = true) =>
    checkNumber(problems, `${path}.${field}`, `${name}: ${field}`, value, limit, whole);
  switch (layer.type) {
    case 'dense':
      num('units', layer.units, 'units');
      num('l1', layer.l1, 'regularizer', false);
      num('l2', layer.l2, 'regularizer', false);
      break;
    case 'conv2d':
      num('filters', layer.filters, 'filters');
      num('kernelSize', layer.kernelSize, 'kernelSize');
      num('strides', layer.strides, 'strides');
      num('l1', layer.l1, 'regularizer', false);
      num('l2', layer.l2, 'regularizer', false);
      break;
    case 'maxPooling2d':
    case 'averagePooling2d':
      num('poolSize', layer.poolSize, 'poolSize');
      num('strides', layer.strides, 'strides');
      break;
    case 'dropout':
      num('rate', layer.rate, 'dropout', false);
      break;
  }
}

/** Every problem in the spec; an empty list (or warnings only) means it can be trained. */
export function validateSpec(spec: ExperimentSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const { dataset, model, training } = spec;
  if (dataset.kind === 'points') {
    checkNumber(problems, 'dataset.numPoints', 'Number of points', dataset.numPoints, 'numPoints', true);
    checkNumber(problems, 'dataset.noise', 'Noise', dataset.noise, 'noise', false);
    checkNumber(problems, 'dataset.trainRatio', 'Train/test ratio', dataset.trainRatio, 'trainRatio', false);
  } else {
    checkNumber(problems, 'dataset.trainSize', 'Training examples', dataset.trainSize, 'trainSize', true);
    checkNumber(problems, 'dataset.testSize', 'Test examples', dataset.testSize, 'testSize', true);
    checkAugmentation(problems, spec);
  }
  checkImbalance(problems, spec);

  if (model.layers.length > LIMITS.layers[1]) {
    problems.push({ path: 'model.layers', severity: 'error', message: `The sandbox allows up to ${LIMITS.layers[1]} hidden layers; remove ${model.layers.length - LIMITS.layers[1]}.` });
  }
  const names = layerNames(model.layers);
  model.layers.forEach((layer, i) => checkLayer(problems, layer, names[i], `model.layers.${i}`));
  // Shapes only mean something once every number is valid.
  if (problems.length === 0) {
    const summary = summarize(spec);
    const firstBroken = summary.layers.findIndex((l) => l.problem);
    if (firstBroken >= 0) {
      const path = firstBroken < model.layers.length ? `model.layers.${firstBroken}` : 'model.output';
      problems.push({ path, severity: 'error', message: summary.layers[firstBroken].problem! });
    } else if (summary.totalParams > LIMITS.parameters[1]) {
      problems.push({
        path: 'model', severity: 'error',
        message: `The model has ${summary.totalParams.toLocaleString('en')} parameters; the sandbox allows ` +
          `${LIMITS.parameters[1].toLocaleString('en')}. Use fewer units or filters, or pool earlier.`,
      });
    }
  }

  checkNumber(problems, 'training.learningRate', 'Learning rate', training.learningRate, 'learningRate', false);
  checkNumber(problems, 'training.batchSize', 'Batch size', training.batchSize, 'batchSize', true);
  checkNumber(problems, 'training.epochs', 'Epochs', training.epochs, 'epochs', true);
  checkNumber(problems, 'training.validationSplit', 'Validation split', training.validationSplit, 'validationSplit', false);
  checkNumber(problems, 'training.seed', 'Seed', training.seed, 'seed', true);

  checkTechniques(problems, spec);
  const trainExamples = dataset.kind === 'points' ? Math.round(dataset.numPoints * dataset.trainRatio) : dataset.trainSize;
  const fitExamples = Math.floor(trainExamples * (1 - training.validationSplit));
  if (Number.isFinite(fitExamples) && training.batchSize > fitExamples && fitExamples > 0) {
    problems.push({
      path: 'training.batchSize', severity: 'warning',
      message: `Batch size ${training.batchSize} is more than the ${fitExamples} training examples: each epoch is a single step.`,
    });
  }
  // last: the estimate needs every number valid and a model that can be built
  const memory = problems.some((p) => p.severity === 'error') ? null : memoryProblem(spec);
  if (memory) problems.push(memory);
  return problems;
}

function checkImbalance(problems: SpecProblem[], spec: ExperimentSpec) {
  const { imbalance } = spec.dataset;
  const info = datasetInfo(spec.dataset.name);
  checkNumber(problems, 'dataset.imbalance.keep', 'Share of the minority class kept', imbalance.keep, 'imbalanceKeep', false);
  if (info.task === 'classification') {
    const classes = info.classNames.length;
    if (!Number.isInteger(imbalance.minorityClass) || imbalance.minorityClass < 0 || imbalance.minorityClass >= classes) {
      problems.push({ path: 'dataset.imbalance.minorityClass', severity: 'error', message: `Minority class must be one of the ${classes} classes, 0 to ${classes - 1} (got ${imbalance.minorityClass}).` });
    }
  } else if (imbalance.keep < 1) {
    problems.push({ path: 'dataset.imbalance.keep', severity: 'error', message: 'A regression set has no classes to unbalance: set the kept share back to 1.' });
  }
}

function checkAugmentation(problems: SpecProblem[], spec: ExperimentSpec) {
  if (spec.dataset.kind !== 'images') return;
  const a = spec.dataset.augmentation;
  checkNumber(problems, 'dataset.augmentation.shift', 'Augmentation shift', a.shift, 'shift', true);
  checkNumber(problems, 'dataset.augmentation.rotation', 'Augmentation rotation', a.rotation, 'rotation', false);
  checkNumber(problems, 'dataset.augmentation.noise', 'Augmentation noise', a.noise, 'augmentNoise', false);
  if (a.flip && spec.dataset.name === 'mnist') {
    problems.push({ path: 'dataset.augmentation.flip', severity: 'error', message: 'Mirroring changes what a digit means (a mirrored 2 is no 2): turn flips off for MNIST.' });
  }
}

function checkTechniques(problems: SpecProblem[], spec: ExperimentSpec) {
  const { training } = spec;
  const { lossScaling, earlyStopping } = training;
  checkNumber(problems, 'training.lossScaling.initialScale', 'Initial loss scale', lossScaling.initialScale, 'initialScale', false);
  checkNumber(problems, 'training.lossScaling.growthInterval', 'Loss-scale growth interval', lossScaling.growthInterval, 'growthInterval', true);
  checkNumber(problems, 'training.folds', 'Folds', training.folds, 'folds', true);
  if (earlyStopping.enabled) {
    checkNumber(problems, 'training.earlyStopping.patience', 'Patience', earlyStopping.patience, 'patience', true);
    if (training.validationSplit === 0 && training.folds === 1) {
      problems.push({ path: 'training.earlyStopping.enabled', severity: 'error', message: 'Early stopping watches the validation set: set a validation split above 0, or turn early stopping off.' });
    }
    if (earlyStopping.monitor === 'val_accuracy' && datasetInfo(spec.dataset.name).task === 'regression') {
      problems.push({ path: 'training.earlyStopping.monitor', severity: 'error', message: 'Regression has no accuracy: monitor the validation loss instead.' });
    }
  }
  if (training.rebalance !== 'none' && datasetInfo(spec.dataset.name).task === 'regression') {
    problems.push({ path: 'training.rebalance', severity: 'error', message: 'Class weights and oversampling need classes: set rebalancing to none for regression.' });
  }
}

export const hasErrors = (problems: SpecProblem[]) => problems.some((p) => p.severity === 'error');
