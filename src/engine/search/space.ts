// What a hyperparameter search may vary, and how each value is written into a spec. Every searchable setting
// names the field declaration it comes from (fields.ts), so its limits, label and whole-number rule are the
// ones the form and validation use; a search range outside them is refused with the field's own words.
// No tfjs: state and ui check a search space without a round trip to the worker.
import type { ChoiceField, Field, NumberField } from '../model/field-kinds';
import { entryAt } from '../model/field-paths';
import { LAYER_FIELDS, TRAINING_FIELDS } from '../model/fields';
import type { DenseLayer, ExperimentSpec, LayerSpec } from '../model/spec';
import { LIMITS } from '../model/spec';

export type ParamId = 'learningRate' | 'batchSize' | 'dropout' | 'l2' | 'units' | 'hiddenLayers' | 'optimizer';
export type ParamValue = number | string;

/** The number of hidden dense layers has no field of its own (it is the length of a list): declared here. */
const HIDDEN_LAYERS: NumberField = {
  kind: 'number', id: 'hiddenLayers', label: 'Hidden layers', default: 2, range: [1, 8], whole: true, step: 1,
  help: 'How many hidden dense layers the model has; each copies the last one’s settings.',
};

export interface SearchParam {
  id: ParamId;
  /** The declaration whose range, label and whole-number rule the search obeys. */
  field: Field;
  /** How the search names it, where the field's own label needs its layer to make sense ('rate'). */
  label?: string;
  /** Where the value lands, in words: what the page shows beside the control. */
  where: string;
  /** A log range suits it by default (rates and penalties span decades). */
  logByDefault: boolean;
  /** Writes the value into the spec (a deep copy the caller owns). */
  apply(spec: ExperimentSpec, value: ParamValue): void;
}

const denseLayers = (spec: ExperimentSpec) => spec.model.layers.filter((l): l is DenseLayer => l.type === 'dense');
const setPath = (path: string) => (spec: ExperimentSpec, value: ParamValue) => entryAt(path)!.set(spec, value);

/** Every dropout layer's rate; a model without one gets one after its last dense layer. */
function applyDropout(spec: ExperimentSpec, value: ParamValue) {
  const layers = spec.model.layers;
  if (!layers.some((l) => l.type === 'dropout')) {
    const last = layers.map((l) => l.type).lastIndexOf('dense');
    layers.splice(last + 1, 0, { type: 'dropout', rate: 0 });
  }
  for (const layer of layers) if (layer.type === 'dropout') layer.rate = Number(value);
}

/** Keeps the first `count` dense layers (each with what follows it up to the next dense), or repeats the last. */
function applyHiddenLayers(spec: ExperimentSpec, value: ParamValue) {
  const count = Number(value);
  const layers = spec.model.layers;
  const starts = layers.flatMap((l, i) => (l.type === 'dense' ? [i] : []));
  if (starts.length === 0) throw new Error('The model has no dense layer to repeat: add one before searching over hidden layers.');
  if (count < starts.length) {
    layers.splice(starts[count]);
    return;
  }
  // the last dense layer and what follows it (dropout, batch norm) form the block that is repeated
  const block: LayerSpec[] = layers.slice(starts[starts.length - 1]);
  for (let i = starts.length; i < count; i++) layers.push(...structuredClone(block));
}

export const SEARCH_PARAMS: Record<ParamId, SearchParam> = {
  learningRate: { id: 'learningRate', field: TRAINING_FIELDS.learningRate, where: 'training', logByDefault: true, apply: setPath('training.learningRate') },
  batchSize: { id: 'batchSize', field: TRAINING_FIELDS.batchSize, where: 'training', logByDefault: true, apply: setPath('training.batchSize') },
  optimizer: { id: 'optimizer', field: TRAINING_FIELDS.optimizer, where: 'training', logByDefault: false, apply: setPath('training.optimizer') },
  dropout: { id: 'dropout', field: LAYER_FIELDS.dropout.rate, label: 'Dropout rate', where: 'every dropout layer', logByDefault: false, apply: applyDropout },
  l2: {
    id: 'l2', field: LAYER_FIELDS.dense.l2, where: 'every dense layer', logByDefault: true,
    apply: (spec, v) => denseLayers(spec).forEach((l) => { l.l2 = Number(v); }),
  },
  units: {
    id: 'units', field: LAYER_FIELDS.dense.units, label: 'Units', where: 'every dense layer', logByDefault: true,
    apply: (spec, v) => denseLayers(spec).forEach((l) => { l.units = Number(v); }),
  },
  hiddenLayers: { id: 'hiddenLayers', field: { ...HIDDEN_LAYERS, range: [1, Math.min(8, LIMITS.layers[1])] }, where: 'model', logByDefault: false, apply: applyHiddenLayers },
};
export const PARAM_IDS = Object.keys(SEARCH_PARAMS) as ParamId[];

