// An experiment as a link, in the spirit of tensorflow/playground's state.ts: the whole state in the URL hash,
// readable and editable by hand, e.g.
//   #v=1&data=spiral&noise=0.03&points=800&ratio=0.5&layers=dense(64,relu),dense(64,relu)&opt=adam&lr=0.01…
// Writing: `v` and `data` first, then every spec field in SPEC_FIELDS order; a field with an `omitted` value is
// left out when it has that value, and so are `view=train` and an absent lesson. Reading starts from the preset
// for the link's dataset (base.ts), applies each key that parses and is in range, says in a notice what it
// ignored and what it kept instead, and repairs what does not fit together. It never throws.
import { DEFAULT_PRESET, findPreset, presetSpec } from '../../engine/model/presets';
import { chooseBase, repair } from './base';
import { fieldApplies, SPEC_FIELDS, specField } from './fields';
import { encodeLesson, LESSON_KEYS, readLesson } from './lesson';
import { encodeValue, ignored, parseChoice, parseInRange, splitHash, type LinkPair } from './text';
import { LINK_VERSION, VIEWS, type DecodedLink, type LinkState, type ViewName } from './types';
import { findLesson } from '../lessons';
import { encodeVariant, isVariantKey, readVariant, VARIANT_FLAG, VARIANT_PREFIX } from './variant';

/**
 * How old links keep their meaning. `v` names the format that wrote a link. When a change would make an old
 * link read differently (a key renamed or dropped, a unit or meaning changed, an `omitted` value changed), bump
 * LINK_VERSION and add MIGRATIONS[n], which turns the pairs of a v=n link into those of a v=n+1 link. Reading
 * runs every step from the link's version up to LINK_VERSION, so each change is written once. A new key whose
 * omitted value is what the sandbox did before the key existed needs no bump.
 */
const MIGRATIONS: Record<number, (pairs: LinkPair[]) => LinkPair[]> = {};

/** Every key a link may hold, in the order links write them (`preset` is only read: a hand-written start). */
export const LINK_KEYS: readonly string[] = ['v', 'preset', 'data', ...SPEC_FIELDS.map((f) => f.key), VARIANT_FLAG,
  ...SPEC_FIELDS.map((f) => `${VARIANT_PREFIX}${f.key}`), 'view', ...LESSON_KEYS];

const KIND_WORDS = { points: '2D point sets', images: 'the shipped image sets', table: 'tables', ownImages: 'own image sets' } as const;

/** More notices than this are summed up in one last line. */
const MAX_NOTICES = 20;

/** Begins the notice of the last-resort catch; a test checks that no input reaches it. */
export const UNREADABLE_NOTICE = 'This link could not be read';

/** The link of a valid state, `#` included: exact, so decodeLink gives the same state back with no notices. */
export function encodeLink({ spec, view, lesson, variant }: LinkState): string {
  const pairs: [string, string][] = [['v', String(LINK_VERSION)], ['data', spec.dataset.name]];
  for (const field of SPEC_FIELDS) {
    if (!fieldApplies(field, spec)) continue;
    const text = field.encode(spec);
    if (text !== field.omitted) pairs.push([field.key, text]);
  }
  if (variant) pairs.push(...encodeVariant(spec, variant));
  if (view !== 'train') pairs.push(['view', view]);
  if (lesson) pairs.push(...encodeLesson(lesson));
  return `#${pairs.map(([key, value]) => `${key}=${encodeValue(value)}`).join('&')}`;
}

/** The state a link describes, as close as it allows, and what was ignored on the way. */
export function decodeLink(hash: string): DecodedLink {
  try {
    return readLink(hash);
  } catch (error) {
    // Unreachable by design (the fuzz test holds it to that); here so a bug costs a notice, not the page.
    return { state: defaultState(), notices: [`${UNREADABLE_NOTICE} (${String(error)}); opened the ${DEFAULT_PRESET.id} preset.`] };
  }
}

function defaultState(): LinkState {
  return { spec: presetSpec(DEFAULT_PRESET.id), view: 'train', lesson: null };
}

