// "What changed" between two experiments, in words a person reads at a glance: "dropout after dense_1: 0 → 0.5".
// Data first, then the model, then training, so two comparisons of similar runs read in the same order.
import { datasetInfo } from '../../data/catalog';
import type { Augmentation, EarlyStopping, ExperimentSpec, Imbalance, LayerSpec } from './spec';
import { layerNames } from './summary';

const arrow = (from: string, to: string) => `${from} → ${to}`;

/** Pushes "label: from → to" when the two renderings differ. */
function field<T>(out: string[], label: string, a: T, b: T, show: (v: T) => string = String) {
  const from = show(a);
  const to = show(b);
  if (from !== to) out.push(`${label}: ${arrow(from, to)}`);
}

/** Example counts read better with thousands separators: 60,000. */
const count = (n: number) => n.toLocaleString('en');
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function imbalance(spec: ExperimentSpec): string {
  const { keep, minorityClass }: Imbalance = spec.dataset.imbalance;
  if (keep >= 1) return 'off';
  const name = datasetInfo(spec.dataset.name).classNames[minorityClass];
  const which = name === undefined || name === String(minorityClass) ? `class ${minorityClass}` : `class ${minorityClass} (${name})`;
  return `keep ${percent(keep)} of ${which}`;
}

function augmentation(a: Augmentation): string {
  const parts = [
    a.shift > 0 && `shift ±${a.shift} px`,
    a.rotation > 0 && `rotation ±${a.rotation}°`,
    a.noise > 0 && `noise ${a.noise}`,
    a.flip && 'flips',
  ].filter((p): p is string => typeof p === 'string');
  return parts.length ? parts.join(', ') : 'off';
}

function dataChanges(a: ExperimentSpec, b: ExperimentSpec): string[] {
  const out: string[] = [];
  const [da, db] = [a.dataset, b.dataset];
  field(out, 'dataset', da.name, db.name, (name) => datasetInfo(name).title);
  if (da.kind === 'points' && db.kind === 'points') {
    field(out, 'number of points', da.numPoints, db.numPoints, count);
    field(out, 'noise', da.noise, db.noise);
    field(out, 'train/test ratio', da.trainRatio, db.trainRatio);
  } else if (da.kind === 'images' && db.kind === 'images') {
    field(out, 'training examples', da.trainSize, db.trainSize, count);
    field(out, 'test examples', da.testSize, db.testSize, count);
  }
  field(out, 'class imbalance', imbalance(a), imbalance(b));
  // A points set has no augmentation: both read "off" then, and only a real change shows.
  const aug = (s: ExperimentSpec) => (s.dataset.kind === 'images' ? augmentation(s.dataset.augmentation) : 'off');
  field(out, 'augmentation', aug(a), aug(b));
  return out;
}

type CoreLayer = Exclude<LayerSpec, { type: 'dropout' }>;
/** A layer other than dropout, with its Keras name and the rates of the dropout layers right after it. */
interface Slot {
  layer: CoreLayer;
  name: string;
  dropout: number[];
}

/** Dropout is kept as a property of the layer before it (or of the input), which is how people talk about it. */
function slots(layers: LayerSpec[]): { input: number[]; core: Slot[] } {
  const names = layerNames(layers);
  const input: number[] = [];
  const core: Slot[] = [];
  layers.forEach((layer, i) => {
    if (layer.type === 'dropout') (core.at(-1)?.dropout ?? input).push(layer.rate);
    else core.push({ layer, name: names[i], dropout: [] });
  });
  return { input, core };
}

const rates = (r: number[]) => (r.length ? r.join(', ') : '0');
const square = (n: number) => `${n}×${n}`;

/** "64 units, relu", "32 filters, 3×3, relu", "2×2": what a layer is, for "added …" and "removed …". */
function layerWords(layer: CoreLayer): string {
  const regs = (l: { l1: number; l2: number }) => (l.l1 > 0 ? `, L1 ${l.l1}` : '') + (l.l2 > 0 ? `, L2 ${l.l2}` : '');
  switch (layer.type) {
    case 'dense': return `${layer.units} units, ${layer.activation}${regs(layer)}`;
    case 'conv2d':
      return `${layer.filters} filters, ${square(layer.kernelSize)}, ${layer.activation}` +
        (layer.strides !== 1 ? `, strides ${layer.strides}` : '') + (layer.padding === 'same' ? ', same padding' : '') + regs(layer);
    case 'maxPooling2d': case 'averagePooling2d':
      return square(layer.poolSize) + (layer.strides !== layer.poolSize ? `, strides ${layer.strides}` : '');
    default: return '';
  }
}

const describeLayer = (slot: Slot) => {
  const words = layerWords(slot.layer);
  return words ? `${slot.name} (${words})` : slot.name;
};

/** Field changes between two layers of the same type, "dense_1 units: 64 → 128", "L2 on dense_1 kernel: 0 → 0.001". */
function layerFieldChanges(name: string, a: CoreLayer, b: CoreLayer): string[] {
  const out: string[] = [];
  if (a.type === 'dense' && b.type === 'dense') {
    field(out, `${name} units`, a.units, b.units);
  } else if (a.type === 'conv2d' && b.type === 'conv2d') {
    field(out, `${name} filters`, a.filters, b.filters);
    field(out, `${name} kernel size`, a.kernelSize, b.kernelSize, square);
    field(out, `${name} strides`, a.strides, b.strides);
    field(out, `${name} padding`, a.padding, b.padding);
  } else if ((a.type === 'maxPooling2d' || a.type === 'averagePooling2d') && b.type === a.type) {
    field(out, `${name} pool size`, a.poolSize, b.poolSize, square);
    field(out, `${name} strides`, a.strides, b.strides);
  }
  if ((a.type === 'dense' || a.type === 'conv2d') && b.type === a.type) {
    field(out, `${name} activation`, a.activation, b.activation);
    field(out, `L1 on ${name} kernel`, a.l1, b.l1);
    field(out, `L2 on ${name} kernel`, a.l2, b.l2);
  }
  return out;
}

