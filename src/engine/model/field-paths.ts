// The field table (fields.ts) laid flat: every declared field of the spec with its dotted path, reader and
// writer, and the dataset kind it belongs to, in declaration order; and the same for one layer's settings.
// Validation, links, the stored-run check, the diff and the form walk these lists instead of naming fields.
import type { Field, FieldGroup, Fields } from './field-kinds';
import { IMAGES_FIELDS, LAYER_FIELDS, OWN_IMAGES_FIELDS, POINTS_FIELDS, TABLE_FIELDS, TRAINING_FIELDS } from './fields';
import type { ExperimentSpec, LayerSpec, LayerType } from './spec';

export type DatasetKind = ExperimentSpec['dataset']['kind'];
type Value = number | string | boolean;

export interface FieldEntry {
  field: Field;
  /** From the spec's root: 'training.schedule.kind', 'dataset.imbalance.keep'. */
  path: string;
  /** The dataset kinds it belongs to; none: every spec has it. */
  datasetKinds?: DatasetKind[];
  get: (spec: ExperimentSpec) => Value;
  set: (spec: ExperimentSpec, value: Value) => void;
}

export interface GroupEntry {
  group: FieldGroup;
  path: string;
  datasetKinds?: DatasetKind[];
  get: (spec: ExperimentSpec) => Record<string, Value>;
}

type Node = Record<string, unknown>;
const at = (root: unknown, keys: string[]) => keys.reduce<unknown>((node, key) => (node as Node)?.[key], root);

function walk(fields: Fields, keys: string[], datasetKinds: DatasetKind[] | undefined, out: (FieldEntry | GroupEntry)[]) {
  for (const [key, field] of Object.entries(fields)) {
    const path = [...keys, key];
    if (field.kind === 'group') {
      out.push({ group: field, path: path.join('.'), datasetKinds, get: (spec) => at(spec, path) as Record<string, Value> });
      walk(field.fields, path, datasetKinds, out);
    } else {
      out.push({
        field, path: path.join('.'), datasetKinds,
        get: (spec) => at(spec, path) as Value,
        set: (spec, value) => { (at(spec, path.slice(0, -1)) as Node)[key] = value; },
      });
    }
  }
}

const DATASET_FIELDS: Record<DatasetKind, Fields> = {
  points: POINTS_FIELDS, images: IMAGES_FIELDS, table: TABLE_FIELDS, ownImages: OWN_IMAGES_FIELDS,
};
const KINDS = Object.keys(DATASET_FIELDS) as DatasetKind[];

/**
 * Every dataset field once, by path, with the kinds that have it (a path every kind has, the imbalance, is for
 * all): a path shared by kinds is one field, so it is one link key and one form control.
 */
function datasetEntries(): (FieldEntry | GroupEntry)[] {
  const byPath = new Map<string, FieldEntry | GroupEntry>();
  for (const kind of KINDS) {
    const entries: (FieldEntry | GroupEntry)[] = [];
    walk(DATASET_FIELDS[kind], ['dataset'], [kind], entries);
    for (const entry of entries) {
      const known = byPath.get(entry.path);
      if (known) known.datasetKinds = [...known.datasetKinds!, kind];
      else byPath.set(entry.path, entry);
    }
  }
  const entries = [...byPath.values()];
  for (const entry of entries) if (entry.datasetKinds!.length === KINDS.length) entry.datasetKinds = undefined;
  return entries;
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
export const entryApplies = (entry: { datasetKinds?: DatasetKind[] }, spec: ExperimentSpec) =>
  !entry.datasetKinds || entry.datasetKinds.includes(spec.dataset.kind);

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
