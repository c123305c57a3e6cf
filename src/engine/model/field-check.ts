// One declared field's value checked against its declaration (range, whole number, options, its own rule), and
// a layer's settings checked the same way. Shared by validation and the per-layer summary, which must not show
// a shape or a parameter count computed from a value the model cannot have.
import type { Field } from './field-kinds';
import { fieldActive, layerFields } from './field-paths';
import type { ExperimentSpec, LayerSpec } from './spec';

export interface SpecProblem {
  /** Where in the spec, dotted: "model.layers.2.kernelSize", "training.learningRate". */
  path: string;
  message: string;
  /** Errors block training; warnings are shown and allowed. */
  severity: 'error' | 'warning';
}

/** How a value reads in a message: numbers as written, text quoted. */
const got = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Why `value` is not what `field` declares, as a clause after its label ("must be …"); undefined when it is. */
export function fieldProblem(field: Field, value: unknown, spec: ExperimentSpec): string | undefined {
  switch (field.kind) {
    case 'number': {
      const [min, max] = field.range;
      const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!field.whole || Number.isInteger(value));
      if (!ok) return `must be ${field.whole ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${got(value)})`;
      break;
    }
    case 'choice':
      if (!field.options.some((o) => o.value === value)) return `must be one of ${field.options.map((o) => o.value).join(', ')} (got ${got(value)})`;
      break;
    case 'flag':
      if (typeof value !== 'boolean') return `must be on or off (got ${got(value)})`;
      break;
  }
  const clause = field.check?.(value as never, spec);
  return clause && `${clause} (got ${got(value)})`;
}

/** A layer's settings, each named as the page labels it: "dense_2: units must be a whole number …". */
export function layerProblems(spec: ExperimentSpec, layer: LayerSpec, name: string, path: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const [key, field] of layerFields(layer.type)) {
    if (!fieldActive(field, spec, layer)) continue;
    const problem = fieldProblem(field, (layer as Record<string, unknown>)[key], spec);
    if (problem) problems.push({ path: `${path}.${key}`, severity: 'error', message: `${name}: ${field.label} ${problem}.` });
  }
  return problems;
}
