// Seeded random valid link states for the round-trip and fuzz tests: any dataset, MLP and CNN layer stacks,
// every training field, lessons with awkward text. Specs are drawn until one passes validateSpec.
import { datasetInfo, IMAGE_DATASETS, POINTS_DATASETS, type DatasetName, type DatasetRef } from '../../../src/data/catalog';
import type { Random } from '../../../src/data/random';
import type { Field } from '../../../src/engine/model/field-kinds';
import { TRAINING_FIELDS } from '../../../src/engine/model/fields';
import { ACTIVATIONS, BACKEND_CHOICES, KERNEL_INITIALIZERS, LIMITS, OPTIMIZERS, PRECISION_POLICIES, REBALANCE_OPTIONS, SPEC_VERSION, TECHNIQUE_DEFAULTS,
  type DatasetSpec, type ExperimentSpec, type LayerSpec, type TrainingSpec } from '../../../src/engine/model/spec';
import { hasErrors, validateSpec } from '../../../src/engine/model/validate';
import { CONTROL_IDS, VIEWS, type Lesson, type LinkState } from '../../../src/state/link/types';

const pick = <T>(random: Random, items: readonly T[]): T => items[random.int(items.length)];
const chance = (random: Random, p: number) => random.next() < p;
const wholeIn = (random: Random, min: number, max: number) => min + random.int(max - min + 1);

/** A real in the range: half the time a tidy value (2 decimals), else a full double, to test exact digits. */
function realIn(random: Random, [min, max]: readonly [number, number]): number {
  const x = random.uniform(min, max);
  const tidy = Math.round(x * 100) / 100;
  return chance(random, 0.5) && tidy >= min && tidy <= max ? tidy : x;
}

const regularizer = (random: Random) => (chance(random, 0.7) ? 0 : realIn(random, [0, 0.1]));

/** Any value the declaration allows (numbers drawn log-uniformly when the range spans decades). */
function fieldValue(random: Random, field: Field): number | string | boolean {
  if (field.kind === 'choice') return pick(random, field.options).value;
  if (field.kind === 'flag') return chance(random, 0.5);
  const [min, max] = field.range;
  if (field.whole) return wholeIn(random, min, Math.min(max, min + 1000));
  return min > 0 && max / min > 1000 ? 10 ** random.uniform(Math.log10(min), Math.log10(max)) : realIn(random, field.range);
}

/** The initializer of a dense or conv2d layer: mostly the default, else any of Keras's, with any σ. */
const initializer = (random: Random) => ({
  kernelInitializer: chance(random, 0.6) ? 'glorotUniform' as const : pick(random, KERNEL_INITIALIZERS),
  initStddev: chance(random, 0.7) ? 0.05 : realIn(random, [0.001, 2]),
});

/** A schedule of any kind with any settings, or (half the time) the constant rate with the defaults. */
function randomSchedule(random: Random): TrainingSpec['schedule'] {
  const fields = TRAINING_FIELDS.schedule.fields;
  if (chance(random, 0.5)) return { ...TECHNIQUE_DEFAULTS.schedule };
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) out[key] = fieldValue(random, field);
  return out as TrainingSpec['schedule'];
}
/** No clipping, or one of Keras's three rules (Keras takes one at a time). */
function clipping(random: Random): Pick<TrainingSpec, 'clipnorm' | 'clipvalue' | 'globalClipnorm'> {
  const off = { clipnorm: 0, clipvalue: 0, globalClipnorm: 0 };
  return chance(random, 0.6) ? off : { ...off, [pick(random, ['clipnorm', 'clipvalue', 'globalClipnorm'] as const)]: realIn(random, [0.01, 10]) };
}

function denseLayer(random: Random): LayerSpec {
  return { type: 'dense', units: wholeIn(random, 1, 256), activation: pick(random, ACTIVATIONS), ...initializer(random), l1: regularizer(random), l2: regularizer(random) };
}

