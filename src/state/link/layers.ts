// The hidden layers in a link, readable and hand-editable:
//   dense(64,relu),dropout(0.5),conv2d(32,3,1,same,relu,l2=0.001),maxpool(2,2),avgpool(2,2),flatten,batchnorm
// Positional values follow the Keras argument order; the named settings (l1, l2, init, stddev: the layer fields
// that declare a link key in fields.ts) are written only when not at their default.
// Trailing positional values may be left out when hand-writing: activation relu, strides 1, padding valid,
// pool strides = pool size (as in Keras). The writer always spells out every positional value.
import { valuesOf, type Field } from '../../engine/model/field-kinds';
import { layerFields } from '../../engine/model/field-paths';
import { ACTIVATIONS, LIMITS, type LayerSpec, type LayerType } from '../../engine/model/spec';
import { parseChoice, parseInRange, type Parsed } from './text';

const PADDINGS = ['valid', 'same'] as const;

/** The settings of a layer type a link names (`l2=0.001`), each with its key. */
const namedFields = (type: LayerType): [key: string, field: Field][] =>
  layerFields(type).filter(([, field]) => field.link !== undefined);

/** ",l2=0.001,init=heNormal": the named settings that differ from their defaults. */
function named(layer: LayerSpec): string {
  return namedFields(layer.type)
    .filter(([key, field]) => (layer as Record<string, unknown>)[key] !== field.default)
    .map(([key, field]) => `,${field.link}=${(layer as Record<string, unknown>)[key]}`).join('');
}

export function encodeLayer(layer: LayerSpec): string {
  switch (layer.type) {
    case 'dense': return `dense(${layer.units},${layer.activation}${named(layer)})`;
    case 'conv2d':
      return `conv2d(${layer.filters},${layer.kernelSize},${layer.strides},${layer.padding},${layer.activation}${named(layer)})`;
    case 'maxPooling2d': return `maxpool(${layer.poolSize},${layer.strides})`;
    case 'averagePooling2d': return `avgpool(${layer.poolSize},${layer.strides})`;
    case 'dropout': return `dropout(${layer.rate})`;
    case 'flatten': return 'flatten';
    case 'batchNormalization': return 'batchnorm';
  }
}

export const encodeLayers = (layers: LayerSpec[]): string => layers.map(encodeLayer).join(',');

type Value = number | string;
interface Positional {
  name: string;
  parse: (text: string) => Parsed<Value>;
  /** Used when the value is left out; none means the value is required. */
  fallback?: (read: Record<string, Value>) => Value;
}
interface LayerForm {
  type: LayerType;
  positional: Positional[];
  build: (values: Record<string, Value>) => LayerSpec;
}

const whole = (limit: keyof typeof LIMITS) => (text: string) => parseInRange(text, LIMITS[limit], true);
const real = (limit: keyof typeof LIMITS) => (text: string) => parseInRange(text, LIMITS[limit], false);
const activation: Positional = { name: 'activation', parse: (t) => parseChoice(t, ACTIVATIONS), fallback: () => 'relu' };

const pooling = (type: 'maxPooling2d' | 'averagePooling2d'): LayerForm => ({
  type,
  positional: [
    { name: 'poolSize', parse: whole('poolSize') },
    { name: 'strides', parse: whole('strides'), fallback: (read) => read.poolSize },
  ],
  build: (v) => ({ type, poolSize: v.poolSize as number, strides: v.strides as number }),
});

const FORMS: Record<string, LayerForm> = {
  dense: {
    type: 'dense',
    positional: [{ name: 'units', parse: whole('units') }, activation],
    build: (v) => ({ type: 'dense', ...v }) as LayerSpec,
  },
  conv2d: {
    type: 'conv2d',
    positional: [
      { name: 'filters', parse: whole('filters') },
      { name: 'kernelSize', parse: whole('kernelSize') },
      { name: 'strides', parse: whole('strides'), fallback: () => 1 },
      { name: 'padding', parse: (t) => parseChoice(t, PADDINGS), fallback: () => 'valid' },
      activation,
    ],
    build: (v) => ({ type: 'conv2d', ...v }) as LayerSpec,
  },
  maxpool: pooling('maxPooling2d'),
  avgpool: pooling('averagePooling2d'),
  dropout: { type: 'dropout', positional: [{ name: 'rate', parse: real('dropout') }], build: (v) => ({ type: 'dropout', rate: v.rate as number }) },
  flatten: { type: 'flatten', positional: [], build: () => ({ type: 'flatten' }) },
  batchnorm: { type: 'batchNormalization', positional: [], build: () => ({ type: 'batchNormalization' }) },
};

