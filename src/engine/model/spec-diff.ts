// "What changed" between two experiments, in words a person reads at a glance: "dropout after dense_1: 0 → 0.5".
// Data first, then the model, then training, so two comparisons of similar runs read in the same order.
import { datasetInfo } from '../../data/catalog';
import type { Field } from './field-kinds';
import { DATASET_ENTRIES, entryApplies, fieldActive, layerFields, TRAINING_ENTRIES, type FieldEntry, type GroupEntry } from './field-paths';
import type { ExperimentSpec, LayerSpec } from './spec';
import { layerNames } from './summary';

const arrow = (from: string, to: string) => `${from} → ${to}`;

/** Pushes "label: from → to" when the two renderings differ. */
function field<T>(out: string[], label: string, a: T, b: T, show: (v: T) => string = String) {
  const from = show(a);
  const to = show(b);
  if (from !== to) out.push(`${label}: ${arrow(from, to)}`);
}

/** How "what changed" names a field: its `diff` wording, else its label in lower case. */
const wording = (field: Field) => field.diff ?? field.label.toLowerCase();
const shown = (field: Field, value: unknown) => (field.show ? field.show(value as never) : String(value));

/**
 * One line per declared field or group that differs, in the table's order. A group with its own wording is one
 * line (its fields declare `diff: null`), and reads as its defaults in a spec whose dataset kind lacks it (a points
 * set has augmentation "off"); a field counts when both specs have it and it matters in either.
 */
function tableChanges(entries: readonly (FieldEntry | GroupEntry)[], a: ExperimentSpec, b: ExperimentSpec): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    if (!entryApplies(entry, a) && !entryApplies(entry, b)) continue;
    if ('group' in entry) {
      const diff = entry.group.diff;
      if (!diff) continue;
      const read = (s: ExperimentSpec) => (entryApplies(entry, s) ? diff.show(entry.get(s) as never, s) : diff.show(defaultsOfGroup(entry) as never, s));
      field(out, diff.label, read(a), read(b));
    } else {
      const f = entry.field;
      if (f.diff === null || !entryApplies(entry, a) || !entryApplies(entry, b)) continue;
      if (!fieldActive(f, a) && !fieldActive(f, b)) continue;
      const read = (s: ExperimentSpec) => shown(f, entry.get(s));
      field(out, wording(f), read(a), read(b));
    }
  }
  return out;
}

function defaultsOfGroup(entry: GroupEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(entry.group.fields)) out[key] = f.kind === 'group' ? {} : f.default;
  return out;
}

function dataChanges(a: ExperimentSpec, b: ExperimentSpec): string[] {
  const out: string[] = [];
  field(out, 'dataset', datasetInfo(a.dataset).title, datasetInfo(b.dataset).title, (title) => title);
  if (a.dataset.kind === 'table' && b.dataset.kind === 'table' && a.dataset.name === b.dataset.name) {
    field(out, 'target', a.dataset.target, b.dataset.target, (t) => t);
    field(out, 'task', a.dataset.task, b.dataset.task, (t) => t);
    field(out, 'feature columns', a.dataset.features.join(', '), b.dataset.features.join(', '), (f) => f || 'none');
  }
  return [...out, ...tableChanges(DATASET_ENTRIES, a, b)];
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
  const regs = (l: { l1: number; l2: number; kernelInitializer: string }) =>
    (l.kernelInitializer !== 'glorotUniform' ? `, ${l.kernelInitializer} init` : '') +
    (l.l1 > 0 ? `, L1 ${l.l1}` : '') + (l.l2 > 0 ? `, L2 ${l.l2}` : '');
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
function layerFieldChanges(name: string, a: CoreLayer, b: CoreLayer, specA?: ExperimentSpec, specB?: ExperimentSpec): string[] {
  const out: string[] = [];
  if (a.type !== b.type) return out;
  for (const [key, f] of layerFields(a.type)) {
    if (f.diff === null) continue;
    const matters = (spec: ExperimentSpec | undefined, layer: CoreLayer) => !spec || fieldActive(f, spec, layer);
    if (!matters(specA, a) && !matters(specB, b)) continue;
    const read = (layer: CoreLayer) => shown(f, (layer as Record<string, unknown>)[key]);
    field(out, wording(f).replace('{layer}', name), read(a), read(b));
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

function modelChanges(specA: ExperimentSpec, specB: ExperimentSpec): string[] {
  const [a, b] = [specA.model.layers, specB.model.layers];
  const out: string[] = [];
  const [sa, sb] = [slots(a), slots(b)];
  field(out, 'dropout on the input', rates(sa.input), rates(sb.input));
  let previous: string | null = null; // the last non-dropout layer of b so far: where an added layer goes
  for (const step of align(sa.core, sb.core)) {
    if (step.op === 'match') {
      const name = step.a.name === step.b.name ? step.a.name : `${step.a.name} (now ${step.b.name})`;
      out.push(...layerFieldChanges(name, step.a.layer, step.b.layer, specA, specB));
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

function trainingChanges(a: ExperimentSpec, b: ExperimentSpec): string[] {
  return tableChanges(TRAINING_ENTRIES, a, b);
}

/**
 * The differences from `a` to `b`, one short sentence each, in a stable order: data, model, training. Identical
 * specs give []. Layers are named as Keras names them (dense_1, …); see align() for how the layer lists are lined up.
 */
export function describeChanges(a: ExperimentSpec, b: ExperimentSpec): string[] {
  return [...dataChanges(a, b), ...modelChanges(a, b), ...trainingChanges(a, b)];
}
