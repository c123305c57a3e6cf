// parseTable on the edge cases a user's file brings: delimiters, headers, quotes with newlines, a BOM, decimal
// commas, empty lines, missing-value spellings, type inference, and each bad file's message (line, value, fix).
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../../src/data/table/parse-table';
import { PIECE_CHARS } from '../../../src/data/table/read-text';
import { TableError, type Column, type Table } from '../../../src/data/table/types';

const col = (t: Table, name: string): Column => t.columns.find((c) => c.name === name)!;
const categories = (c: Column) => (c.type === 'category' ? c.categories : null);
const values = (c: Column) => (c.type === 'category' ? [...c.codes].map((k) => (k < 0 ? null : c.categories[k])) : [...c.values]);
const rejects = (text: string | Blob, pattern: RegExp, maxRows?: number) =>
  expect(parseTable(text, 'f.csv', { maxRows })).rejects.toThrow(expect.objectContaining({ name: 'TableError', message: expect.stringMatching(pattern) }));

describe('parseTable: reading', () => {
  it.each([[',', ','], [';', ';'], ['\t', '\t'], ['|', '|']])('finds the delimiter %j', async (d) => {
    const t = await parseTable(`x${d}y${d}z\n1${d}2${d}a\n3${d}4${d}b\n`, 'f.csv');
    expect([t.delimiter, t.columns.map((c) => c.name), t.rowCount]).toEqual([d, ['x', 'y', 'z'], 2]);
  });

  it('splits a .tsv whose rows each hold one comma on tabs, and a .csv like it on commas', async () => {
    const text = 'name\ttown, country\nAda\tLondon, UK\nAlan\tWilmslow, UK\n';
    expect((await parseTable(text, 'people.tsv')).columns.map((c) => c.name)).toEqual(['name', 'town, country']);
    expect((await parseTable(text, 'people.csv')).delimiter).toBe(',');
  });

  it('reads decimal commas in a ";" file (and Papa\'s own guess would have split on the commas)', async () => {
    const t = await parseTable('length;width\n3,14;2,5\n1,5;4\n', 'f.csv');
    expect(t.delimiter).toBe(';');
    expect(values(col(t, 'length'))).toEqual([3.14, 1.5]);
    expect(values(col(t, 'width'))).toEqual([2.5, 4]);
  });

  it('reads decimal commas in a tab file, but "3,14" in a comma file is a quoted text', async () => {
    expect(values((await parseTable('a\tb\n3,14\tx\n2,5\ty\n', 'f.tsv')).columns[0])).toEqual([3.14, 2.5]);
    const comma = await parseTable('a,b\n"3,14",x\n"2,5",y\n', 'f.csv');
    expect(comma.columns[0].type).toBe('category');
  });

  it('keeps quoted fields with delimiters, doubled quotes and newlines inside, and counts file lines past them', async () => {
    const t = await parseTable('id,note\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,plain\n', 'f.csv');
    expect(values(col(t, 'note'))).toEqual(['a, b', 'say "hi"', 'two\nlines', 'plain']);
    expect([...t.sourceLines]).toEqual([2, 3, 4, 6]);
  });

  it('drops a UTF-8 byte-order mark, from a string and from a file', async () => {
    for (const input of ['\uFEFFa,b\n1,2\n', new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), 'a,b\n1,2\n'])]) {
      expect((await parseTable(input, 'f.csv')).columns.map((c) => c.name)).toEqual(['a', 'b']);
    }
  });

  it('skips empty lines (CRLF line ends too) and keeps the line numbers of the rows', async () => {
    const t = await parseTable('a,b\r\n\r\n1,2\r\n\r\n3,4\r\n\r\n', 'f.csv');
    expect([t.rowCount, [...t.sourceLines], values(t.columns[1])]).toEqual([2, [3, 5], [2, 4]]);
  });

  it('reads "", NA, ?, null, NaN, N/A and "." (any case, spaces around) as missing', async () => {
    const t = await parseTable('v,w\n1,a\n,b\nNA,c\n ? ,d\nnull,e\nNaN,f\nn/a,g\n.,h\n2.5,i\n', 'f.csv');
    expect(values(col(t, 'v'))).toEqual([1, NaN, NaN, NaN, NaN, NaN, NaN, NaN, 2.5]);
  });

  it('takes a first line of names as the header, and a first line of numbers as data named "column 1"...', async () => {
    const named = await parseTable('height,name\n1.5,x\n2,y\n', 'f.csv');
    expect([named.hasHeader, named.columns.map((c) => c.name), named.rowCount]).toEqual([true, ['height', 'name'], 2]);
    const bare = await parseTable('1.5,x\n2,y\n3,z\n', 'f.csv');
    expect([bare.hasHeader, bare.columns.map((c) => c.name), bare.rowCount, [...bare.sourceLines]]).toEqual([false, ['column 1', 'column 2'], 3, [1, 2, 3]]);
  });

  it('names empty and repeated header cells so every column has its own name', async () => {
    const t = await parseTable('a,,a\n1,2,3\n4,5,6\n', 'f.csv');
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'column 2', 'a (2)']);
  });

  it('streams a file bigger than one piece, a row split across pieces read whole', async () => {
    const row = 'x,"quoted\nacross",1.25\n';
    const rows = Math.ceil((PIECE_CHARS * 2.5) / row.length);
    const fractions: number[] = [];
    const t = await parseTable(new Blob([`a,b,c\n${row.repeat(rows)}`]), 'big.csv', { onProgress: (f) => fractions.push(f) });
    expect(t.rowCount).toBe(rows);
    expect(values(col(t, 'c')).every((v) => v === 1.25)).toBe(true);
    expect(categories(col(t, 'b'))).toEqual(['quoted\nacross']);
    expect(t.sourceLines[rows - 1]).toBe(2 + 2 * (rows - 1));
    expect(fractions.length).toBeGreaterThanOrEqual(3);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
  });

  it('decodes a multi-byte character split across two pieces', async () => {
    // 'é' is two bytes in UTF-8: the first is the last byte of piece one, the second the first of piece two.
    const long = 'x'.repeat(PIECE_CHARS - 3);
    const bytes = new TextEncoder().encode(`a\n${long}é\nz\n`);
    expect([bytes[PIECE_CHARS - 1], bytes[PIECE_CHARS]]).toEqual([0xc3, 0xa9]);
    const t = await parseTable(new Blob([bytes]), 'f.csv');
    expect(t.warnings).toEqual([]);
    const c = t.columns[0];
    expect(c.type === 'category' && c.categories).toEqual([`${long}é`, 'z']);
  });

  it('warns about bytes that are not UTF-8 (a Latin-1 file) and keeps going', async () => {
    const t = await parseTable(new Blob(['name,v\nJos', new Uint8Array([0xe9]), ',1\nAnn,2\n']), 'f.csv');
    expect(t.rowCount).toBe(2);
    expect(t.warnings.join()).toMatch(/1 character was not valid UTF-8.*save the file as UTF-8/);
  });
});

