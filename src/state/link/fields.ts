// Every spec field a link carries, in the order links write them: its key, how it is written, and how it is
// read back with the same ranges as validateSpec (LIMITS). The dataset name (`data`) is read first, apart,
// because it picks the preset the rest is applied to (base.ts).
import { datasetInfo } from '../../data/catalog';
import { BACKEND_CHOICES, LIMITS, OPTIMIZERS, PRECISION_POLICIES, REBALANCE_OPTIONS, type ExperimentSpec,
  type ImageDatasetSpec, type PointsDatasetSpec } from '../../engine/model/spec';
import { decodeLayers, encodeLayers } from './layers';
import { encodeFlag, parseChoice, parseFlag, parseInRange, type Parsed } from './text';

export interface SpecField {
  key: string;
  /** Only for this kind of dataset: the key is refused on the other kind. */
  kind?: 'points' | 'images';
  /**
   * The value a link may leave out, written as text. Frozen as part of the v1 format rather than read from
   * TECHNIQUE_DEFAULTS or the presets, so a link keeps its meaning when a default changes. Fields without it
   * (the dataset's size and noise, the layers, the core training settings) are always written.
   */
  omitted?: string;
  encode: (spec: ExperimentSpec) => string;
  /** Writes the value into spec, or returns why it cannot and leaves spec as it was. */
  apply: (spec: ExperimentSpec, text: string) => string | undefined;
}

type Extra = Pick<SpecField, 'kind' | 'omitted'>;
/** Reads and writes one spec field. */
interface Access<T> {
  get: (spec: ExperimentSpec) => T;
  set: (spec: ExperimentSpec, value: T) => void;
}

function field<T>(key: string, parse: (text: string) => Parsed<T>, format: (value: T) => string, access: Access<T>,
  extra: Extra = {}): SpecField {
  return {
    key, ...extra,
    encode: (spec) => format(access.get(spec)),
    apply: (spec, text) => {
      const parsed = parse(text);
      if ('reason' in parsed) return parsed.reason;
      access.set(spec, parsed.value);
      return undefined;
    },
  };
}

const number = (key: string, limit: keyof typeof LIMITS, whole: boolean, access: Access<number>, extra?: Extra) =>
  field(key, (text) => parseInRange(text, LIMITS[limit], whole), String, access, extra);
const choice = <T extends string>(key: string, options: readonly T[], access: Access<T>, extra?: Extra) =>
  field(key, (text) => parseChoice(text, options), (value) => value, access, extra);
const flag = (key: string, access: Access<boolean>, extra?: Extra) => field(key, parseFlag, encodeFlag, access, extra);

/** Access to field `key` of the object `parent` picks out of a spec. */
const within = <P>(parent: (spec: ExperimentSpec) => P) => <K extends keyof P>(key: K): Access<P[K]> => ({
  get: (spec) => parent(spec)[key],
  set: (spec, value) => { parent(spec)[key] = value; },
});
// Callers check `kind` before get or set, so the dataset casts only ever see the matching kind.
const inPoints = within((s) => s.dataset as PointsDatasetSpec);
const inImages = within((s) => s.dataset as ImageDatasetSpec);
const inAugmentation = within((s) => (s.dataset as ImageDatasetSpec).augmentation);
const inImbalance = within((s) => s.dataset.imbalance);
const inModel = within((s) => s.model);
const inTraining = within((s) => s.training);
const inLossScaling = within((s) => s.training.lossScaling);
const inStopping = within((s) => s.training.earlyStopping);

const POINTS = { kind: 'points' } as const;
const IMAGES = { kind: 'images' } as const;
const MONITORS = ['val_loss', 'val_accuracy'] as const;

/** The minority class must be one of the dataset's classes; a regression set has none, so only 0. */
function parseMinority(spec: ExperimentSpec, text: string): Parsed<number> {
  const classes = datasetInfo(spec.dataset.name).classNames.length;
  const parsed = parseInRange(text, [0, Math.max(0, classes - 1)], true);
  if ('reason' in parsed && classes === 0 && 'value' in parseInRange(text, [1, Infinity], true)) {
    return { reason: `${spec.dataset.name} is a regression set and has no classes` };
  }
  return parsed;
}

const minority: SpecField = {
  key: 'minority',
  omitted: '0',
  encode: (spec) => String(spec.dataset.imbalance.minorityClass),
  apply: (spec, text) => {
    const parsed = parseMinority(spec, text);
    if ('reason' in parsed) return parsed.reason;
    spec.dataset.imbalance.minorityClass = parsed.value;
    return undefined;
  },
};

export const SPEC_FIELDS: readonly SpecField[] = [
  number('noise', 'noise', false, inPoints('noise'), POINTS),
  number('points', 'numPoints', true, inPoints('numPoints'), POINTS),
  number('ratio', 'trainRatio', false, inPoints('trainRatio'), POINTS),
  number('train', 'trainSize', true, inImages('trainSize'), IMAGES),
  number('test', 'testSize', true, inImages('testSize'), IMAGES),
  number('shift', 'shift', true, inAugmentation('shift'), { ...IMAGES, omitted: '0' }),
  number('rotate', 'rotation', false, inAugmentation('rotation'), { ...IMAGES, omitted: '0' }),
  number('augnoise', 'augmentNoise', false, inAugmentation('noise'), { ...IMAGES, omitted: '0' }),
  flag('flip', inAugmentation('flip'), { ...IMAGES, omitted: '0' }),
  minority,
  number('keep', 'imbalanceKeep', false, inImbalance('keep'), { omitted: '1' }),
  field('layers', decodeLayers, encodeLayers, inModel('layers')),
  choice('opt', OPTIMIZERS, inTraining('optimizer')),
  number('lr', 'learningRate', false, inTraining('learningRate')),
  number('batch', 'batchSize', true, inTraining('batchSize')),
  number('epochs', 'epochs', true, inTraining('epochs')),
  number('val', 'validationSplit', false, inTraining('validationSplit')),
  number('seed', 'seed', true, inTraining('seed')),
  choice('backend', BACKEND_CHOICES, inTraining('backend'), { omitted: 'auto' }),
  choice('precision', PRECISION_POLICIES, inTraining('precision'), { omitted: 'float32' }),
  number('scale', 'initialScale', false, inLossScaling('initialScale'), { omitted: '32768' }),
  number('growth', 'growthInterval', true, inLossScaling('growthInterval'), { omitted: '2000' }),
  flag('stop', inStopping('enabled'), { omitted: '0' }),
  choice('monitor', MONITORS, inStopping('monitor'), { omitted: 'val_loss' }),
  number('patience', 'patience', true, inStopping('patience'), { omitted: '3' }),
  flag('restore', inStopping('restoreBestWeights'), { omitted: '1' }),
  choice('rebalance', REBALANCE_OPTIONS, inTraining('rebalance'), { omitted: 'none' }),
  number('folds', 'folds', true, inTraining('folds'), { omitted: '1' }),
];

export const specField = (key: string): SpecField | undefined => SPEC_FIELDS.find((f) => f.key === key);

/** Whether a field belongs in a link of this spec (its dataset kind matches). */
export const fieldApplies = (field: SpecField, spec: ExperimentSpec) => !field.kind || field.kind === spec.dataset.kind;