function readLink(hash: string): DecodedLink {
  const { pairs, notices } = splitHash(hash);
  if (pairs.length === 0) return { state: defaultState(), notices };
  const given = firstOfEach(migrate(pairs, notices), notices);
  const base = chooseBase(given.get('preset'), given.get('data'), notices, given.has('target') ? 'table' : 'ownImages');
  const spec = structuredClone(base.spec);
  let view: ViewName = 'train';
  for (const [key, value] of given) {
    if (key === 'preset' || key === 'data' || isVariantKey(key) || (LESSON_KEYS as readonly string[]).includes(key)) continue;
    if (key === 'view') {
      const parsed = parseChoice(value, VIEWS);
      if ('reason' in parsed) notices.push(ignored(key, value, parsed.reason, view));
      else view = parsed.value;
      continue;
    }
    const field = specField(key);
    if (!field) {
      notices.push(ignored(key, value, 'unknown key'));
    } else if (!fieldApplies(field, spec)) {
      notices.push(ignored(key, value, `only for ${field.kinds!.map((k) => KIND_WORDS[k]).join(' and ')}, not ${spec.dataset.name}`));
    } else {
      const kept = field.encode(spec);
      const reason = field.apply(spec, value);
      if (reason !== undefined) notices.push(ignored(key, value, reason, kept));
    }
  }
  const lesson = readLesson(given, notices);
  const repaired = repair(spec, base, given, notices);
  const variant = readVariant(given, repaired, notices);
  const state: LinkState = { spec: repaired, view, lesson, ...(variant ? { variant } : {}) };
  return { state, notices: capped(notices) };
}

/** The link's pairs brought up to LINK_VERSION, `v` itself removed; notices for a missing, bad or newer `v`. */
function migrate(pairs: LinkPair[], notices: string[]): LinkPair[] {
  const versions = pairs.filter((p) => p.key === 'v');
  let rest = pairs.filter((p) => p.key !== 'v');
  let version = LINK_VERSION;
  if (versions.length === 0) {
    notices.push(`This link has no version key; read it as v=${LINK_VERSION}.`);
  } else {
    const parsed = parseInRange(versions[0].value, [1, Number.MAX_SAFE_INTEGER], true);
    if ('reason' in parsed) {
      notices.push(ignored('v', versions[0].value, 'not a link version', String(LINK_VERSION)));
    } else if (parsed.value > LINK_VERSION) {
      notices.push(`This link was made by a newer version of the sandbox (v=${parsed.value}); this page reads ` +
        `v=${LINK_VERSION} links, so some settings may be ignored or read differently.`);
    } else {
      version = parsed.value;
    }
    for (const extra of versions.slice(1)) notices.push(ignored('v', extra.value, 'v is given more than once; the first counts'));
  }
  for (let from = version; from < LINK_VERSION; from++) rest = MIGRATIONS[from]?.(rest) ?? rest;
  return rest;
}

/** Each key's first value, in link order; a notice for every later one. */
function firstOfEach(pairs: LinkPair[], notices: string[]): Map<string, string> {
  const given = new Map<string, string>();
  for (const { key, value } of pairs) {
    if (given.has(key)) notices.push(ignored(key, value, `${key} is given more than once; the first counts`));
    else given.set(key, value);
  }
  return given;
}

function capped(notices: string[]): string[] {
  if (notices.length <= MAX_NOTICES) return notices;
  return [...notices.slice(0, MAX_NOTICES - 1), `…and ${notices.length - MAX_NOTICES + 1} more problems with this link.`];
}

/** The link of a ready preset, or null for an unknown id. */
export function presetLink(id: string, view: ViewName = 'train'): string | null {
  return findPreset(id) ? encodeLink({ spec: presetSpec(id), view, lesson: null }) : null;
}

/** The link of a ready lesson (lessons.ts), or null for an unknown id. */
export function lessonLink(id: string): string | null {
  const lesson = findLesson(id);
  return lesson ? encodeLink(lesson) : null;
}
