// parseTable: a CSV/TSV file (or string) to a Table, streamed piece by piece through Papa Parse's core parser so
// a 100 MB file never exists as one string: delimiter detection (, ; tab |), quoted fields with newlines inside,
// a BOM, decimal commas in ';' and tab files, empty lines skipped, line numbers kept for messages. Runs in a
// Web Worker and under Node alike (Blob, TextDecoder and Papa Parse are all there).
import Papa from 'papaparse';
import { quoteCell } from './cells';
import { ColumnBuilder } from './column-builder';
import { columnNames, finishColumn, firstLineIsHeader } from './finish-columns';
import { PIECE_CHARS, textPieces } from './read-text';
import { TableError, type Column, type Table } from './types';

export const DEFAULT_MAX_ROWS = 500_000;
const DELIMITERS = [',', ';', '\t', '|'];
/** A row this long means a quote that never closes (the rest of the file became one field). */
const LONGEST_ROW = 16 * PIECE_CHARS;

export interface ParseOptions {
  onProgress?: (fraction: number) => void;
  maxRows?: number;
}

const delimiterName = (d: string) => (d === '\t' ? 'tab' : `"${d}"`);

/**
 * The separator that splits the first rows into the same number of fields, the most fields winning; Papa's own
 * guess prefers more fields over consistency, which picks ',' in a ';' file with decimal commas.
 */
function guessDelimiter(sample: string, fileName: string): { delimiter: string; newline: '\n' | '\r\n' | '\r' } {
  // On a tie (a TSV whose every row has one comma in it too) the file's extension decides.
  const tabFirst = /\.(tsv|tab)$/i.test(fileName);
  const candidates = tabFirst ? ['\t', ...DELIMITERS.filter((d) => d !== '\t')] : DELIMITERS;
  let best = { delimiter: tabFirst ? '\t' : ',', fields: 1 };
  let newline: '\n' | '\r\n' | '\r' = '\n';
  for (const delimiter of candidates) {
    const preview = Papa.parse<string[]>(sample, { delimiter, preview: 20, skipEmptyLines: true });
    newline = preview.meta.linebreak as typeof newline;
    // The sample may end inside a row: leave the last one out unless it is all there is.
    const rows = preview.data.length > 1 && !preview.meta.truncated ? preview.data.slice(0, -1) : preview.data;
    const fields = rows[0]?.length ?? 0;
    if (fields > best.fields && rows.every((r) => r.length === fields)) best = { delimiter, fields };
  }
  return { delimiter: best.delimiter, newline };
}

