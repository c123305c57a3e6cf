// The link keys that say which part of a table (or own image set) an experiment reads: the file's name and row
// count (what a link to own data asks the person to load), the target, the feature columns, the task, and the
// classes and input width those give. Bundled tables write them too, so every table link reads the same way.
import type { DatasetKind } from '../../engine/model/field-paths';
import type { ExperimentSpec, OwnImagesDatasetSpec, TableDatasetSpec } from '../../engine/model/spec';
import type { SpecField } from './spec-field';
import { parseInRange } from './text';

/** Column and class names are joined with commas; a comma inside one is written %2C (escaped once more in the link). */
const joinNames = (names: string[]) => names.map((n) => n.replace(/%/g, '%25').replace(/,/g, '%2C')).join(',');
function splitNames(text: string): string[] | null {
  if (text === '') return [];
  try {
    return text.split(',').map((n) => decodeURIComponent(n));
  } catch {
    return null;
  }
}

const MAX_NAME = 200;
const nameReason = (n: string) => (n.trim() === '' ? 'an empty name' : n.length > MAX_NAME ? `a name over ${MAX_NAME} characters` : undefined);

type Own = TableDatasetSpec | OwnImagesDatasetSpec;
const own = (spec: ExperimentSpec) => spec.dataset as Own;
const table = (spec: ExperimentSpec) => spec.dataset as TableDatasetSpec;

function text(key: string, kinds: DatasetKind[], get: (spec: ExperimentSpec) => string, set: (spec: ExperimentSpec, v: string) => void): SpecField {
  return {
    key, kinds, encode: get,
    apply: (spec, value) => {
      const reason = nameReason(value);
      if (reason) return `not a column or file name (${reason})`;
      set(spec, value);
      return undefined;
    },
  };
}

function names(key: string, kinds: DatasetKind[], get: (spec: ExperimentSpec) => string[], set: (spec: ExperimentSpec, v: string[]) => void): SpecField {
  return {
    key, kinds, encode: (spec) => joinNames(get(spec)),
    apply: (spec, value) => {
      const list = splitNames(value);
      if (!list) return 'not a comma-separated list of names';
      const bad = list.map(nameReason).find(Boolean);
      if (bad) return `the list holds ${bad}`;
      if (new Set(list).size !== list.length) return 'a name is listed twice';
      set(spec, list);
      return undefined;
    },
  };
}

function whole(key: string, kinds: DatasetKind[], range: [number, number], get: (spec: ExperimentSpec) => number, set: (spec: ExperimentSpec, v: number) => void): SpecField {
  return {
    key, kinds, encode: (spec) => String(get(spec)),
    apply: (spec, value) => {
      const parsed = parseInRange(value, range, true);
      if ('reason' in parsed) return parsed.reason;
      set(spec, parsed.value);
      return undefined;
    },
  };
}

const OWN: DatasetKind[] = ['table', 'ownImages'];
const TABLE: DatasetKind[] = ['table'];

export const DATA_KEYS: readonly SpecField[] = [
  text('file', OWN, (s) => own(s).title, (s, v) => { own(s).title = v; }),
  whole('rows', OWN, [1, 10_000_000], (s) => own(s).rows, (s, v) => { own(s).rows = v; }),
  text('target', TABLE, (s) => table(s).target, (s, v) => { table(s).target = v; }),
  {
    key: 'task', kinds: TABLE, encode: (s) => table(s).task,
    apply: (s, v) => {
      if (v !== 'classification' && v !== 'regression') return 'not a task (classification or regression)';
      table(s).task = v;
      return undefined;
    },
  },
  names('features', TABLE, (s) => table(s).features, (s, v) => { table(s).features = v; }),
  whole('inputs', TABLE, [1, 100_000], (s) => table(s).inputSize, (s, v) => { table(s).inputSize = v; }),
  names('classes', OWN, (s) => own(s).classNames, (s, v) => { own(s).classNames = v; }),
];
