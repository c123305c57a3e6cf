// What one cell of text means: missing, a number (with a decimal point, or a decimal comma in files separated by
// ';' or tabs), or text. Shared by the parser and the predict form so a typed-in value reads as a file's would.

/** Spellings of "no value" (compared trimmed and lower-cased). "." is SAS's and Stata's missing value. */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '?', '.']);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(['true', 'yes']);
const FALSE_WORDS = new Set(['false', 'no']);

/** `cell` is already trimmed. Lower-casing only short cells keeps the common case (a long number or word) cheap. */
export function isMissingText(cell: string): boolean {
  return cell.length === 0 || (cell.length <= 4 && MISSING.has(cell.toLowerCase()));
}

/** The number a trimmed cell holds, or NaN when it is not one. "Infinity", hex and thousands separators are text. */
export function parseNumber(cell: string, decimalComma: boolean): number {
  const first = cell.charCodeAt(0);
  // digits, '+', '-', '.', ',': anything else cannot start a number, so skip the regular expression
  if (!((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46 || first === 44)) return NaN;
  if (NUMBER.test(cell)) return Number(cell);
  if (decimalComma && COMMA_NUMBER.test(cell)) return Number(cell.replace(',', '.'));
  return NaN;
}

/** 1 for true/yes, 0 for false/no (any case), NaN for anything else. */
export function booleanWord(cell: string): number {
  const lower = cell.toLowerCase();
  if (TRUE_WORDS.has(lower)) return 1;
  if (FALSE_WORDS.has(lower)) return 0;
  return NaN;
}

/** A cell quoted for a message: long values shortened so the message stays readable. */
export function quoteCell(cell: string): string {
  return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 37)}...` : cell);
}
