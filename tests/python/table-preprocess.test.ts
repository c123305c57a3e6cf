// The table pipeline against scikit-learn on penguins.csv: standardization, one-hot and imputation (mean,
// median, most frequent) fitted on the same 70% training rows give the same inputs for every row, training and
// test, within 1e-6 (the pipeline's float32 output against sklearn's float64).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permutation, Random } from '../../src/data/random';
import { parseTable } from '../../src/data/table/parse-table';
import { encodeRows, featureNames, fitPreprocessing, type MissingStrategy } from '../../src/data/table/preprocess';
import type { Table } from '../../src/data/table/types';
import { PYTHON, python } from './python';

const CSV = join(import.meta.dirname, '..', '..', 'datasets', 'tables', 'penguins.csv');
const FEATURES = ['Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'];
const STRATEGIES: MissingStrategy[] = ['mean', 'median', 'mostFrequent'];

let root: string;
let table: Table;
let train: Int32Array;
let all: Int32Array;

beforeAll(async () => {
  const check = spawnSync(PYTHON, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' });
  if (check.status !== 0) {
    throw new Error(`This test needs scikit-learn and numpy for ${PYTHON} (${(check.stderr || '').trim().split('\n').pop()}): `
      + '`sudo apt-get install -y python3-sklearn`, or set TORCH_PYTHON to an interpreter that has them.');
  }
  root = await mkdtemp(join(tmpdir(), 'table-oracle-'));
  table = await parseTable(readFileSync(CSV, 'utf8'), 'penguins.csv');
  const order = permutation(table.rowCount, new Random(344));
  train = order.slice(0, Math.round(table.rowCount * 0.7)).sort();
  all = Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const job = {
    csv: CSV, train: [...train], encode: [...all],
    features: FEATURES.map((name) => ({ name, type: table.columns.find((c) => c.name === name)!.type })),
    cases: STRATEGIES.map((missing) => ({ missing, out: join(root, `${missing}.bin`) })),
  };
  await writeFile(join(root, 'job.json'), JSON.stringify(job));
  await python([join(import.meta.dirname, 'table_oracle.py'), join(root, 'job.json')]);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the table pipeline against scikit-learn (penguins.csv, 241 training rows of 344)', () => {
  it.each(STRATEGIES)('missing = %s: every row\'s inputs match SimpleImputer → StandardScaler / OneHotEncoder within 1e-6', async (missing) => {
    const prep = fitPreprocessing(table, { target: 'Species', features: FEATURES, task: 'classification', missing, clipOutliers: false }, train);
    expect(featureNames(prep)).toEqual(['Island=Biscoe', 'Island=Dream', 'Island=Torgersen', ...FEATURES.slice(1, 5), 'Sex=FEMALE', 'Sex=MALE']);
    const { x, count } = encodeRows(prep, table, all);
    expect(count).toBe(344);
    const expected = new Float64Array((await readFile(join(root, `${missing}.bin`))).buffer.slice(0));
    expect(expected.length).toBe(x.length);
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - expected[i]));
    console.log(`missing = ${missing}: largest difference from scikit-learn ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-6);
  });
});
