// The text layer of links: `key=value&key=value` with form-style escaping (`+` is a space), strict number
// parsing, and the wording of notices. Knows nothing about specs.

export interface LinkPair {
  /** Lower-cased and trimmed, so `LR=0.1` reads as `lr`. */
  key: string;
  /** Percent-decoded. */
  value: string;
}

export type Parsed<T> = { value: T } | { reason: string };

/** Longest value quoted in a notice; longer ones are cut with an ellipsis. */
const QUOTE_LENGTH = 48;

/** Quotable text: control characters made visible, cut to `max` characters. */
export function shorten(text: string, max = QUOTE_LENGTH): string {
  const visible = text.replace(/[\u0000-\u001f\u007f]/g, '\ufffd');
  const chars = Array.from(visible);
  return chars.length <= max ? visible : `${chars.slice(0, max - 1).join('')}…`;
}

/** The one wording of a refused key: `Ignored lr=abc: not a number; kept 0.01.` */
export function ignored(key: string, value: string, reason: string, kept?: string): string {
  const why = reason.replace(/\.$/, '');
  const tail = kept === undefined ? '.' : `; kept ${kept === '' ? '(none)' : shorten(kept)}.`;
  return `Ignored ${shorten(key, 24)}=${shorten(value)}: ${why}${tail}`;
}

/** Characters encodeURIComponent escapes that a URL fragment allows, kept readable: `dense(64,relu)`, `a,b`. */
const READABLE = { '%2C': ',', '%3A': ':', '%2F': '/', '%40': '@', '%3D': '=', '%3F': '?' } as Record<string, string>;

/**
 * A value as it appears in a link: spaces as `+`, `&`, `#`, `%` and `+` escaped, commas and brackets as they are.
 * A closing full stop or comma is escaped too, because chat apps and Markdown leave it out of a pasted link.
 */
export function encodeValue(value: string): string {
  // encodeURIComponent throws on a lone surrogate half; such text has no UTF-8 form, so it becomes U+FFFD
  const wellFormed = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\ufffd');
  const escaped = encodeURIComponent(wellFormed)
    .replace(/%2[0CF]|%3[ADF]|%40/g, (code) => (code === '%20' ? '+' : READABLE[code]));
  return escaped.replace(/[.,!?:]$/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeText(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** The pairs of a hash (`#a=1&b=2`, or a whole URL), and a notice for each piece that is no pair at all. */
export function splitHash(hash: string): { pairs: LinkPair[]; notices: string[] } {
  const text = String(hash ?? '');
  const start = text.indexOf('#');
  const body = start >= 0 ? text.slice(start + 1) : text;
  const pairs: LinkPair[] = [];
  const notices: string[] = [];
  for (const piece of body.split('&')) {
    if (piece.trim() === '') continue;
    const equals = piece.indexOf('=');
    if (equals < 0) {
      notices.push(`Ignored ${shorten(piece)}: not a key=value pair.`);
      continue;
    }
    const key = decodeText(piece.slice(0, equals));
    const value = decodeText(piece.slice(equals + 1));
    if (key === undefined || value === undefined) {
      notices.push(`Ignored ${shorten(piece)}: broken percent-encoding (a literal % is written %25).`);
      continue;
    }
    pairs.push({ key: key.trim().toLowerCase(), value });
  }
  return { pairs, notices };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A decimal number (`0.01`, `1e-3`); not NaN, Infinity, hex or empty text. Negative zero reads as zero. */
export function parseNumber(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return { reason: 'not a number' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { reason: 'too large a number' };
  return { value: value + 0 };
}

function formatRange([min, max]: readonly [number, number]): string {
  return `from ${min} to ${max}`;
}

/** A number within [min, max]; whole numbers only when `whole`. */
export function parseInRange(text: string, range: readonly [number, number], whole: boolean): Parsed<number> {
  const parsed = parseNumber(text);
  if ('reason' in parsed) return parsed;
  const { value } = parsed;
  if (whole && !Number.isInteger(value)) return { reason: `must be a whole number ${formatRange(range)}` };
  if (value < range[0] || value > range[1]) {
    return { reason: `out of range: must be ${whole ? 'a whole number' : 'a number'} ${formatRange(range)}` };
  }
  return { value };
}

/** One of a fixed list of words, matched case-insensitively. */
export function parseChoice<T extends string>(text: string, options: readonly T[]): Parsed<T> {
  const wanted = text.trim().toLowerCase();
  const match = options.find((option) => option.toLowerCase() === wanted);
  return match === undefined ? { reason: `must be one of ${options.join(', ')}` } : { value: match };
}

const TRUE_WORDS = ['1', 'true', 'on', 'yes'];
const FALSE_WORDS = ['0', 'false', 'off', 'no'];

/** Links write 1 and 0; true/false, on/off and yes/no are read too. */
export function parseFlag(text: string): Parsed<boolean> {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return { value: true };
  if (FALSE_WORDS.includes(word)) return { value: false };
  return { reason: 'must be 1 (on) or 0 (off)' };
}

export const encodeFlag = (on: boolean) => (on ? '1' : '0');