describe('parseTable: column types', () => {
  it('numbers, 0/1 and true/false/yes/no as booleans (with their spellings), anything else a category', async () => {
    const t = await parseTable('n,z,tf,yn,cat\n1.5,0,TRUE,yes,a\n-2e3,1,false,No,b\n7,,True,,a\n', 'f.csv');
    expect(t.columns.map((c) => c.type)).toEqual(['number', 'boolean', 'boolean', 'boolean', 'category']);
    expect(values(col(t, 'n'))).toEqual([1.5, -2000, 7]);
    expect(values(col(t, 'z'))).toEqual([0, 1, NaN]);
    expect(values(col(t, 'tf'))).toEqual([1, 0, 1]);
    expect(values(col(t, 'yn'))).toEqual([1, 0, NaN]);
    expect([col(t, 'z'), col(t, 'tf'), col(t, 'yn')].map((c) => c.type === 'boolean' && c.labels)).toEqual([['0', '1'], ['false', 'TRUE'], ['No', 'yes']]);
    expect(categories(col(t, 'cat'))).toEqual(['a', 'b']);
  });

  it('takes Infinity, hex and thousands separators as text, not numbers', async () => {
    const t = await parseTable('v\nInfinity\n0x10\n"1,000"\n', 'f.csv');
    expect(t.columns[0].type).toBe('category');
  });

  it('drops an all-missing column with a warning naming it', async () => {
    const t = await parseTable('a,empty,b\n1,,x\n2,NA,y\n', 'f.csv');
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(t.warnings).toEqual(['Column "empty" has no values (every cell is empty or missing), so it was left out.']);
  });

  it('flags a category with too many distinct values (an id or a name) and keeps it', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `name${i},${i % 3 === 0 ? 'p' : 'q'}`).join('\n');
    const t = await parseTable(`who,kind\n${rows}\n`, 'f.csv');
    expect(t.columns.map((c) => c.type === 'category' && c.manyDistinct)).toEqual([true, false]);
  });

  it('keeps a category column whose values are partly numbers as a category (with the numbers spelled as in the file)', async () => {
    const t = await parseTable('size\nS\nM\nL\n42\n42.0\nXL\n', 'f.csv');
    const c = t.columns[0];
    expect(c.type === 'category' && c.categories).toEqual(['42', '42.0', 'L', 'M', 'S', 'XL']);
  });

  it('keeps text in a column of more than 1,000 distinct numbers (their spellings rebuilt from the values)', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `${i}.5`);
    const t = await parseTable(`v\n${rows.join('\n')}\n${'text\n'.repeat(300)}`, 'f.csv');
    const c = t.columns[0];
    expect(c.type).toBe('category');
    expect(c.type === 'category' && [c.categories.length, c.categories.includes('1199.5'), c.categories.includes('text')]).toEqual([1201, true, true]);
  });
});

