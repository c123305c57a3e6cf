// The shape a kept run must have, checked field by field before an imported run is trusted: a small
// declarative schema, then validateSpec for the ranges and combinations a spec must respect to be trained again.
import { IMAGE_DATASETS, POINTS_DATASETS } from '../data/catalog';
import { valuesOf, type Fields } from '../engine/model/field-kinds';
import { IMAGES_FIELDS, LAYER_FIELDS, OWN_IMAGES_FIELDS, POINTS_FIELDS, TABLE_FIELDS, TRAINING_FIELDS } from '../engine/model/fields';
import { BACKEND_CHOICES, SPEC_VERSION, type ExperimentSpec } from '../engine/model/spec';
import { upgradeSpec } from '../engine/model/spec-migrations';
import { validateSpec } from '../engine/model/validate';

/** 'crashed': the training worker died mid-run; the curves are those it had reported. */
export type RunStatus = 'finished' | 'stopped' | 'diverged' | 'crashed';
export const RUN_STATUSES: readonly RunStatus[] = ['finished', 'stopped', 'diverged', 'crashed'];
export type PairRole = 'baseline' | 'variant';

/** A primitive kind, an enumeration (the allowed strings), a list ({ '[]': item }) or an object of fields
 *  ("name?" marks an optional one; fields not named are allowed and kept). */
type Schema = Kind | readonly string[] | { readonly [field: string]: Schema };
type Kind = 'string' | 'number' | 'boolean' | 'number|null' | 'string|null' | 'number[]' | 'string[]' | 'number[][]' | 'points';

class FieldProblem extends Error {}

function got(value: unknown): string {
  if (value === undefined) return 'it is missing';
  const text = JSON.stringify(value) ?? String(value);
  return `got ${text.length > 40 ? text.slice(0, 37) + '…' : text}`;
}

function expect(ok: boolean, path: string, wanted: string, value: unknown): void {
  if (!ok) throw new FieldProblem(`${path} must be ${wanted} (${got(value)}).`);
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

function checkKind(value: unknown, kind: Kind, path: string): void {
  switch (kind) {
    case 'string': case 'number': case 'boolean':
      return expect(typeof value === kind, path, `a ${kind}`, value);
    case 'number|null': return expect(value === null || typeof value === 'number', path, 'a number or null', value);
    case 'string|null': return expect(value === null || typeof value === 'string', path, 'text or null', value);
    case 'number[]': return expect(isNumberArray(value), path, 'a list of numbers', value);
    case 'string[]': return expect(Array.isArray(value) && value.every((x) => typeof x === 'string'), path, 'a list of strings', value);
    case 'number[][]': return expect(Array.isArray(value) && value.every(isNumberArray), path, 'a list of lists of numbers', value);
    case 'points': {
      expect(Array.isArray(value), path, 'a list of {x, y} points', value);
      // Thousands of points: one pass, and the first bad one named.
      (value as unknown[]).forEach((p, i) => {
        expect(isObject(p), `${path}.${i}`, 'an {x, y} point', p);
        const { x, y } = p as Record<string, unknown>;
        expect(typeof x === 'number' && Number.isFinite(x), `${path}.${i}.x`, 'a finite number (epochs)', x);
        expect(typeof y === 'number', `${path}.${i}.y`, 'a number', y);
      });
    }
  }
}

function check(value: unknown, schema: Schema, path: string): void {
  if (typeof schema === 'string') return checkKind(value, schema as Kind, path);
  if (Array.isArray(schema)) return expect(schema.includes(value as string), path, `one of ${schema.join(', ')}`, value);
  const item = (schema as Record<string, Schema>)['[]'];
  if (item !== undefined) {
    expect(Array.isArray(value), path, 'a list', value);
    return (value as unknown[]).forEach((element, i) => check(element, item, `${path}.${i}`));
  }
  expect(isObject(value), path || 'the run', 'an object', value);
  for (const [key, fieldSchema] of Object.entries(schema as Record<string, Schema>)) {
    const optional = key.endsWith('?');
    const field = optional ? key.slice(0, -1) : key;
    const fieldValue = (value as Record<string, unknown>)[field];
    if (optional && fieldValue === undefined) continue;
    check(fieldValue, fieldSchema, path ? `${path}.${field}` : field);
  }
}

/** The shape the field table (fields.ts) declares: numbers, flags, the options of each choice, nested groups. */
function schemaOf(fields: Fields): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [key, field] of Object.entries(fields)) {
    out[key] = field.kind === 'group' ? schemaOf(field.fields)
      : field.kind === 'choice' ? valuesOf(field)
      : field.kind === 'flag' ? 'boolean' : 'number';
  }
  return out;
}

const DATASET_BY_KIND: Record<string, Schema> = {
  points: { name: Object.keys(POINTS_DATASETS), ...schemaOf(POINTS_FIELDS) },
  images: { name: Object.keys(IMAGE_DATASETS), ...schemaOf(IMAGES_FIELDS) },
  // a table or own image set names its file and columns; validateSpec checks what they say
  table: {
    name: 'string', title: 'string', rows: 'number', target: 'string', features: 'string[]', task: ['classification', 'regression'],
    classNames: 'string[]', inputSize: 'number', ...schemaOf(TABLE_FIELDS),
  },
  ownImages: { name: 'string', title: 'string', rows: 'number', classNames: 'string[]', ...schemaOf(OWN_IMAGES_FIELDS) },
};
const LAYER_BY_TYPE: Record<string, Schema> = Object.fromEntries(
  Object.entries(LAYER_FIELDS).map(([type, fields]) => [type, schemaOf(fields as Fields)]));
