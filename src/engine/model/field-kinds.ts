// The kinds of field an experiment is made of (a number in a range, a choice among named options, an on/off
// flag) and a group of fields, each declared once with everything the app derives from it: the value's type,
// its default and range, the label the page shows (messages name the field by it), the help text, the link key,
// how a change reads in "what changed", and when the field matters. fields.ts holds the declarations;
// SpecOf<> turns a group of them into the spec's TypeScript type. No tfjs, no DOM.

/**
 * What a field's callbacks see of the spec and the layer. Structural rather than ExperimentSpec, because
 * ExperimentSpec's own type is read off these declarations (spec.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
export interface SpecView {
  dataset: { kind: string; name: string; [field: string]: Loose };
  model: { layers: { type: string; [field: string]: Loose }[] };
  training: { [field: string]: Loose };
}
export type LayerView = { type: string; [field: string]: Loose };

interface Common<T> {
  /** Names its help text and the page's control: 'learningRate'. Unique across the table. */
  id: string;
  /** As the page labels it, in sentence case: 'Learning rate'. Validation messages use it. */
  label: string;
  /** One line: what it does and what to expect when you change it. */
  help: string;
  default: T;
  /** The link's key for it ('lr'); none: links do not carry it on its own. */
  link?: string;
  /**
   * The text a link may leave out, frozen as part of the link format rather than read from `default`, so a
   * link keeps its meaning when a default changes. Fields without it are always written.
   */
  omitted?: string;
  /** How "what changed" names it ('learning rate'); null: not listed on its own (its group speaks for it). */
  diff?: string | null;
  /** How a value reads in "what changed"; String by default. (Methods, so a field of options 'a' | 'b' is a field.) */
  show?(value: T): string;
  /** Whether it matters in this spec (and this layer): validation and "what changed" skip it when not. */
  active?(spec: SpecView, layer?: LayerView): boolean;
  /** A check that depends on the rest of the spec; returns the problem as a clause ("must be one of …"). */
  check?(value: T, spec: SpecView): string | undefined;
}

export interface NumberField extends Common<number> {
  kind: 'number';
  range: readonly [number, number];
  whole: boolean;
  /** The input's step in the form. */
  step?: number;
}

export interface ChoiceOption<V extends string> {
  value: V;
  label: string;
}
export interface ChoiceField<V extends string = string> extends Common<V> {
  kind: 'choice';
  options: readonly ChoiceOption<V>[];
}

export interface FlagField extends Common<boolean> {
  kind: 'flag';
}

export type Field = NumberField | ChoiceField | FlagField;

/** Fields that sit together in the spec (`training.earlyStopping`), with one line for "what changed" if wanted. */
export interface FieldGroup<F extends Fields = Fields> {
  kind: 'group';
  fields: F;
  /** "What changed" for the group as a whole ('early stopping: off → on (val_loss, …)'); none: field by field. */
  diff?: { label: string; show(value: SpecOf<F>, spec: SpecView): string };
}

export type Fields = { readonly [key: string]: Field | FieldGroup };

type ValueOf<F> = F extends NumberField ? number
  : F extends ChoiceField<infer V> ? V
  : F extends FlagField ? boolean
  : F extends FieldGroup<infer G> ? SpecOf<G>
  : never;

/** The plain-data type a group of declarations describes: { learningRate: number; optimizer: 'sgd' | … }. */
export type SpecOf<F extends Fields> = { -readonly [K in keyof F]: ValueOf<F[K]> };

export const number = (field: Omit<NumberField, 'kind'>): NumberField => ({ kind: 'number', ...field });
export const choice = <const V extends string>(field: Omit<ChoiceField<V>, 'kind'>): ChoiceField<V> => ({ kind: 'choice', ...field });
export const flag = (field: Omit<FlagField, 'kind'>): FlagField => ({ kind: 'flag', ...field });
export const group = <const F extends Fields>(fields: F, diff?: FieldGroup<F>['diff']): FieldGroup<F> => ({ kind: 'group', fields, diff });

/** The values of the options, for a union type or an `includes` check. */
export const valuesOf = <V extends string>(field: ChoiceField<V>): readonly V[] => field.options.map((o) => o.value);

/** Every field's default, in the group's shape: a fresh object each call. */
export function defaultsOf<F extends Fields>(fields: F): SpecOf<F> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) out[key] = field.kind === 'group' ? defaultsOf(field.fields) : field.default;
  return out as SpecOf<F>;
}
