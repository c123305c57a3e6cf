// The field table (fields.ts) laid flat: every declared field of the spec with its dotted path, reader and
// writer, and the dataset kind it belongs to, in declaration order; and the same for one layer's settings.
// Validation, links, the stored-run check, the diff and the form walk these lists instead of naming fields.
import type { Field, FieldGroup, Fields } from './field-kinds';
import { IMAGES_FIELDS, LAYER_FIELDS, POINTS_FIELDS, TRAINING_FIELDS } from './fields';
import type { ExperimentSpec, LayerSpec, LayerType } from './spec';

export type DatasetKind = ExperimentSpec['dataset']['kind'];
type Value = number | string | boolean;

export interface FieldEntry {
  field: Field;
  /** From the spec's root: 'training.schedule.kind', 'dataset.imbalance.keep'. */
  path: string;
  /** The dataset kind it belongs to; none: every spec has it. */
  datasetKind?: DatasetKind;
  get: (spec: ExperimentSpec) => Value;
  set: (spec: ExperimentSpec, value: Value) => void;
}

export interface GroupEntry {
  group: FieldGroup;
  path: string;
  datasetKind?: DatasetKind;
  get: (spec: ExperimentSpec) => Record<string, Value>;
}

type Node = Record<string, unknown>;
const at = (root: unknown, keys: string[]) => keys.reduce<unknown>((node, key) => (node as Node)?.[key], root);

function walk(fields: Fields, keys: string[], datasetKind: DatasetKind | undefined, out: (FieldEntry | GroupEntry)[]) {
  for (const [key, field] of Object.entries(fields)) {
    const path = [...keys, key];
    if (field.kind === 'group') {
      out.push({ group: field, path: path.join('.'), datasetKind, get: (spec) => at(spec, path) as Record<string, Value> });
      walk(field.fields, path, datasetKind, out);
    } else {
      out.push({
        field, path: path.join('.'), datasetKind,
        get: (spec) => at(spec, path) as Value,
        set: (spec, value) => { (at(spec, path.slice(0, -1)) as Node)[key] = value; },
      });
    }
  }
}

/** A path both dataset kinds have (the imbalance) is listed once, for either kind. */
function datasetEntries(): (FieldEntry | GroupEntry)[] {
  const points: (FieldEntry | GroupEntry)[] = [];
  const images: (FieldEntry | GroupEntry)[] = [];
  walk(POINTS_FIELDS, ['dataset'], 'points', points);
  walk(IMAGES_FIELDS, ['dataset'], 'images', images);
  const shared = new Set(points.map((e) => e.path).filter((p) => images.some((e) => e.path === p)));
  return [
    ...points.map((e) => (shared.has(e.path) ? { ...e, datasetKind: undefined } : e)),
    ...images.filter((e) => !shared.has(e.path)),
  ];
}

function trainingEntries(): (FieldEntry | GroupEntry)[] {
  const out: (FieldEntry | GroupEntry)[] = [];
  walk(TRAINING_FIELDS, ['training'], undefined, out);
  return out;
}

const isField = (e: FieldEntry | GroupEntry): e is FieldEntry => 'field' in e;
const isGroup = (e: FieldEntry | GroupEntry): e is GroupEntry => 'group' in e;

export const DATASET_ENTRIES = datasetEntries();
export const TRAINING_ENTRIES = trainingEntries();
/** Every field outside the layers, dataset first: the order of links and of "what changed". */
export const SPEC_ENTRIES: readonly FieldEntry[] = [...DATASET_ENTRIES, ...TRAINING_ENTRIES].filter(isField);
export { isField, isGroup };

/** Whether the entry belongs to this spec's kind of dataset. */
export const entryApplies = (entry: { datasetKind?: DatasetKind }, spec: ExperimentSpec) =>
  !entry.datasetKind || entry.datasetKind === spec.dataset.kind;

/** Whether the field matters in this spec (and layer): it applies and its `active` rule, if any, says yes. */
export const fieldActive = (field: Field, spec: ExperimentSpec, layer?: LayerSpec) => field.active?.(spec, layer) ?? true;

export const entryAt = (path: string): FieldEntry | undefined => SPEC_ENTRIES.find((e) => e.path === path);

/** The settings of one layer type as [key, field] pairs, in the table's order. */
export const layerFields = (type: LayerType): [string, Field][] => Object.entries(LAYER_FIELDS[type]) as [string, Field][];

/** The field of a layer type by key, if it has one. */
export const layerField = (type: LayerType, key: string): Field | undefined =>
  (LAYER_FIELDS[type] as Record<string, Field>)[key];

/** Every declaration once, layer settings included (shared ones, such as activation, appear once). */
export function declaredFields(): Field[] {
  const out = new Set<Field>();
  const walkFields = (fields: Fields) => Object.values(fields).forEach((f) => (f.kind === 'group' ? walkFields(f.fields) : out.add(f)));
  [POINTS_FIELDS, IMAGES_FIELDS, TRAINING_FIELDS, ...Object.values(LAYER_FIELDS)].forEach((g) => walkFields(g as Fields));
  return [...out];
}
