// Where decoding starts and how it ends: the preset a link is applied to, and the repair that makes the result
// pass validateSpec when its keys, each fine alone, do not fit together.
import { BUNDLED_TABLES, IMAGE_DATASETS, isBundledTable, isImageDataset, isOwnData, isPointsDataset, POINTS_DATASETS, type DatasetName } from '../../data/catalog';
import { DEFAULT_PRESET, findPreset, OWN_IMAGES_LAYERS, OWN_TABLE_LAYERS, presetSpec, PRESETS, type Preset } from '../../engine/model/presets';
import type { ExperimentSpec } from '../../engine/model/spec';
import { hasErrors, validateSpec } from '../../engine/model/validate';
import { fieldApplies, SPEC_FIELDS, specField } from './fields';
import { ignored } from './text';

export interface Base {
  /** The preset id, named in notices. */
  presetId: string;
  spec: ExperimentSpec;
}

export const isDatasetName = (text: string): text is DatasetName => isPointsDataset(text) || isImageDataset(text);
/** Own data's names are "own-" and letters or digits (newOwnName in data/own-store.ts writes them). */
const isOwnName = (text: string) => isOwnData(text) && /^own-[a-z0-9]{1,40}$/.test(text);

/** The start for a link to own data: a table (its link names a target) or an image set, with a model made for it. */
function ownStart(name: string, kind: 'table' | 'ownImages'): Start {
  const preset = findPreset(kind === 'table' ? 'penguins-mlp' : 'mnist-cnn')!;
  const spec = presetSpec(preset.id);
  if (kind === 'table') {
    spec.dataset = { ...(spec.dataset as Extract<ExperimentSpec['dataset'], { kind: 'table' }>), name };
    spec.model.layers = OWN_TABLE_LAYERS();
  } else {
    spec.dataset = {
      kind: 'ownImages', name, title: name, rows: 2, classNames: ['a', 'b'], imageSize: 'grey28', trainRatio: 0.8,
      imbalance: { minorityClass: 0, keep: 1 }, augmentation: { shift: 0, rotation: 0, noise: 0, flip: false },
    };
    spec.model.layers = OWN_IMAGES_LAYERS();
  }
  return { preset, spec };
}

type Start = { preset: Preset; spec: ExperimentSpec };
const fromPreset = (preset: Preset): Start => ({ preset, spec: structuredClone(preset.spec) });

/**
 * The preset made for a dataset: the first that uses it, else the first of the same kind and task (its data
 * renamed), so every dataset has a model that fits it.
 */
function presetFor(name: DatasetName | keyof typeof BUNDLED_TABLES): Start {
  const own = PRESETS.find((p) => p.spec.dataset.name === name);
  if (own) return fromPreset(own);
  const images = isImageDataset(name);
  const similar = PRESETS.find((p) => (p.spec.dataset.kind === 'images') === images && p.spec.dataset.name !== 'bumps')
    ?? DEFAULT_PRESET;
  const start = fromPreset(similar);
  start.spec.dataset.name = name;
  return start;
}

/**
 * The preset's spec with every field a link may leave out set to the format's value for it, so a missing key
 * means the same whatever the presets hold.
 */
function withOmittedValues({ preset, spec }: Start): Base {
  for (const field of SPEC_FIELDS) {
    if (field.omitted !== undefined && fieldApplies(field, spec)) field.apply(spec, field.omitted);
  }
  return { presetId: preset.id, spec };
}

/**
 * The base of a link: its `preset` if known, else the preset made for its `data`; `data` wins when both are
 * given and disagree, since the dataset is part of the experiment and the preset only a starting point.
 */
export function chooseBase(presetText: string | undefined, dataText: string | undefined, notices: string[], ownKind: 'table' | 'ownImages' = 'table'): Base {
  const named = presetText === undefined ? undefined : findPreset(presetText.trim());
  if (presetText !== undefined && !named) {
    const ids = PRESETS.map((p) => p.id).join(', ');
    notices.push(ignored('preset', presetText, `no such preset (one of ${ids})`, DEFAULT_PRESET.id));
  }
  const preset = named ?? DEFAULT_PRESET;
  if (dataText === undefined) return withOmittedValues(fromPreset(preset));
  const name = dataText.trim().toLowerCase();
  if (isOwnName(name)) return withOmittedValues(ownStart(name, ownKind));
  if (!isDatasetName(name) && !isBundledTable(name)) {
    const known = [...Object.keys(POINTS_DATASETS), ...Object.keys(IMAGE_DATASETS), ...Object.keys(BUNDLED_TABLES)];
    notices.push(ignored('data', dataText, `unknown dataset (one of ${known.join(', ')})`, preset.spec.dataset.name));
    return withOmittedValues(fromPreset(preset));
  }
  if (name === preset.spec.dataset.name) return withOmittedValues(fromPreset(preset));
  if (named) notices.push(ignored('preset', presetText!, `it is made for ${preset.spec.dataset.name}, not ${name}`));
  return withOmittedValues(presetFor(name));
}

/** Which link key to set back when validateSpec reports an error at a path (the first prefix that matches). */
const CULPRITS: [path: string, key: string][] = [
  ['model', 'layers'],
  ['dataset.augmentation.flip', 'flip'],
  ['dataset.imbalance.keep', 'keep'],
  ['dataset.imbalance.minorityClass', 'minority'],
  ['training.earlyStopping.enabled', 'stop'],
  ['training.earlyStopping.monitor', 'monitor'],
  ['training.rebalance', 'rebalance'],
];

/** validateSpec's sentence as a clause after a colon: "The output layer…" → "the output layer…" (not "MNIST…"). */
const asClause = (message: string) => (/^[A-Z](?![A-Z])/.test(message) ? message[0].toLowerCase() + message.slice(1) : message);

const culpritOf = (path: string) =>
  CULPRITS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];

/**
 * Makes the spec pass validateSpec by setting back, one error at a time, the key the error is about to the
 * base's value: the least change that removes the error, and one the notice can name. Should a problem have no
 * such key, the whole base is taken instead. `given` holds the link's text for each key, for the notices.
 */
export function repair(spec: ExperimentSpec, base: Base, given: Map<string, string>, notices: string[]): ExperimentSpec {
  for (let round = 0; round <= SPEC_FIELDS.length; round++) {
    const error = validateSpec(spec).find((p) => p.severity === 'error');
    if (!error) return spec;
    const field = specField(culpritOf(error.path) ?? '');
    const kept = field?.encode(base.spec);
    if (!field || kept === undefined || field.encode(spec) === kept) break;
    notices.push(ignored(field.key, given.get(field.key) ?? field.encode(spec), asClause(error.message), kept));
    field.apply(spec, kept);
  }
  const problem = validateSpec(spec).find((p) => p.severity === 'error');
  notices.push(`The link's settings do not fit together (${asClause(problem?.message ?? 'unknown problem').replace(/\.$/, '')}); ` +
    `opened the ${base.presetId} preset instead.`);
  return hasErrors(validateSpec(base.spec)) ? structuredClone(DEFAULT_PRESET.spec) : structuredClone(base.spec);
}