/** A numeric range (log: sampled uniformly in log space) or a list of values to choose from. */
export type Dimension =
  | { param: ParamId; kind: 'range'; min: number; max: number; log: boolean }
  | { param: ParamId; kind: 'values'; values: ParamValue[] };

export const paramLabel = (id: ParamId) => SEARCH_PARAMS[id].label ?? SEARCH_PARAMS[id].field.label;

/** The value a spec has now for a parameter: what the baseline trial uses. */
export function currentValue(spec: ExperimentSpec, id: ParamId): ParamValue | undefined {
  switch (id) {
    case 'learningRate': return spec.training.learningRate;
    case 'batchSize': return spec.training.batchSize;
    case 'optimizer': return spec.training.optimizer;
    case 'dropout': return spec.model.layers.find((l) => l.type === 'dropout')?.rate ?? 0;
    case 'l2': return denseLayers(spec)[0]?.l2;
    case 'units': return denseLayers(spec)[0]?.units;
    case 'hiddenLayers': return denseLayers(spec).length;
  }
}

/** A default dimension for a parameter, around the spec's value, inside its field's range. */
export function defaultDimension(id: ParamId, spec: ExperimentSpec): Dimension {
  const { field } = SEARCH_PARAMS[id];
  if (field.kind !== 'number') return { param: id, kind: 'values', values: (field as ChoiceField).options.map((o) => o.value) };
  const [lo, hi] = field.range;
  const now = Number(currentValue(spec, id) ?? field.default);
  const ranges: Partial<Record<ParamId, [number, number]>> = {
    learningRate: [1e-4, 0.1], batchSize: [16, 256], dropout: [0, 0.5], l2: [1e-5, 1e-2], units: [8, 256], hiddenLayers: [1, 4],
  };
  const [min, max] = ranges[id] ?? [Math.max(lo, now / 10), Math.min(hi, now * 10)];
  return { param: id, kind: 'range', min, max, log: SEARCH_PARAMS[id].logByDefault && min > 0 };
}

/** Why a dimension cannot be searched, as sentences naming the field and the fix; empty when it can. */
export function dimensionProblems(d: Dimension): string[] {
  const param = SEARCH_PARAMS[d.param];
  if (!param) return [`"${d.param}" is not a searchable setting; choose one of ${PARAM_IDS.join(', ')}.`];
  const { field } = param;
  const label = paramLabel(d.param);
  if (d.kind === 'values') {
    if (d.values.length === 0) return [`${label}: give at least one value to try.`];
    if (field.kind === 'choice') {
      const bad = d.values.filter((v) => !field.options.some((o) => o.value === v));
      return bad.length ? [`${label}: ${bad.join(', ')} is not one of ${field.options.map((o) => o.value).join(', ')}.`] : [];
    }
    return d.values.flatMap((v) => numberProblem(field as NumberField, Number(v), label));
  }
  if (field.kind !== 'number') return [`${label} is a choice: list the options to try instead of a range.`];
  const problems = [...numberProblem(field, d.min, `${label} lowest`), ...numberProblem(field, d.max, `${label} highest`)];
  if (d.min > d.max) problems.push(`${label}: the lowest value ${d.min} is above the highest ${d.max}; swap them.`);
  if (d.log && d.min <= 0) problems.push(`${label}: a log range needs a lowest value above 0 (got ${d.min}); raise it or use a linear range.`);
  return problems;
}

function numberProblem(field: NumberField, value: number, what: string): string[] {
  const [min, max] = field.range;
  if (!Number.isFinite(value) || value < min || value > max) return [`${what} must be from ${min} to ${max} (got ${value}).`];
  if (field.whole && !Number.isInteger(value)) return [`${what} must be a whole number (got ${value}).`];
  return [];
}

/** The value a number field can hold nearest to `x`: rounded when whole, kept inside the range. */
export function fitToField(id: ParamId, x: number): number {
  const field = SEARCH_PARAMS[id].field as NumberField;
  const [min, max] = field.range;
  const inRange = Math.min(max, Math.max(min, x));
  return field.whole ? Math.round(inRange) : Number(inRange.toPrecision(4));
}

/** The spec a trial trains: a deep copy of the base with each chosen value written in. */
export function applyParams(base: ExperimentSpec, params: Partial<Record<ParamId, ParamValue>>): ExperimentSpec {
  const spec = structuredClone(base);
  // layer count first, so units, L2 and dropout reach the layers it adds
  const order = [...PARAM_IDS].sort((a, b) => Number(b === 'hiddenLayers') - Number(a === 'hiddenLayers'));
  for (const id of order) if (params[id] !== undefined) SEARCH_PARAMS[id].apply(spec, params[id]!);
  return spec;
}
