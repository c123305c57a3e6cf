// Refuses a spec that cannot work, before anything is built, with messages that say what to change.
import { datasetSizes } from './dataset-sizes';
import { datasetInfo } from '../../data/catalog';
import { fieldProblem, layerProblems } from './field-check';
import { entryApplies, fieldActive, SPEC_ENTRIES } from './field-paths';
import { LIMITS, type ExperimentSpec, type OwnImagesDatasetSpec, type TableDatasetSpec } from './spec';
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
  const trainExamples = datasetSizes(dataset).train;
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
  if (datasetInfo(spec.dataset).task === 'regression' && imbalance.keep < 1) {
    problems.push({ path: 'dataset.imbalance.keep', severity: 'error', message: 'A regression set has no classes to unbalance: set the kept share back to 1.' });
  }
  if (spec.dataset.kind === 'table') checkTable(problems, spec.dataset);
  if (spec.dataset.kind === 'ownImages') checkOwnImages(problems, spec.dataset);
  if (spec.dataset.kind === 'images' && spec.dataset.augmentation.flip && spec.dataset.name === 'mnist') {
    problems.push({ path: 'dataset.augmentation.flip', severity: 'error', message: 'Mirroring changes what a digit means (a mirrored 2 is no 2): turn flips off for MNIST.' });
  }
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const wholeIn = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** A table's columns: what the file gave when they were chosen, checked for sense (the worker checks the file). */
function checkTable(problems: SpecProblem[], d: TableDatasetSpec) {
  const error = (path: string, message: string) => problems.push({ path: `dataset.${path}`, severity: 'error', message });
  if (!isText(d.name) || !isText(d.title)) error('name', 'The table has no name: load the file again in the Data panel.');
  if (!wholeIn(d.rows, 1, 10_000_000)) error('rows', `The table's row count must be a whole number from 1 (got ${d.rows}).`);
  if (!isText(d.target)) error('target', 'Choose the column to predict (the target).');
  if (!Array.isArray(d.features) || d.features.length === 0 || !d.features.every(isText)) {
    error('features', 'Choose at least one feature column: the model needs something to predict from.');
  } else if (d.features.includes(d.target)) {
    error('features', `${d.target} is the target, so it cannot also be a feature (the model would just copy it): untick it.`);
  }
  if (!wholeIn(d.inputSize, 1, 100_000)) error('inputSize', `The chosen features give ${d.inputSize} inputs: choose at least one feature column.`);
  if (d.task !== 'classification' && d.task !== 'regression') error('task', 'The task must be classification or regression.');
  else if (d.task === 'classification' && (!Array.isArray(d.classNames) || d.classNames.length < 2 || !d.classNames.every((c) => typeof c === 'string'))) {
    error('target', `${d.target} has fewer than two classes: a classifier needs at least two; choose another target.`);
  } else if (d.task === 'regression' && (!Array.isArray(d.classNames) || d.classNames.length > 0)) {
    error('task', 'A regression target has no classes.');
  }
}

function checkOwnImages(problems: SpecProblem[], d: OwnImagesDatasetSpec) {
  const error = (path: string, message: string) => problems.push({ path: `dataset.${path}`, severity: 'error', message });
  if (!isText(d.name) || !isText(d.title)) error('name', 'The image set has no name: load it again in the Data panel.');
  if (!wholeIn(d.rows, 2, 1_000_000)) error('rows', `The image count must be a whole number from 2 (got ${d.rows}).`);
  if (!Array.isArray(d.classNames) || d.classNames.length < 2 || !d.classNames.every(isText)) {
    error('classNames', 'An image set needs at least two classes (one folder per class).');
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
    if (earlyStopping.monitor === 'val_accuracy' && datasetInfo(spec.dataset).task === 'regression') {
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
  if (training.rebalance !== 'none' && datasetInfo(spec.dataset).task === 'regression') {
    problems.push({ path: 'training.rebalance', severity: 'error', message: 'Class weights and oversampling need classes: set rebalancing to none for regression.' });
  }
}

export const hasErrors = (problems: SpecProblem[]) => problems.some((p) => p.severity === 'error');
