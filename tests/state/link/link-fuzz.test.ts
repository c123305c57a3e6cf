// Throws random and mutated hashes at decodeLink. Every case has its own seed, printed in the assertion
// message: `new Random(seed)` with the same generator rebuilds the failing hash.
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../src/engine/model/spec';
import { Random } from '../../../src/data/random';
import { validateSpec } from '../../../src/engine/model/validate';
import { decodeLink, encodeLink, LINK_KEYS, UNREADABLE_NOTICE } from '../../../src/state/link/link';
import type { DecodedLink, LinkState } from '../../../src/state/link/types';
import { awkwardText, randomLinkState } from './random-link';

const CASES = 1000;
const pick = <T>(random: Random, items: readonly T[]): T => items[random.int(items.length)];

const LAYER_WORDS = ['dense', 'conv2d', 'conv', 'maxpool', 'avgpool', 'dropout', 'flatten', 'batchnorm', 'bn', 'lstm', ...ACTIVATIONS, 'same', 'valid', 'l1=', 'l2='];
const VALUE_WORDS = ['', '-0', '0', '1', '-1', '0.5', '1e400', '-1e-400', 'NaN', 'Infinity', '0x10', '1_000', '٣', '%', '%E0%A4%A', '%zz',
  'true', 'off', 'adam', 'SGD', 'mnist', 'spiral', 'bumps', 'fashion-mnist', 'mixed_float16', 'val_accuracy', 'export', 'dataset',
  'model.layers,training', '(', ')', ',,', 'dense(64', 'conv2d(8,3,1,same,relu),flatten', '__proto__', 'constructor'];

function randomNumberText(random: Random): string {
  const x = random.normal() * 10 ** random.int(12) * (random.next() < 0.5 ? 1 : 1e-6);
  return pick(random, [String(x), String(Math.round(x)), x.toExponential(random.int(5)), String(-Math.abs(x))]);
}

function randomLayers(random: Random): string {
  const items: string[] = [];
  for (let n = random.int(6); n >= 0; n--) {
    const args = Array.from({ length: random.int(6) }, () => (random.next() < 0.6 ? randomNumberText(random) : pick(random, LAYER_WORDS)));
    items.push(`${pick(random, LAYER_WORDS)}${args.length || random.next() < 0.5 ? `(${args.join(',')})` : ''}`);
  }
  return items.join(pick(random, [',', ',', ', ', ';', '),(']));
}

function junkValue(random: Random): string {
  const roll = random.next();
  if (roll < 0.35) return randomNumberText(random);
  if (roll < 0.65) return pick(random, VALUE_WORDS);
  if (roll < 0.85) return randomLayers(random);
  return encodeURIComponent(awkwardText(random, 30)).replace(/%2C/g, ',');
}

/** Random code units (lone surrogates and control characters included), link-like characters, or key=value pairs. */
function randomHash(random: Random): string {
  const roll = random.next();
  if (roll < 0.2) return String.fromCharCode(...Array.from({ length: random.int(200) }, () => random.int(0x10000)));
  if (roll < 0.45) {
    const chars = [...'abcdefghijklmnopqrstuvwxyz0123456789=&#%(),.+-_ eEvV'];
    return Array.from({ length: random.int(300) }, () => pick(random, chars)).join('');
  }
  const pairs = Array.from({ length: random.int(30) }, () => {
    const key = random.next() < 0.85 ? pick(random, LINK_KEYS) : pick(random, ['', 'x', 'LR', 'V', '%6C%72', '__proto__', 'hasOwnProperty']);
    return `${key}=${key === 'layers' && random.next() < 0.7 ? randomLayers(random) : junkValue(random)}`;
  });
  return `${random.next() < 0.8 ? '#' : ''}${pairs.join('&')}`;
}

