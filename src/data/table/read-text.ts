// A file (or a string) as text in pieces of a few megabytes, decoded as UTF-8 across piece boundaries, with a
// check that it is text at all: a spreadsheet workbook, zip or image dropped by mistake gets a message, not garbage.
import { TableError } from './types';

/** Characters per piece: big enough that Papa Parse's per-call overhead vanishes, small enough for progress. */
export const PIECE_CHARS = 4 * 1024 * 1024;

export interface TextPiece { text: string; last: boolean; fraction: number }

export async function* textPieces(input: Blob | string, fileName: string): AsyncGenerator<TextPiece> {
  if (typeof input === 'string') {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    checkText(text.slice(0, 65536), fileName, null);
    for (let at = 0; at < text.length || at === 0; at += PIECE_CHARS) {
      const end = Math.min(at + PIECE_CHARS, text.length);
      yield { text: text.slice(at, end), last: end >= text.length, fraction: text.length ? end / text.length : 1 };
    }
    return;
  }
  // TextDecoder drops a leading UTF-8 byte-order mark itself.
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < input.size || at === 0; at += PIECE_CHARS) {
    const end = Math.min(at + PIECE_CHARS, input.size);
    const bytes = new Uint8Array(await input.slice(at, end).arrayBuffer());
    const last = end >= input.size;
    const text = decoder.decode(bytes, { stream: !last });
    if (at === 0) checkText(text.slice(0, 65536), fileName, bytes);
    yield { text, last, fraction: input.size ? end / input.size : 1 };
  }
}

function checkText(sample: string, fileName: string, bytes: Uint8Array | null): void {
  if (bytes && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new TableError(`${fileName} is a zip archive (an Excel .xlsx or OpenDocument .ods workbook is one), not a text table. `
      + 'Open it in its spreadsheet program and save the sheet as CSV.');
  }
  if (bytes && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new TableError(`${fileName} is UTF-16 text. Save it as UTF-8 CSV (in Excel: "CSV UTF-8") and load it again.`);
  }
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) {
      throw new TableError(`${fileName} is not a text table (it contains binary data: an image, a workbook or a compressed file?). `
        + 'Load a CSV or TSV file: plain text, one row per line.');
    }
    if (c === 0xfffd) bad++;
  }
  if (bad > sample.length / 10) {
    throw new TableError(`${fileName} is not UTF-8 text (${bad} of its first ${sample.length} characters do not decode). `
      + 'Load a CSV or TSV file saved as UTF-8.');
  }
}
