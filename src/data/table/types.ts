// The shapes a parsed table takes in the app: one typed array per column, so a 500,000-row file costs a few
// bytes per cell instead of a JavaScript object per cell, and the arrays can be posted from the worker as they are.

export type ColumnType = 'number' | 'category' | 'boolean';

export interface NumberColumn {
  name: string;
  type: 'number';
  /** NaN = missing */
  values: Float64Array;
}

export interface BooleanColumn {
  name: string;
  type: 'boolean';
  /** 0/1, NaN = missing */
  values: Float64Array;
  /** How the file spelled false and true (e.g. ['no', 'yes'] or ['0', '1']), for summaries and the predict form. */
  labels: [string, string];
}

export interface CategoryColumn {
  name: string;
  type: 'category';
  /** Index into `categories`; -1 = missing. */
  codes: Int32Array;
  /** Distinct values, sorted by code point (the order scikit-learn's OneHotEncoder uses). */
  categories: string[];
  /**
   * Too many distinct values to be a useful feature (an id, a name or free text): more than 200, or more than
   * half of the non-missing cells with at least 20 distinct. Kept in the table; the UI leaves it out by default.
   */
  manyDistinct: boolean;
}

export type Column = NumberColumn | BooleanColumn | CategoryColumn;

export interface Table {
  fileName: string;
  rowCount: number;
  columns: Column[];
  /** For each row, the 1-based line of the file it started on, so later messages can point at the file. */
  sourceLines: Int32Array;
  /** Whether the first line was read as column names (otherwise they are "column 1", "column 2", ...). */
  hasHeader: boolean;
  /** The field separator found: ',', ';', '\t' or '|'. */
  delimiter: string;
  /** Non-fatal notes, in words (a dropped all-missing column, characters that were not UTF-8). */
  warnings: string[];
}

/** Bad input: the message says what is wrong (line, row, value) and what to do about it. */
export class TableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableError';
  }
}

/** Whether a cell of the column is missing (NaN in number/boolean columns, -1 in category columns). */
export function isMissing(column: Column, row: number): boolean {
  return column.type === 'category' ? column.codes[row] < 0 : Number.isNaN(column.values[row]);
}

/** The column named `name`, or a TableError listing the names there are. */
export function columnNamed(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    throw new TableError(`${table.fileName} has no column "${name}"; its columns are ${table.columns.map((c) => `"${c.name}"`).join(', ')}.`);
  }
  return column;
}