type Step = { op: 'match'; a: Slot; b: Slot } | { op: 'remove'; a: Slot } | { op: 'add'; b: Slot };

/** Outweighs any number of unchanged layers (at most 32), so the count of matched layers always comes first. */
const MATCH = 64;

/**
 * Lines up the non-dropout layers of a and b: a longest common subsequence by layer type (the most layers of
 * the same type kept in order), and among those the one that leaves the most layers unchanged, so a layer
 * inserted at the front reads as one addition rather than a cascade of edits. Remaining ties take layers of b
 * as added before layers of a as removed, which leaves a's earliest layers free to match (and keep their
 * names). Between two matched layers, the removals are listed before the additions.
 */
function align(a: Slot[], b: Slot[]): Step[] {
  const score = (i: number, j: number) =>
    MATCH + (layerFieldChanges('', a[i].layer, b[j].layer).length === 0 ? 1 : 0);
  // best[i][j]: the highest total score for aligning a[i..] with b[j..].
  const best = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const matched = a[i].layer.type === b[j].layer.type ? score(i, j) + best[i + 1][j + 1] : -1;
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], matched);
    }
  }
  const steps: Step[] = [];
  let gap: Step[] = [];
  const flush = () => {
    steps.push(...gap.filter((s) => s.op === 'remove'), ...gap.filter((s) => s.op === 'add'));
    gap = [];
  };
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i].layer.type === b[j].layer.type && best[i][j] === score(i, j) + best[i + 1][j + 1]) {
      flush();
      steps.push({ op: 'match', a: a[i++], b: b[j++] });
    } else if (j < b.length && (i === a.length || best[i][j] === best[i][j + 1])) {
      gap.push({ op: 'add', b: b[j++] });
    } else {
      gap.push({ op: 'remove', a: a[i++] });
    }
  }
  flush();
  return steps;
}

function modelChanges(a: LayerSpec[], b: LayerSpec[]): string[] {
  const out: string[] = [];
  const [sa, sb] = [slots(a), slots(b)];
  field(out, 'dropout on the input', rates(sa.input), rates(sb.input));
  let previous: string | null = null; // the last non-dropout layer of b so far: where an added layer goes
  for (const step of align(sa.core, sb.core)) {
    if (step.op === 'match') {
      const name = step.a.name === step.b.name ? step.a.name : `${step.a.name} (now ${step.b.name})`;
      out.push(...layerFieldChanges(name, step.a.layer, step.b.layer));
      field(out, `dropout after ${name}`, rates(step.a.dropout), rates(step.b.dropout));
      previous = step.b.name;
    } else if (step.op === 'remove') {
      const dropout = step.a.dropout.length ? ` and the dropout (${rates(step.a.dropout)}) after it` : '';
      out.push(`removed ${describeLayer(step.a)}${dropout}`);
    } else {
      const where = previous ? `after ${previous}` : 'at the start';
      const dropout = step.b.dropout.length ? `, followed by dropout ${rates(step.b.dropout)}` : '';
      out.push(`added ${describeLayer(step.b)} ${where}${dropout}`);
      previous = step.b.name;
    }
  }
  return out;
}

function earlyStopping(e: EarlyStopping): string {
  if (!e.enabled) return 'off';
  const weights = e.restoreBestWeights ? 'restoring the best weights' : 'keeping the last weights';
  return `on (${e.monitor}, patience ${e.patience}, ${weights})`;
}

const REBALANCE_WORDS = { none: 'none', classWeights: 'class weights', oversample: 'oversampling' } as const;

function trainingChanges(a: ExperimentSpec, b: ExperimentSpec): string[] {
  const out: string[] = [];
  const [ta, tb] = [a.training, b.training];
  field(out, 'optimizer', ta.optimizer, tb.optimizer);
  field(out, 'learning rate', ta.learningRate, tb.learningRate);
  field(out, 'batch size', ta.batchSize, tb.batchSize);
  field(out, 'epochs', ta.epochs, tb.epochs);
  field(out, 'validation split', ta.validationSplit, tb.validationSplit);
  field(out, 'cross-validation', ta.folds, tb.folds, (k) => (k > 1 ? `${k} folds` : 'off'));
  field(out, 'early stopping', ta.earlyStopping, tb.earlyStopping, earlyStopping);
  field(out, 'class rebalancing', ta.rebalance, tb.rebalance, (r) => REBALANCE_WORDS[r]);
  field(out, 'precision', ta.precision, tb.precision);
  // Loss scaling acts only under mixed_float16; elsewhere its settings change nothing, so they are not news.
  if (ta.precision === 'mixed_float16' || tb.precision === 'mixed_float16') {
    field(out, 'initial loss scale', ta.lossScaling.initialScale, tb.lossScaling.initialScale);
    field(out, 'loss-scale growth interval', ta.lossScaling.growthInterval, tb.lossScaling.growthInterval);
  }
  field(out, 'seed', ta.seed, tb.seed);
  field(out, 'backend', ta.backend, tb.backend);
  return out;
}

/**
 * The differences from `a` to `b`, one short sentence each, in a stable order: data, model, training. Identical
 * specs give []. Layers are named as Keras names them (dense_1, …); see align() for how the layer lists are lined up.
 */
export function describeChanges(a: ExperimentSpec, b: ExperimentSpec): string[] {
  return [...dataChanges(a, b), ...modelChanges(a.model.layers, b.model.layers), ...trainingChanges(a, b)];
}