/** One edit of a valid hash: delete, duplicate, swap or insert characters, replace or repeat a pair, truncate. */
function mutate(random: Random, hash: string): string {
  const at = random.int(hash.length + 1);
  const pairs = hash.slice(1).split('&');
  const p = random.int(pairs.length);
  switch (random.int(8)) {
    case 0: return hash.slice(0, at) + hash.slice(at + 1);
    case 1: return hash.slice(0, at) + hash.slice(at, at + 1) + hash.slice(at);
    case 2: return at + 1 < hash.length ? hash.slice(0, at) + hash[at + 1] + hash[at] + hash.slice(at + 2) : hash;
    case 3: return hash.slice(0, at) + pick(random, ['&', '=', ',', '(', ')', '%', '#', '+', '&&', '=&']) + hash.slice(at);
    case 4: return hash.slice(0, at);
    case 5: pairs[p] = `${pairs[p].split('=')[0]}=${junkValue(random)}`; return `#${pairs.join('&')}`;
    case 6: pairs.splice(random.int(pairs.length + 1), 0, pairs[p]); return `#${pairs.join('&')}`;
    default: {
      const q = random.int(pairs.length);
      pairs[p] = `${pairs[p].split('=')[0]}=${pairs[q].split('=').slice(1).join('=')}`;
      return `#${pairs.join('&')}`;
    }
  }
}

/** True when some piece of the hash is no pair, or has a key links do not have, or repeats a key. */
function hasIgnorablePiece(hash: string): boolean {
  const body = hash.includes('#') ? hash.slice(hash.indexOf('#') + 1) : hash;
  const seen = new Set<string>();
  for (const piece of body.split('&').filter((piece) => piece.trim() !== '')) {
    if (!piece.includes('=')) return true;
    let key: string;
    try {
      key = decodeURIComponent(piece.slice(0, piece.indexOf('=')).replace(/\+/g, ' ')).trim().toLowerCase();
      decodeURIComponent(piece.slice(piece.indexOf('=') + 1).replace(/\+/g, ' '));
    } catch {
      return true;
    }
    if (!LINK_KEYS.includes(key) || seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** The promises decodeLink keeps for any text; returns the decoded link for further checks. */
function checkAnyHash(hash: string, label: string): DecodedLink {
  let decoded: DecodedLink | undefined;
  expect(() => { decoded = decodeLink(hash); }, label).not.toThrow();
  const { state, notices } = decoded!;
  expect(validateSpec(state.spec).filter((p) => p.severity === 'error'), label).toEqual([]);
  for (const notice of notices) {
    expect(typeof notice === 'string' && notice.length > 0 && notice.length < 600, label).toBe(true);
    expect(notice.startsWith(UNREADABLE_NOTICE), `${label}: ${notice}`).toBe(false);
  }
  expect(notices.length, label).toBeLessThanOrEqual(20);
  // Whatever was read can be written and read back as it is: the page's next link is exact.
  expect(decodeLink(encodeLink(state)), label).toStrictEqual({ state, notices: [] });
  // Nothing is dropped without a word: a piece the link format cannot hold always leaves a notice.
  if (hasIgnorablePiece(hash)) expect(notices.length, `${label}: dropped a piece without a notice`).toBeGreaterThan(0);
  return decoded!;
}

const label = (seed: number, what: string, hash: string) => `seed ${seed} (${what}): ${JSON.stringify(hash.slice(0, 400))}`;

describe('decodeLink under fuzzing', () => {
  it(`survives ${CASES} random hashes: a valid state, and a notice for anything it cannot use`, () => {
    const seeds = new Random(1);
    for (let i = 0; i < CASES; i++) {
      const seed = seeds.fork();
      const hash = randomHash(new Random(seed));
      checkAnyHash(hash, label(seed, 'random', hash));
    }
  });

  it(`survives ${CASES} mutated valid hashes, and gives back every unmutated one exactly`, () => {
    const seeds = new Random(2);
    let changedWithNotice = 0;
    for (let i = 0; i < CASES; i++) {
      const seed = seeds.fork();
      const random = new Random(seed);
      const original: LinkState = randomLinkState(random);
      const hash = encodeLink(original);
      expect(decodeLink(hash), label(seed, 'unmutated', hash)).toStrictEqual({ state: original, notices: [] });
      let mutated = hash;
      for (let edits = 1 + random.int(3); edits > 0; edits--) mutated = mutate(random, mutated);
      const decoded = checkAnyHash(mutated, label(seed, 'mutated', mutated));
      if (decoded.notices.length > 0) changedWithNotice++;
    }
    // The mutations must actually reach the parser's refusals, not only make harmless edits.
    expect(changedWithNotice).toBeGreaterThan(CASES / 3);
  });
});
