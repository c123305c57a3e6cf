// Markdown tables for the benchmark's results: plain functions, so the Chromium and GPU halves print alike.

export type Cell = string | number | null | undefined;

const format = (c: Cell): string => {
  if (c == null || (typeof c === 'number' && !Number.isFinite(c))) return '–';
  if (typeof c === 'string') return c;
  if (Math.abs(c) >= 100) return Math.round(c).toLocaleString('en');
  if (Math.abs(c) >= 10) return c.toFixed(1);
  return c.toFixed(2);
};

export function markdownTable(header: string[], rows: Cell[][]): string {
  return [header, header.map(() => '---'), ...rows.map((r) => r.map(format))].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** a / b as "1.23×", or – when either is missing. */
export const ratio = (a: number | null | undefined, b: number | null | undefined): string =>
  a != null && b != null && b > 0 ? `${(a / b).toFixed(2)}×` : '–';