const TRAINING: Schema = schemaOf(TRAINING_FIELDS);

/** Throws a FieldProblem at the first field of `spec` that is missing, of the wrong kind, or out of range. */
function checkSpec(stored: unknown, path: string): void {
  const spec = upgradeSpec(stored);
  expect(isObject(spec), path, 'an experiment spec object', spec);
  const s = spec as Record<string, unknown>;
  expect(s.version === SPEC_VERSION, `${path}.version`, `1 or ${SPEC_VERSION}`, s.version);
  check(s.dataset, { kind: Object.keys(DATASET_BY_KIND) }, `${path}.dataset`);
  check(s.dataset, DATASET_BY_KIND[(s.dataset as { kind: string }).kind], `${path}.dataset`);
  check(s.model, { layers: { '[]': { type: Object.keys(LAYER_BY_TYPE) } } }, `${path}.model`);
  ((s.model as { layers: { type: string }[] }).layers).forEach((layer, i) => check(layer, LAYER_BY_TYPE[layer.type], `${path}.model.layers.${i}`));
  check(s.training, TRAINING, `${path}.training`);
  // The shape is right, so validateSpec can read every field; its errors say what a person would change.
  const error = validateSpec(spec as ExperimentSpec).find((p) => p.severity === 'error');
  if (error) throw new FieldProblem(`its spec cannot be trained (${path}.${error.path}): ${error.message}`);
}

const AVERAGED = { precision: 'number', recall: 'number', f1: 'number' } as const;
const EVALUATION_BY_TASK: Record<string, Schema> = {
  classification: {
    classNames: 'string[]',
    report: {
      count: 'number', numClasses: 'number', accuracy: 'number', confusionMatrix: 'number[][]',
      perClass: { precision: 'number[]', recall: 'number[]', f1: 'number[]', support: 'number[]' },
      macroAverage: AVERAGED, weightedAverage: AVERAGED,
      'roc?': { fpr: 'number[]', tpr: 'number[]', thresholds: 'number[]', auc: 'number|null', undefinedReason: 'string|null' },
    },
  },
  regression: { report: { count: 'number', mse: 'number', mae: 'number', r2: 'number|null', r2UndefinedReason: 'string|null' } },
};
const BACKEND_NAMES = BACKEND_CHOICES.filter((c) => c !== 'auto');
const BACKEND: Schema = {
  requested: BACKEND_CHOICES, active: BACKEND_NAMES, 'fallbackReason?': 'string',
  'measured?': { '[]': { name: BACKEND_NAMES, examplesPerSecond: 'number', steps: 'number' } },
  statuses: { '[]': { name: BACKEND_NAMES, available: 'boolean', detail: 'string', software: 'boolean' } },
};
const ROLES: readonly PairRole[] = ['baseline', 'variant'];
const RECORD: Schema = {
  id: 'string', name: 'string', createdAt: 'string', status: RUN_STATUSES, durationMs: 'number', epochsTrained: 'number',
  notes: 'string', 'pairId?': 'string', 'pairRole?': ROLES,
  curves: { trainLoss: 'points', trainAccuracy: 'points', validationLoss: 'points', validationAccuracy: 'points', series: {} },
};

/** Why `run` is not a valid RunRecord, naming the first bad field; null when it is one. */
export function recordProblem(run: unknown): string | null {
  try {
    check(run, RECORD, '');
    const r = run as Record<string, unknown> & { curves: { series: Record<string, unknown> } };
    expect((r.id as string).length > 0, 'id', 'a non-empty string', r.id);
    expect((r.name as string).trim().length > 0, 'name', 'a non-empty name', r.name);
    expect(Number.isFinite(Date.parse(r.createdAt as string)), 'createdAt', 'an ISO date such as 2025-01-31T12:00:00Z', r.createdAt);
    for (const field of ['durationMs', 'epochsTrained'] as const) {
      expect(Number.isFinite(r[field]) && (r[field] as number) >= 0, field, 'a finite number, 0 or more', r[field]);
    }
    for (const [name, points] of Object.entries(r.curves.series)) check(points, 'points', `curves.series.${name}`);
    checkSpec(r.spec, 'spec');
    expect(r.evaluation === null || isObject(r.evaluation), 'evaluation', 'an object, or null without one', r.evaluation);
    expect(r.backend === null || isObject(r.backend), 'backend', 'an object, or null without one', r.backend);
    if (r.evaluation !== null) {
      check(r.evaluation, { task: Object.keys(EVALUATION_BY_TASK) }, 'evaluation');
      check(r.evaluation, EVALUATION_BY_TASK[(r.evaluation as { task: string }).task], 'evaluation');
    }
    if (r.backend !== null) check(r.backend, BACKEND, 'backend');
    return null;
  } catch (e) {
    if (e instanceof FieldProblem) return e.message;
    throw e;
  }
}
