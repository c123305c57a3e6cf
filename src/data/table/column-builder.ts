// One column as it is read, before its type is known: every cell goes straight into two growing typed arrays
// (its number, or NaN; its code in a dictionary of distinct strings) so that parsing a big file allocates
// nothing per cell beyond the strings Papa Parse hands over.
import { isMissingText, parseNumber } from './cells';

/** Code of a missing cell. */
export const MISSING_CODE = -1;
/** Code of a number read after the dictionary stopped taking numbers (its text is rebuilt from the value). */
export const UNRECORDED_NUMBER = -2;
/**
 * A column of numbers stops recording their spellings once it has this many distinct ones: they are only needed
 * if the column turns out to be text after all, and a float column would otherwise keep every value twice.
 */
const NUMBER_SPELLINGS = 1000;

export class ColumnBuilder {
  numbers = new Float64Array(1024);
  codes = new Int32Array(1024);
  length = 0;
  /** Distinct non-missing cells in first-seen order; `codes` index into it. */
  readonly texts: string[] = [];
  // Plain fields, not #private ones: transpiled for older targets, those become WeakMap look-ups on every cell.
  private readonly codeOf = new Map<string, number>();
  private textSeen = false;
  private recordNumbers = true;

  constructor(private readonly decimalComma: boolean) {}

  add(raw: string): void {
    if (this.length === this.codes.length) this.grow();
    const cell = raw.trim();
    const i = this.length++;
    if (isMissingText(cell)) {
      this.numbers[i] = NaN;
      this.codes[i] = MISSING_CODE;
      return;
    }
    const value = parseNumber(cell, this.decimalComma);
    this.numbers[i] = value;
    // Row 0 may be the header, whose names are text in any column.
    if (Number.isNaN(value)) this.textSeen ||= i > 0;
    else if (!this.recordNumbers) {
      this.codes[i] = UNRECORDED_NUMBER;
      return;
    }
    let code = this.codeOf.get(cell);
    if (code === undefined) {
      code = this.texts.length;
      this.texts.push(cell);
      this.codeOf.set(cell, code);
      if (!this.textSeen && this.texts.length >= NUMBER_SPELLINGS) this.recordNumbers = false;
    }
    this.codes[i] = code;
  }

  private grow(): void {
    const numbers = new Float64Array(this.codes.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const codes = new Int32Array(this.codes.length * 2);
    codes.set(this.codes);
    this.codes = codes;
  }
}
