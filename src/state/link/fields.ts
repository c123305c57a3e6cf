// Every spec field a link carries, in the order links write them: its key, how it is written, and how it is
// read back with the same ranges and options as validateSpec, all taken from the field table (fields.ts). The
// dataset name (`data`) is read first, apart, because it picks the preset the rest is applied to (base.ts).
import { valuesOf } from '../../engine/model/field-kinds';
import { DATASET_ENTRIES, isField, TRAINING_ENTRIES, type FieldEntry, type GroupEntry } from '../../engine/model/field-paths';
import type { ExperimentSpec } from '../../engine/model/spec';
import { DATA_KEYS } from './data-keys';
import type { SpecField } from './spec-field';
import { decodeLayers, encodeLayers } from './layers';
import { encodeFlag, parseChoice, parseFlag, parseInRange, type Parsed } from './text';

export type { SpecField };

/** A declared field as a link key: read with the declaration's range, options and own rule. */
function fromEntry(entry: FieldEntry, key: string): SpecField {
  const { field } = entry;
  const parse = (text: string, spec: ExperimentSpec): Parsed<number | string | boolean> => {
    const parsed = field.kind === 'number' ? parseInRange(text, field.range, field.whole)
      : field.kind === 'choice' ? parseChoice(text, valuesOf(field))
      : parseFlag(text);
    if ('reason' in parsed) return parsed;
    const clause = field.check?.(parsed.value as never, spec);
    return clause ? { reason: clause } : parsed;
  };
  return {
    key, kinds: entry.datasetKinds, omitted: field.omitted,
    encode: (spec) => {
      const value = entry.get(spec);
      return typeof value === 'boolean' ? encodeFlag(value) : String(value);
    },
    apply: (spec, text) => {
      const parsed = parse(text, spec);
      if ('reason' in parsed) return parsed.reason;
      entry.set(spec, parsed.value);
      return undefined;
    },
  };
}

const layers: SpecField = {
  key: 'layers',
  encode: (spec) => encodeLayers(spec.model.layers),
  apply: (spec, text) => {
    const parsed = decodeLayers(text);
    if ('reason' in parsed) return parsed.reason;
    spec.model.layers = parsed.value;
    return undefined;
  },
};

const linked = (entries: readonly (FieldEntry | GroupEntry)[]) =>
  entries.filter(isField).filter((e) => e.field.link !== undefined).map((e) => fromEntry(e, e.field.link!));

/** Every key in the order links write them: the dataset's settings, the layers, then training. */
export const SPEC_FIELDS: readonly SpecField[] = [...DATA_KEYS, ...linked(DATASET_ENTRIES), layers, ...linked(TRAINING_ENTRIES)];

export const specField = (key: string): SpecField | undefined => SPEC_FIELDS.find((f) => f.key === key);

/** Whether a field belongs in a link of this spec (its dataset kind matches). */
export const fieldApplies = (field: SpecField, spec: ExperimentSpec) => !field.kinds || field.kinds.includes(spec.dataset.kind);
