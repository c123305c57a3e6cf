// Tables as the engine's Dataset (worker/own-datasets.ts and the page's column choice, state/table-choice.ts):
// the bundled presets' columns, classes and input width agree with what the shipped files give; the seeded split
// is fixed by the seed and covers every row once; a file that no longer fits the spec is refused with the fix;
// the preview's split counts are the ones the trainer uploads; the column choice's width matches the pipeline's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/data/table/parse-table';
import { presetSpec } from '../../src/engine/model/presets';
import type { TableDatasetSpec } from '../../src/engine/model/spec';
import { validateSpec } from '../../src/engine/model/validate';
import { uploadDataset } from '../../src/engine/train/device-data';
import { defaultChoice, tableSpec, tasksFor, withTarget } from '../../src/state/table-choice';
import { splitCounts, tableSchema } from '../../src/worker/describe-data';
import { splitRows, tableData } from '../../src/worker/own-datasets';

const DIR = join(import.meta.dirname, '..', '..', 'datasets', 'tables');
const load = (file: string) => parseTable(new Blob([readFileSync(join(DIR, file))]), file);

describe('bundled tables', () => {
  it.each([['penguins-mlp', 'penguins.csv'], ['cars-regression', 'cars.csv']])('%s: the preset\'s columns fit %s', async (id, file) => {
    const spec = presetSpec(id);
    const d = spec.dataset as TableDatasetSpec;
    const table = await load(file);
    expect(d.rows).toBe(table.rowCount);
    const data = tableData(table, d, spec.training.seed);
    expect(data.dataset.info.inputShape).toEqual([d.inputSize]);
    expect(data.preprocessing.classNames).toEqual(d.classNames);
    // the page's column choice gives the same spec as the preset from the file's schema
    const schema = tableSchema(table);
    expect(tableSpec(d.name, schema, { target: d.target, features: d.features, task: d.task }, d)).toEqual(d);
    expect(validateSpec(spec).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('penguins: the default choice predicts Species from every other column, as three classes', async () => {
    const schema = tableSchema(await load('penguins.csv'));
    const choice = defaultChoice(schema);
    expect(choice).toEqual({ target: 'Species', task: 'classification',
      features: ['Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'] });
    // a whole-number column with few values can be either task; a measurement only a number
    const cylinders = tableSchema(await load('cars.csv')).columns.find((c) => c.name === 'Cylinders')!;
    expect(tasksFor(cylinders)).toEqual(['classification', 'regression']);
    expect(tasksFor(schema.columns.find((c) => c.name === 'Beak Length (mm)')!)).toEqual(['regression']);
    // cars' Name (311 distinct of 406) is left out of the default features
    const cars = tableSchema(await load('cars.csv'));
    expect(withTarget(cars, 'Miles_per_Gallon').features).not.toContain('Name');
  });
});

describe('the seeded split', () => {
  it('puts every row in exactly one split, the same for the same seed and different for another', () => {
    const a = splitRows(101, 0.7, 42);
    expect(a.train.length).toBe(71);
    expect([...a.train, ...a.test].sort((x, y) => x - y)).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect(splitRows(101, 0.7, 42)).toEqual(a);
    expect(splitRows(101, 0.7, 43).train).not.toEqual(a.train);
  });
});

describe('a file that no longer fits', () => {
  it('is refused, naming what it gives and what the experiment expects, and what to do', async () => {
    const table = await load('penguins.csv');
    const d = { ...(presetSpec('penguins-mlp').dataset as TableDatasetSpec), inputSize: 12 };
    expect(() => tableData(table, d, 42)).toThrow(/penguins\.csv now gives 9 inputs .* but the experiment was made for 12 inputs .*Choose the target and feature columns again/);
  });
});

describe('split counts', () => {
  it('are the examples per class the trainer uploads for fitting, validation and test', async () => {
    const spec = presetSpec('penguins-mlp');
    const data = tableData(await load('penguins.csv'), spec.dataset as TableDatasetSpec, spec.training.seed);
    const counts = splitCounts(data.dataset, spec);
    const device = uploadDataset(data.dataset, spec);
    try {
      const perClass = async (y: tf.Tensor) => {
        const labels = await y.data();
        return counts.classNames.map((_, c) => labels.filter((v) => v === c).length);
      };
      expect(counts.train).toEqual(await perClass(device.fit.y));
      expect(counts.validation).toEqual(await perClass(device.validation!.y));
      expect(counts.test).toEqual(await perClass(device.test.y));
      expect(counts.dropped).toBe(0); // the rows with a missing value are counted by the caller (data-handler)
    } finally {
      device.dispose();
    }
  });
});
