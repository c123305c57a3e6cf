// datasets/tables/ as shipped: penguins.csv and cars.csv parse to the columns and types the app expects, hold
// every value of vega-datasets' JSON (checked where node_modules has the package), and summarize sensibly.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../../src/data/table/parse-table';
import { inferTask } from '../../../src/data/table/preprocess';
import { summarizeTable } from '../../../src/data/table/summary';
import type { Column, Table } from '../../../src/data/table/types';

const DIR = join(import.meta.dirname, '..', '..', '..', 'datasets', 'tables');
const VEGA = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'vega-datasets', 'data');
const load = (file: string) => parseTable(new Blob([readFileSync(join(DIR, file))]), file);
const cell = (c: Column, r: number) => (c.type === 'category' ? (c.codes[r] < 0 ? null : c.categories[c.codes[r]]) : Number.isNaN(c.values[r]) ? null : c.values[r]);

function expectSameAsJson(table: Table, json: string): void {
  const records = JSON.parse(readFileSync(join(VEGA, json), 'utf8')) as Record<string, string | number | null>[];
  expect(table.rowCount).toBe(records.length);
  for (const c of table.columns) {
    // "." is the parser's missing value; the JSON has it as a string
    expect(records.map((r) => (r[c.name] === '.' ? null : r[c.name]))).toEqual(Array.from({ length: table.rowCount }, (_, r) => cell(c, r)));
  }
}

describe('datasets/tables', () => {
  it('penguins.csv: 344 penguins, Species a 3-class target, 4 measurements, Sex with 11 missing', async () => {
    const t = await load('penguins.csv');
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Species:category', 'Island:category', 'Beak Length (mm):number',
      'Beak Depth (mm):number', 'Flipper Length (mm):number', 'Body Mass (g):number', 'Sex:category']);
    const summary = summarizeTable(t);
    expect(summary[0].categories).toEqual([{ value: 'Adelie', count: 152 }, { value: 'Gentoo', count: 124 }, { value: 'Chinstrap', count: 68 }]);
    expect(summary.map((s) => s.missing)).toEqual([0, 0, 2, 2, 2, 2, 11]);
    expect(inferTask(t.columns[0])).toBe('classification');
    expect(summary.every((s) => s.usableAsFeature)).toBe(true);
    expect(t.warnings).toEqual([]);
  });

  it('cars.csv: 406 cars, Miles_per_Gallon a regression target with 8 missing, Name kept but not a feature', async () => {
    const t = await load('cars.csv');
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Name:category', 'Miles_per_Gallon:number', 'Cylinders:number',
      'Displacement:number', 'Horsepower:number', 'Weight_in_lbs:number', 'Acceleration:number', 'Year:category', 'Origin:category']);
    const summary = summarizeTable(t);
    expect(inferTask(t.columns[1])).toBe('regression');
    expect(summary.map((s) => s.missing)).toEqual([0, 8, 0, 0, 6, 0, 0, 0, 0]);
    expect([summary[0].usableAsFeature, summary[0].reason]).toEqual([false, '311 distinct values: an id or free text, not a category']);
    expect(summary.slice(1).every((s) => s.usableAsFeature)).toBe(true);
    expect(summary[7].categories).toHaveLength(12);
  });

  it.skipIf(!existsSync(VEGA))('both hold every value of vega-datasets\' JSON (skipped without node_modules/vega-datasets: npm install)', async () => {
    expectSameAsJson(await load('penguins.csv'), 'penguins.json');
    expectSameAsJson(await load('cars.csv'), 'cars.json');
  });
});
