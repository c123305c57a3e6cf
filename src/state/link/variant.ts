// The B side of an A/B comparison in a link: `ab=1`, then `b.<key>=<value>` for each spec field where B differs
// from A (the same keys and reading rules as A's). B always shares A's dataset, so `b.data` does not exist.
import type { ExperimentSpec } from '../../engine/model/spec';
import { fieldApplies, SPEC_FIELDS, specField } from './fields';
import { ignored } from './text';
import { repair } from './base';

export const VARIANT_FLAG = 'ab';
export const VARIANT_PREFIX = 'b.';

/** The pairs that describe `variant` relative to `spec`. */
export function encodeVariant(spec: ExperimentSpec, variant: ExperimentSpec): [string, string][] {
  const pairs: [string, string][] = [[VARIANT_FLAG, '1']];
  for (const field of SPEC_FIELDS) {
    if (!fieldApplies(field, variant)) continue;
    const text = field.encode(variant);
    if (text !== field.encode(spec)) pairs.push([`${VARIANT_PREFIX}${field.key}`, text]);
  }
  return pairs;
}

export const isVariantKey = (key: string) => key === VARIANT_FLAG || key.startsWith(VARIANT_PREFIX);

/**
 * B read from the link: A's spec with every `b.` key that parses applied, repaired like A (a B setting that
 * does not fit falls back to A's value, with a notice); undefined when the link has no A/B comparison.
 */
export function readVariant(given: Map<string, string>, spec: ExperimentSpec, notices: string[]): ExperimentSpec | undefined {
  const keys = [...given.keys()].filter((k) => k.startsWith(VARIANT_PREFIX));
  const flag = given.get(VARIANT_FLAG);
  if (flag === undefined && keys.length === 0) return undefined;
  if (flag !== undefined && flag !== '1') notices.push(ignored(VARIANT_FLAG, flag, 'the A/B flag is ab=1', '1'));
  const variant = structuredClone(spec);
  const texts = new Map<string, string>();
  for (const key of keys) {
    const value = given.get(key)!;
    const field = specField(key.slice(VARIANT_PREFIX.length));
    if (!field) {
      notices.push(ignored(key, value, 'unknown key'));
    } else if (!fieldApplies(field, variant)) {
      notices.push(ignored(key, value, `does not apply to ${variant.dataset.name}`));
    } else {
      const kept = field.encode(variant);
      const reason = field.apply(variant, value);
      if (reason !== undefined) notices.push(ignored(key, value, reason, kept));
      else texts.set(field.key, value);
    }
  }
  const repairs: string[] = [];
  const repaired = repair(variant, { spec, presetId: 'baseline (A)' }, texts, repairs);
  notices.push(...repairs.map((n) => `B: ${n}`));
  return repaired;
}
