// Turns the columns as read into typed columns once the whole file is in: decides whether the first line is a
// header, infers each column's type (number, boolean, category), drops all-missing columns with a warning, and
// rejects a numeric column spoilt by a few text cells, naming the line and the value.
import { booleanWord, quoteCell } from './cells';
import { ColumnBuilder, MISSING_CODE, UNRECORDED_NUMBER } from './column-builder';
import { TableError, type Column } from './types';

/** A column with at least this share of numbers among its non-missing cells is numeric with typos, not text. */
const NUMERIC_SHARE = 0.9;
const MANY_DISTINCT = 200;
const MANY_DISTINCT_MIN = 20;

interface Counts { missing: number; numeric: number; text: number }

function counts(b: ColumnBuilder, start: number): Counts {
  const c = { missing: 0, numeric: 0, text: 0 };
  for (let i = start; i < b.length; i++) {
    if (b.codes[i] === MISSING_CODE) c.missing++;
    else if (Number.isNaN(b.numbers[i])) c.text++;
    else c.numeric++;
  }
  return c;
}

/**
 * The first line names the columns unless it holds a number where the rest of that column is numbers.
 * A table with no numeric column is taken to have a header: most files do, and names cannot be told from values.
 */
export function firstLineIsHeader(builders: ColumnBuilder[]): boolean {
  return !builders.some((b) => {
    const body = counts(b, 1);
    return body.text === 0 && body.numeric > 0 && !Number.isNaN(b.numbers[0]);
  });
}

export function columnNames(firstRow: string[] | null, count: number): string[] {
  const used = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const base = firstRow?.[i]?.trim() || `column ${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base} (${n})`;
    used.add(name);
    return name;
  });
}

/** The typed column, null for an all-missing one (with a warning pushed), or a TableError for numbers with typos. */
export function finishColumn(b: ColumnBuilder, name: string, start: number, lines: Int32Array, warnings: string[]): Column | null {
  const c = counts(b, start);
  const filled = c.numeric + c.text;
  if (filled === 0) {
    warnings.push(`Column "${name}" has no values (every cell is empty or missing), so it was left out.`);
    return null;
  }
  const numbers = () => b.numbers.slice(start, b.length);
  if (c.text === 0) {
    const values = numbers();
    const zeroOne = values.every((v) => Number.isNaN(v) || v === 0 || v === 1);
    return zeroOne ? { name, type: 'boolean', values, labels: ['0', '1'] } : { name, type: 'number', values };
  }
  if (c.numeric === 0) {
    const words = booleanColumn(b, name, start);
    if (words) return words;
  } else if (c.numeric >= NUMERIC_SHARE * filled) {
    throw typoError(b, name, start, lines, c.text);
  }
  return categoryColumn(b, name, start, filled);
}

function booleanColumn(b: ColumnBuilder, name: string, start: number): Column | null {
  const meaning = b.texts.map(booleanWord);
  for (let i = start; i < b.length; i++) if (b.codes[i] !== MISSING_CODE && Number.isNaN(meaning[b.codes[i]])) return null;
  // The header's own text may be in the dictionary; only spellings used in the rows count as labels.
  const label = (value: number, fallback: string) => {
    for (let i = start; i < b.length; i++) if (b.codes[i] !== MISSING_CODE && meaning[b.codes[i]] === value) return b.texts[b.codes[i]];
    return fallback;
  };
  const values = new Float64Array(b.length - start);
  for (let i = start; i < b.length; i++) values[i - start] = b.codes[i] === MISSING_CODE ? NaN : meaning[b.codes[i]];
  return { name, type: 'boolean', values, labels: [label(0, 'false'), label(1, 'true')] };
}

function typoError(b: ColumnBuilder, name: string, start: number, lines: Int32Array, textCells: number): TableError {
  let first = start;
  while (b.codes[first] === MISSING_CODE || !Number.isNaN(b.numbers[first])) first++;
  const others = textCells > 1 ? ` and ${textCells - 1} other cell${textCells > 2 ? 's are' : ' is'} not a number either` : '';
  return new TableError(`Column "${name}" holds numbers, but line ${lines[first]} has ${quoteCell(b.texts[b.codes[first]])}${others}. `
    + 'Correct the value, or leave the cell empty (or write NA) to mark it missing, and load the file again.');
}

function categoryColumn(b: ColumnBuilder, name: string, start: number, filled: number): Column {
  // Strings of the cells in rows from `start` (the header's own text is not a category).
  const used = new Uint8Array(b.texts.length);
  const rebuilt = new Set<string>();
  for (let i = start; i < b.length; i++) {
    const code = b.codes[i];
    if (code >= 0) used[code] = 1;
    else if (code === UNRECORDED_NUMBER) rebuilt.add(String(b.numbers[i]));
  }
  const distinct = new Set<string>(rebuilt);
  b.texts.forEach((t, code) => used[code] && distinct.add(t));
  const categories = [...distinct].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const newCode = new Map(categories.map((t, i) => [t, i]));
  const fromOld = Int32Array.from(b.texts, (t) => newCode.get(t) ?? MISSING_CODE);
  const codes = new Int32Array(b.length - start);
  for (let i = start; i < b.length; i++) {
    const code = b.codes[i];
    codes[i - start] = code >= 0 ? fromOld[code] : code === UNRECORDED_NUMBER ? newCode.get(String(b.numbers[i]))! : MISSING_CODE;
  }
  const manyDistinct = categories.length > MANY_DISTINCT || (categories.length >= MANY_DISTINCT_MIN && categories.length > filled / 2);
  return { name, type: 'category', codes, categories, manyDistinct };
}