export async function parseTable(input: Blob | string, fileName: string, options: ParseOptions = {}): Promise<Table> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  let builders: ColumnBuilder[] = [];
  let firstRow: string[] | null = null;
  let lines = new Int32Array(1024);
  let rows = 0;
  let nextLine = 1;
  let carry = '';
  let delimiter = ',';
  let parser: Papa.Parser | null = null;
  let newlineChar = '\n';
  let undecodable = 0;
  const warnings: string[] = [];

  const tooMany = () => new TableError(`${fileName} has more than ${maxRows.toLocaleString('en')} rows, more than the sandbox trains on in a `
    + 'browser tab without running out of memory. Load a sample of the rows (for example every 10th row) instead.');

  for await (const piece of textPieces(input, fileName)) {
    if (!parser) {
      const found = guessDelimiter(piece.text.slice(0, 65536), fileName);
      delimiter = found.delimiter;
      newlineChar = found.newline === '\r' ? '\r' : '\n';
      parser = new Papa.Parser({ delimiter, newline: found.newline });
    }
    for (let at = piece.text.indexOf('\uFFFD'); at !== -1; at = piece.text.indexOf('\uFFFD', at + 1)) undecodable++;
    const text = carry + piece.text;
    const result = parser.parse(text, 0, !piece.last) as Papa.ParseResult<string[]>;
    carry = text.slice(result.meta.cursor);
    if (carry.length > LONGEST_ROW) {
      throw new TableError(`${fileName}: the row starting on line ${nextLine} is longer than ${LONGEST_ROW / 1024 / 1024} MB, so a quote (") `
        + 'that opens a field there probably never closes. Close or remove that quote and load the file again.');
    }
    // File lines per row: one, plus any newlines inside its quoted fields. Those exist only if the consumed text
    // has more newlines than rows (every row but an unterminated last one ends with one), so most pieces skip
    // looking at every field.
    const consumed = piece.last ? text.length : result.meta.cursor;
    const quoted = countOf(text, newlineChar, consumed) > result.data.length - (piece.last ? 1 : 0);
    const errorRow = result.errors.length ? (result.errors[0].row ?? 0) : -1;
    for (let r = 0; r < result.data.length; r++) {
      const row = result.data[r];
      const line = nextLine;
      if (quoted) for (const field of row) for (let at = field.indexOf(newlineChar); at !== -1; at = field.indexOf(newlineChar, at + 1)) nextLine++;
      nextLine++;
      if (r === errorRow) throw quoteError(fileName, line, result.errors[0]);
      if (row.length === 1 && row[0].trim() === '') continue;
      if (!firstRow) {
        firstRow = row;
        builders = row.map(() => new ColumnBuilder(delimiter !== ','));
      } else if (row.length !== builders.length) {
        throw new TableError(`${fileName}: line ${line} has ${row.length} field${row.length === 1 ? '' : 's'} but line ${lines[0]} has `
          + `${builders.length} (fields separated by ${delimiterName(delimiter)}). Every row needs one value per column: `
          + 'fix that line (a missing or extra separator, or a value with the separator in it that needs "quotes").');
      }
      if (rows === lines.length) {
        const grown = new Int32Array(lines.length * 2);
        grown.set(lines);
        lines = grown;
      }
      lines[rows++] = line;
      if (rows > maxRows + 1) throw tooMany();
      for (let j = 0; j < row.length; j++) builders[j].add(row[j]);
    }
    options.onProgress?.(piece.fraction);
  }

  if (rows === 0) throw new TableError(`${fileName} is empty: it has no rows. Load a CSV or TSV file with a header line and rows of values.`);
  const hasHeader = firstLineIsHeader(builders);
  const start = hasHeader ? 1 : 0;
  const rowCount = rows - start;
  if (rowCount === 0) {
    throw new TableError(`${fileName} has only one line (${quoteCell(firstRow!.join(delimiter))}): a header with no data. `
      + 'Add rows of values under it and load the file again.');
  }
  if (rowCount > maxRows) throw tooMany();
  const names = columnNames(hasHeader ? firstRow : null, builders.length);
  const columns = builders.map((b, j) => finishColumn(b, names[j], start, lines, warnings))
    .filter((c): c is Column => c !== null);
  if (columns.length === 0) throw new TableError(`${fileName} has no values in any column. Load a file with data in it.`);
  if (undecodable > 0) {
    warnings.push(`${undecodable} character${undecodable === 1 ? ' was' : 's were'} not valid UTF-8 and show as "\uFFFD": `
      + 'save the file as UTF-8 (in Excel: "CSV UTF-8") to keep them.');
  }
  return { fileName, rowCount, columns, sourceLines: lines.slice(start, rows), hasHeader, delimiter, warnings };
}

function countOf(text: string, char: string, end: number): number {
  let n = 0;
  for (let at = text.indexOf(char); at !== -1 && at < end; at = text.indexOf(char, at + 1)) n++;
  return n;
}

function quoteError(fileName: string, line: number, error: Papa.ParseError): TableError {
  return error.code === 'MissingQuotes'
    ? new TableError(`${fileName}: the quote (") that opens a field on line ${line} never closes. Close it, or remove it, and load the file again.`)
    : new TableError(`${fileName}: line ${line} has a malformed quoted field (${error.message}). A quote inside a quoted field must be doubled ("").`);
}