/** Other spellings a host might type: Keras class names and common short forms. */
const ALIASES: Record<string, string> = {
  conv: 'conv2d', maxpooling2d: 'maxpool', averagepooling2d: 'avgpool', bn: 'batchnorm', batchnormalization: 'batchnorm',
};

/** Splits at commas outside brackets; undefined when the brackets do not balance. */
function splitTopLevel(text: string): string[] | undefined {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return undefined;
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  items.push(text.slice(start));
  return items;
}

const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

function decodeLayer(item: string): Parsed<LayerSpec> {
  const match = /^([a-z0-9_]+)\s*(?:\((.*)\))?$/is.exec(item.trim());
  if (!match) return { reason: 'is not written as name(values)' };
  const name = match[1].toLowerCase();
  const form = own(FORMS, own(ALIASES, name) ?? name);
  if (!form) return { reason: `is not a layer type (use ${Object.keys(FORMS).join(', ')})` };
  const args = match[2] === undefined || match[2].trim() === '' ? [] : match[2].split(',').map((a) => a.trim());
  const firstNamed = args.findIndex((a) => a.includes('='));
  const positional = firstNamed < 0 ? args : args.slice(0, firstNamed);
  const named = firstNamed < 0 ? [] : args.slice(firstNamed);
  if (named.some((a) => !a.includes('='))) return { reason: 'has a positional value after a named one' };
  if (positional.length > form.positional.length) {
    return { reason: `takes at most ${form.positional.length} value${form.positional.length === 1 ? '' : 's'}` };
  }
  const names = namedFields(form.type);
  const values: Record<string, Value> = Object.fromEntries(names.map(([key, field]) => [key, field.default as Value]));
  for (const [i, slot] of form.positional.entries()) {
    if (i < positional.length) {
      const parsed = slot.parse(positional[i]);
      if ('reason' in parsed) return { reason: `${slot.name} ${shortText(positional[i])}: ${parsed.reason}` };
      values[slot.name] = parsed.value;
    } else if (slot.fallback) {
      values[slot.name] = slot.fallback(values);
    } else {
      return { reason: `needs ${slot.name}` };
    }
  }
  const seen = new Set<string>();
  for (const pair of named) {
    const key = pair.slice(0, pair.indexOf('=')).trim().toLowerCase();
    const text = pair.slice(pair.indexOf('=') + 1);
    const match = names.find(([, field]) => field.link === key);
    if (!match) return { reason: `does not take ${shortText(key)}=` };
    if (seen.has(key)) return { reason: `gives ${key} twice` };
    seen.add(key);
    const [name, field] = match;
    const parsed = field.kind === 'number' ? parseInRange(text, field.range, field.whole)
      : field.kind === 'choice' ? parseChoice(text.trim(), valuesOf(field)) : { reason: 'is not a layer setting' };
    if ('reason' in parsed) return { reason: `${key} ${shortText(text)}: ${parsed.reason}` };
    values[name] = parsed.value;
  }
  return { value: form.build(values) };
}

const shortText = (text: string) => (text.length > 20 ? `${text.slice(0, 19)}…` : text);

/** The layers of a `layers=` value, or why it cannot be read (naming the first bad layer). Empty text: no layers. */
export function decodeLayers(text: string): Parsed<LayerSpec[]> {
  if (text.trim() === '') return { value: [] };
  const items = splitTopLevel(text);
  if (!items) return { reason: 'brackets do not match' };
  if (items.length > LIMITS.layers[1]) return { reason: `${items.length} layers; the sandbox allows up to ${LIMITS.layers[1]}` };
  const layers: LayerSpec[] = [];
  for (const [i, item] of items.entries()) {
    const parsed = decodeLayer(item);
    if ('reason' in parsed) return { reason: `layer ${i + 1} (${shortText(item.trim())}) ${parsed.reason}` };
    layers.push(parsed.value);
  }
  return { value: layers };
}