/** Dense layers with dropout and batch norm between them. */
function mlpLayers(random: Random, count: number): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < count; i++) {
    layers.push(denseLayer(random));
    if (chance(random, 0.2)) layers.push({ type: 'dropout', rate: realIn(random, LIMITS.dropout) });
    if (chance(random, 0.1)) layers.push({ type: 'batchNormalization' });
  }
  return layers;
}

function cnnLayers(random: Random): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let block = wholeIn(random, 1, 3); block > 0; block--) {
    layers.push({
      type: 'conv2d', filters: wholeIn(random, 1, 32), kernelSize: wholeIn(random, 1, 5), strides: wholeIn(random, 1, 2),
      padding: pick(random, ['valid', 'same'] as const), activation: pick(random, ACTIVATIONS), ...initializer(random),
      l1: regularizer(random), l2: regularizer(random),
    });
    if (chance(random, 0.3)) layers.push({ type: 'batchNormalization' });
    if (chance(random, 0.6)) {
      const poolSize = wholeIn(random, 1, 3);
      layers.push({ type: pick(random, ['maxPooling2d', 'averagePooling2d'] as const), poolSize, strides: wholeIn(random, 1, poolSize) });
    }
  }
  return [...layers, { type: 'flatten' }, ...mlpLayers(random, wholeIn(random, 0, 2))];
}

/** A table with awkward column names, so links must escape them; its own data need not exist to link to it. */
function randomTable(random: Random): DatasetSpec {
  const regression = chance(random, 0.3);
  const columns = Array.from({ length: wholeIn(random, 1, 6) }, (_, i) => `${awkwardText(random, 12).trim() || 'c'}${i}`);
  const classNames = regression ? [] : Array.from({ length: wholeIn(random, 2, 5) }, (_, i) => `${awkwardText(random, 8)}${i}`);
  const imbalance = regression || chance(random, 0.5) ? { ...TECHNIQUE_DEFAULTS.imbalance }
    : { minorityClass: random.int(classNames.length), keep: realIn(random, LIMITS.imbalanceKeep) };
  return {
    kind: 'table', name: chance(random, 0.5) ? 'penguins' : `own-${random.int(1e9).toString(36)}`, title: `${awkwardText(random, 20)}.csv`,
    rows: wholeIn(random, 20, 100_000), target: `target ${awkwardText(random, 6)}`, features: columns,
    task: regression ? 'regression' : 'classification', classNames, inputSize: wholeIn(random, columns.length, 200),
    trainRatio: realIn(random, LIMITS.trainRatio), missing: pick(random, ['drop', 'mean', 'median', 'mostFrequent'] as const),
    clipOutliers: chance(random, 0.5), imbalance,
  };
}

function randomDataset(random: Random, name: DatasetName): DatasetSpec {
  const info = datasetInfo(datasetRef(name));
  const classes = info.classNames.length;
  const imbalance = chance(random, 0.5) || classes === 0
    ? { ...TECHNIQUE_DEFAULTS.imbalance }
    : { minorityClass: random.int(classes), keep: realIn(random, LIMITS.imbalanceKeep) };
  if (name in POINTS_DATASETS) {
    return { kind: 'points', name: name as keyof typeof POINTS_DATASETS, noise: realIn(random, LIMITS.noise),
      numPoints: wholeIn(random, 20, 5000), trainRatio: realIn(random, LIMITS.trainRatio), imbalance };
  }
  const augmentation = chance(random, 0.5) ? { ...TECHNIQUE_DEFAULTS.augmentation } : {
    shift: wholeIn(random, 0, 6), rotation: realIn(random, LIMITS.rotation), noise: realIn(random, LIMITS.augmentNoise),
    flip: name !== 'mnist' && chance(random, 0.5),
  };
  return { kind: 'images', name: name as keyof typeof IMAGE_DATASETS, trainSize: wholeIn(random, 10, 8000),
    testSize: wholeIn(random, 10, 2000), imbalance, augmentation };
}

