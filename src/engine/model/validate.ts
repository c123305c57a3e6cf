// Refuses a spec that cannot work, before anything is built, with messages that say what to change.
import { datasetInfo } from '../../data/catalog';
import { fieldProblem, layerProblems } from './field-check';
import { entryApplies, fieldActive, SPEC_ENTRIES } from './field-paths';
import { LIMITS, type ExperimentSpec } from './spec';
import { layerNames, summarize } from './summary';
import { memoryProblem } from './memory-budget';

import type { SpecProblem } from './field-check';

export type { SpecProblem };

/** Every declared field of the spec outside the layers, checked against its declaration. */
function checkFields(problems: SpecProblem[], spec: ExperimentSpec) {
  for (const entry of SPEC_ENTRIES) {
    if (!entryApplies(entry, spec) || !fieldActive(entry.field, spec)) continue;
    const problem = fieldProblem(entry.field, entry.get(spec), spec);
    if (problem) problems.push({ path: entry.path, severity: 'error', message: `${entry.field.label} ${problem}.` });
  }
}

/** Every problem in the spec; an empty list (or warnings only) means it can be trained. */
export function validateSpec(spec: ExperimentSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const { dataset, model, training } = spec;
  checkFields(problems, spec);
  checkDataset(problems, spec);

  if (model.layers.length > LIMITS.layers[1]) {
    problems.push({ path: 'model.layers', severity: 'error', message: `The sandbox allows up to ${LIMITS.layers[1]} hidden layers; remove ${model.layers.length - LIMITS.layers[1]}.` });
  }
  const names = layerNames(model.layers);
  model.layers.forEach((layer, i) => problems.push(...layerProblems(spec, layer, names[i], `model.layers.${i}`)));
  // Shapes only mean something once every number is valid.
  if (!problems.some((p) => p.path.startsWith('model') || p.path.startsWith('dataset'))) {
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

/** What the dataset's fields allow alone but not together. */
function checkDataset(problems: SpecProblem[], spec: ExperimentSpec) {
  const { imbalance } = spec.dataset;
  if (datasetInfo(spec.dataset.name).task === 'regression' && imbalance.keep < 1) {
    problems.push({ path: 'dataset.imbalance.keep', severity: 'error', message: 'A regression set has no classes to unbalance: set the kept share back to 1.' });
  }
  if (spec.dataset.kind === 'images' && spec.dataset.augmentation.flip && spec.dataset.name === 'mnist') {
    problems.push({ path: 'dataset.augmentation.flip', severity: 'error', message: 'Mirroring changes what a digit means (a mirrored 2 is no 2): turn flips off for MNIST.' });
  }
}

function checkTechniques(problems: SpecProblem[], spec: ExperimentSpec) {
  const { training } = spec;
  const { earlyStopping, schedule } = training;
  const validates = training.validationSplit > 0 || training.folds > 1;
  if (earlyStopping.enabled) {
    if (!validates) {
      problems.push({ path: 'training.earlyStopping.enabled', severity: 'error', message: 'Early stopping watches the validation set: set a validation split above 0, or turn early stopping off.' });
    }
    if (earlyStopping.monitor === 'val_accuracy' && datasetInfo(spec.dataset.name).task === 'regression') {
      problems.push({ path: 'training.earlyStopping.monitor', severity: 'error', message: 'Regression has no accuracy: monitor the validation loss instead.' });
    }
  }
  const clipping = (['clipnorm', 'clipvalue', 'globalClipnorm'] as const).filter((key) => training[key] > 0);
  if (clipping.length > 1) {
    problems.push({ path: `training.${clipping[1]}`, severity: 'error', message: `Clip by one rule at a time, as Keras does: ${clipping.join(' and ')} are both set; set all but one to 0.` });
  }
  if (schedule.kind === 'reduceOnPlateau' && !validates) {
    problems.push({ path: 'training.schedule.kind', severity: 'error', message: 'Reduce on plateau watches the validation loss: set a validation split above 0, or pick another schedule.' });
  }
  if (schedule.kind === 'cyclical' && schedule.maxLearningRate <= training.learningRate) {
    problems.push({ path: 'training.schedule.maxLearningRate', severity: 'warning', message: `The cycle's highest rate (${schedule.maxLearningRate}) is not above the learning rate (${training.learningRate}), so the rate never rises.` });
  }
  if (training.rebalance !== 'none' && datasetInfo(spec.dataset.name).task === 'regression') {
    problems.push({ path: 'training.rebalance', severity: 'error', message: 'Class weights and oversampling need classes: set rebalancing to none for regression.' });
  }
}

export const hasErrors = (problems: SpecProblem[]) => problems.some((p) => p.severity === 'error');