describe('parseTable: bad files get a TableError saying what and where', () => {
  it('a ragged row: which line, how many fields against the header', async () => {
    await rejects('a,b,c\n1,2,3\n4,5\n', /^f\.csv: line 3 has 2 fields but line 1 has 3 \(fields separated by ","\).*fix that line/);
  });

  it('a numeric column with one text cell: the line and the value', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => (i === 13 ? '14,abc' : `${i + 1},${i * 1.5}`));
    await rejects(`id,weight\n${rows.join('\n')}\n`, /^Column "weight" holds numbers, but line 15 has "abc"\. Correct the value, or leave the cell empty \(or write NA\)/);
  });

  it('names the count of further text cells in a numeric column', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => (i === 3 || i === 9 ? 'oops' : String(i)));
    await rejects(`v\n${rows.join('\n')}\n`, /line 5 has "oops" and 1 other cell is not a number either/);
  });

  it('an empty file, and one of empty lines only', async () => {
    await rejects('', /^f\.csv is empty: it has no rows/);
    await rejects(new Blob([]), /^f\.csv is empty/);
    await rejects('\n\n  \n', /^f\.csv is empty/);
  });

  it('a header only', async () => {
    await rejects('a,b,c\n', /^f\.csv has only one line \("a,b,c"\): a header with no data\. Add rows/);
  });

  it('more rows than maxRows (default 500,000), stopping early', async () => {
    await rejects('a\n1\n2\n3\n4\n', /^f\.csv has more than 3 rows.*Load a sample of the rows/, 3);
    await expect(parseTable('1\n2\n3\n', 'f.csv', { maxRows: 3 })).resolves.toMatchObject({ rowCount: 3 });
    await rejects('1\n2\n3\n4\n', /more than 3 rows/, 3);
    const million = `v\n${'1\n'.repeat(1_000_001)}`;
    await rejects(million, /^f\.csv has more than 500,000 rows/);
  });

  it('binary content: a zip or workbook, UTF-16, an image', async () => {
    await rejects(new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0])]), /^f\.csv is a zip archive.*save the sheet as CSV/);
    await rejects(new Blob([new Uint8Array([0xff, 0xfe, 0x61, 0x00])]), /^f\.csv is UTF-16 text\. Save it as UTF-8 CSV/);
    await rejects(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])]), /^f\.csv is not a text table \(it contains binary data/);
    await rejects(new Blob([new Uint8Array(Array.from({ length: 400 }, (_, i) => 0x80 + (i % 60)))]), /^f\.csv is not UTF-8 text/);
  });

  it('a quote that never closes', async () => {
    await rejects('a,b\n1,2\n3,"open\n4,5\n', /^f\.csv: the quote \(\"\) that opens a field on line 3 never closes/);
  });

  it('a malformed quoted field (text after the closing quote), while a quote inside an unquoted field is just a character', async () => {
    await rejects('a,b\nz,2\n"x"y,1\n', /^f\.csv: line 3 has a malformed quoted field \(Trailing quote on quoted field is malformed\)\. A quote inside a quoted field must be doubled/);
    const t = await parseTable('a,b\n5" tv,1\nz,2\n', 'f.csv');
    expect(categories(t.columns[0])).toEqual(['5" tv', 'z']);
  });

  it('is a TableError (instanceof), so the UI can tell bad input from a bug', async () => {
    await expect(parseTable('', 'f.csv')).rejects.toBeInstanceOf(TableError);
  });
});