function randomTraining(random: Random, regression: boolean): TrainingSpec {
  const validationSplit = chance(random, 0.2) ? 0 : realIn(random, LIMITS.validationSplit);
  const folds = chance(random, 0.7) ? 1 : wholeIn(random, 2, 10);
  const stopping = chance(random, 0.5) && (validationSplit > 0 || folds > 1);
  return {
    optimizer: pick(random, OPTIMIZERS),
    learningRate: chance(random, 0.5) ? pick(random, [0.1, 0.03, 0.01, 0.001, 1e-4]) : 10 ** random.uniform(-6, 1),
    batchSize: wholeIn(random, 1, 512), epochs: wholeIn(random, 1, 1000), validationSplit,
    seed: chance(random, 0.5) ? random.int(1000) : random.int(LIMITS.seed[1] + 1),
    backend: pick(random, BACKEND_CHOICES), precision: pick(random, PRECISION_POLICIES),
    lossScaling: chance(random, 0.5) ? { ...TECHNIQUE_DEFAULTS.lossScaling }
      : { initialScale: realIn(random, LIMITS.initialScale), growthInterval: wholeIn(random, 1, 100_000) },
    earlyStopping: stopping ? {
      enabled: true, monitor: regression ? 'val_loss' : pick(random, ['val_loss', 'val_accuracy'] as const),
      patience: wholeIn(random, 1, 100), restoreBestWeights: chance(random, 0.5),
    } : { ...TECHNIQUE_DEFAULTS.earlyStopping },
    rebalance: regression ? 'none' : pick(random, REBALANCE_OPTIONS),
    folds,
    schedule: randomSchedule(random),
    ...clipping(random),
  };
}

const datasetRef = (name: DatasetName): DatasetRef =>
  (name in POINTS_DATASETS ? { kind: 'points', name } : { kind: 'images', name }) as DatasetRef;

const POINTS_NAMES = Object.keys(POINTS_DATASETS) as DatasetName[];
const IMAGE_NAMES = Object.keys(IMAGE_DATASETS) as DatasetName[];

/** A spec that passes validateSpec without errors. */
export function randomSpec(random: Random): ExperimentSpec {
  for (let attempt = 0; attempt < 1000; attempt++) {
    // Half images, so CNNs are drawn as often as MLPs on points
    const dataset = chance(random, 0.15) ? randomTable(random) : randomDataset(random, pick(random, chance(random, 0.5) ? IMAGE_NAMES : POINTS_NAMES));
    const images = dataset.kind === 'images';
    const layers = images
      ? (chance(random, 0.6) ? cnnLayers(random) : [{ type: 'flatten' } as LayerSpec, ...mlpLayers(random, wholeIn(random, 0, 3))])
      : mlpLayers(random, wholeIn(random, 0, 4));
    const regression = datasetInfo(dataset).task === 'regression';
    const spec: ExperimentSpec = { version: SPEC_VERSION, dataset, model: { layers }, training: randomTraining(random, regression) };
    if (!hasErrors(validateSpec(spec))) return spec;
  }
  throw new Error('no valid random spec in 1000 attempts');
}

/** Text with the characters a link must escape: separators, %, +, #, accents, emoji, new lines. */
export function awkwardText(random: Random, maxLength: number): string {
  const pool = ['a', 'b', 'Z', '0', ' ', ' ', '&', '=', '+', '%', '#', '.', ',', '(', ')', '?', '/', ':', '@', '"', "'",
    'é', 'ß', '中', '😀', '\n', '%E0', '~', '*', '!'];
  let text = '';
  for (let n = random.int(maxLength + 1); n > 0; n--) text += pick(random, pool);
  return Array.from(text).slice(0, maxLength).join('');
}

function randomLesson(random: Random): Lesson {
  const subset = () => CONTROL_IDS.filter(() => chance(random, 0.15));
  const lesson: Lesson = { title: awkwardText(random, 40), note: awkwardText(random, 300), hidden: subset(), locked: subset() };
  if (chance(random, 0.5)) lesson.id = `lesson-${random.int(1000)}`;
  return lesson;
}

export function randomLinkState(random: Random): LinkState {
  return { spec: randomSpec(random), view: pick(random, VIEWS), lesson: chance(random, 0.4) ? randomLesson(random) : null };
}
