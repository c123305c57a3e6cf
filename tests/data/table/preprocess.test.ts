// The table pipeline: task inference, standardization, one-hot, imputation and clipping fitted on the training
// rows only (test rows' values are shown not to move any statistic), rows dropped for a missing target or
// feature, the predict form's encoding equal to the rows', and each TableError a bad choice gets.
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../../src/data/table/parse-table';
import { encodeRecord, encodeRows, featureNames, fitPreprocessing, inferTask, type NumericFeature, type TableChoice } from '../../../src/data/table/preprocess';
import type { Column } from '../../../src/data/table/types';

const rows = (...r: number[]) => Int32Array.from(r);
const choice = (over: Partial<TableChoice>): TableChoice => ({ target: 'y', features: ['n'], task: 'classification', missing: 'mean', clipOutliers: false, ...over });
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const popStd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
const TABLE = 'n,c,y\n1,a,p\n2,b,q\n3,a,p\n,b,q\n4,a,p\n1000,z,q\n';
const TRAIN = rows(0, 1, 2, 3, 4);
const TEST = rows(5);

describe('inferTask', () => {
  const column = async (values: string[]) => (await parseTable(`v\n${values.join('\n')}\n`, 'f.csv')).columns[0] as Column;
  it.each([
    [['a', 'b'], 'classification'],
    [['yes', 'no'], 'classification'],
    [['1', '2', '3', '10', '3'], 'classification'],
    [Array.from({ length: 11 }, (_, i) => String(i)), 'regression'],
    [['1.5', '2', '3'], 'regression'],
  ])('%j → %s', async (values, task) => expect(inferTask(await column(values))).toBe(task));
});

describe('fitPreprocessing: statistics of the training rows only', () => {
  it('standardizes with the training rows\' mean and population std; a test row\'s extreme value changes nothing', async () => {
    const table = await parseTable(TABLE, 'f.csv');
    const prep = fitPreprocessing(table, choice({}), TRAIN);
    const f = prep.features[0] as NumericFeature;
    // train values 1, 2, 3, 4 and the missing one filled with their mean 2.5
    const seen = [1, 2, 3, 2.5, 4];
    expect(f.fill).toBe(2.5);
    expect(f.mean).toBeCloseTo(mean(seen), 12);
    expect(f.std).toBeCloseTo(popStd(seen), 12);
    const other = fitPreprocessing(await parseTable(TABLE.replace('1000', '-7'), 'f.csv'), choice({}), TRAIN);
    expect(other.features).toEqual(prep.features);
    // ...while fitting on every row would have moved the mean a long way
    expect(fitPreprocessing(table, choice({}), rows(0, 1, 2, 3, 4, 5)).features[0]).not.toMatchObject({ mean: f.mean });
    const { x } = encodeRows(prep, table, TEST);
    expect(x[0]).toBeCloseTo((1000 - f.mean) / f.std, 4);
  });

  it('one-hot encodes every category of the file (sorted); one seen only in test rows is all zeros', async () => {
    const table = await parseTable(TABLE, 'f.csv');
    const prep = fitPreprocessing(table, choice({ features: ['c', 'n'] }), TRAIN);
    expect(prep.features[0]).toEqual({ name: 'c', type: 'category', categories: ['a', 'b', 'z'], unseen: ['z'], fill: 0 });
    expect(featureNames(prep)).toEqual(['c=a', 'c=b', 'c=z', 'n']);
    // the width does not depend on which rows the split put in training
    expect(prep.inputSize).toBe(4);
    expect(fitPreprocessing(table, choice({ features: ['c', 'n'] }), rows(0, 1, 2, 3, 4, 5)).inputSize).toBe(4);
    const { x, count } = encodeRows(prep, table, rows(0, 1, 5));
    expect(count).toBe(3);
    expect([...x.subarray(0, 3), ...x.subarray(4, 7), ...x.subarray(8, 11)]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0]);
  });

  it.each([
    ['mean', 2.5],
    ['median', 2],
    ['mostFrequent', 1],
  ] as const)('fills a missing number with the training rows\' %s (%d), in test rows too; test values (99) do not count', async (missing, fill) => {
    // training rows 0-4: 1, 1, 3, 5 and one missing; rows 5-8 (test): one missing, then 99s
    const table = await parseTable('n,y\n1,p\n1,q\n3,p\n5,q\n,p\n,q\n99,p\n99,q\n99,p\n', 'f.csv');
    const prep = fitPreprocessing(table, choice({ missing }), rows(0, 1, 2, 3, 4));
    const f = prep.features[0] as NumericFeature;
    expect(f.fill).toBe(fill);
    expect(encodeRows(prep, table, rows(5)).x[0]).toBeCloseTo((fill - f.mean) / f.std, 5);
  });

  it('fills a missing category with the training rows\' most frequent one (ties to the first in sorted order)', async () => {
    const table = await parseTable('c,y\nb,p\na,q\nb,p\n,q\na,p\nc,q\nc,p\nc,q\n', 'f.csv');
    const prep = fitPreprocessing(table, choice({ features: ['c'], missing: 'median' }), rows(0, 1, 2, 3, 4));
    expect(prep.features[0]).toMatchObject({ categories: ['a', 'b', 'c'], unseen: ['c'], fill: 0 });
    expect([...encodeRows(prep, table, rows(3)).x]).toEqual([1, 0, 0]);
  });

  it('"drop" leaves out rows with a missing feature, and every strategy rows with a missing target, counting them', async () => {
    const table = await parseTable('n,y\n1,p\n,q\n3,\n4,q\n5,p\n', 'f.csv');
    const dropped = encodeRows(fitPreprocessing(table, choice({ missing: 'drop' }), rows(0, 1, 2, 3, 4)), table, rows(0, 1, 2, 3, 4));
    expect([dropped.count, dropped.dropped, [...dropped.y]]).toEqual([3, 2, [0, 1, 0]]);
    const filled = encodeRows(fitPreprocessing(table, choice({ missing: 'mean' }), rows(0, 1, 2, 3, 4)), table, rows(0, 1, 2, 3, 4));
    expect([filled.count, filled.dropped, filled.x.length]).toEqual([4, 1, 4]);
  });

  it('clips to the training rows\' IQR fences before standardizing', async () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30];
    const table = await parseTable(`n,y\n${values.map((v, i) => `${v},${'pq'[i % 2]}`).join('\n')}\n500,p\n`, 'f.csv');
    const prep = fitPreprocessing(table, choice({ clipOutliers: true }), Int32Array.from(values, (_, i) => i));
    const f = prep.features[0] as NumericFeature;
    expect(f.clip).toEqual([3.5 - 7.5, 8.5 + 7.5]);
    const clipped = values.map((v) => Math.min(v, 16));
    expect(f.mean).toBeCloseTo(mean(clipped), 12);
    expect(encodeRows(prep, table, rows(11)).x[0]).toBeCloseTo((16 - f.mean) / f.std, 5);
  });

  it('classification: class names sorted, numbers numerically; regression: y in the file\'s units, its train mean and std recorded', async () => {
    const table = await parseTable('n,k,y\n1,10,p\n2,9,q\n3,10,p\n4,2,q\n5,9,p\n6,2,q\n', 'f.csv');
    const byNumber = fitPreprocessing(table, choice({ target: 'k' }), rows(0, 1, 2, 3));
    expect(byNumber.classNames).toEqual(['2', '9', '10']);
    expect([...encodeRows(byNumber, table, rows(0, 1, 2, 3)).y]).toEqual([2, 1, 2, 0]);
    const regression = fitPreprocessing(table, choice({ target: 'k', task: 'regression' }), rows(0, 1, 2));
    expect([regression.classNames, regression.targetMean, regression.targetStd]).toEqual([[], 29 / 3, popStd([10, 9, 10])]);
    const { y } = encodeRows(regression, table, rows(3));
    expect([y instanceof Float32Array, [...y]]).toEqual([true, [2]]);
  });

  it('is JSON-safe (it is recorded in exports)', async () => {
    const table = await parseTable(TABLE, 'f.csv');
    const prep = fitPreprocessing(table, choice({ features: ['c', 'n'], clipOutliers: true }), TRAIN);
    expect(JSON.parse(JSON.stringify(prep))).toEqual(prep);
  });
});

describe('encodeRecord (the predict form)', () => {
  it('encodes a typed-in row exactly as encodeRows encodes the same row of the file', async () => {
    const table = await parseTable('n,c,b,y\n1,a,yes,p\n2,b,no,q\n3,a,no,p\n4,b,yes,q\n', 'f.csv');
    const prep = fitPreprocessing(table, choice({ features: ['c', 'n', 'b'] }), rows(0, 1, 2));
    expect([...encodeRecord(prep, { n: '4', c: 'b', b: 'yes' })]).toEqual([...encodeRows(prep, table, rows(3)).x]);
    expect([...encodeRecord(prep, { n: '4,0', c: 'b', b: 'YES' })]).toEqual([...encodeRows(prep, table, rows(3)).x]);
    expect([...encodeRecord(prep, { n: '', c: '', b: '1' })]).toEqual([...encodeRecord(prep, { n: '2', c: 'a', b: 'yes' })]);
  });

  it('rejects a value that does not fit, saying what would', async () => {
    const table = await parseTable('n,c,y\n1,a,p\n2,b,q\n3,a,p\n4,b,q\n', 'f.csv');
    const prep = fitPreprocessing(table, choice({ features: ['c', 'n'] }), rows(0, 1, 2));
    expect(() => encodeRecord(prep, { n: 'ten', c: 'a' })).toThrow('"ten" is not a number, and "n" needs one (for example 3.5).');
    expect(() => encodeRecord(prep, { n: '1', c: 'z' })).toThrow('"z" is not a value of "c" seen in training; use one of "a", "b".');
    const drop = fitPreprocessing(table, choice({ features: ['n'], missing: 'drop' }), rows(0, 1, 2));
    expect(() => encodeRecord(drop, {})).toThrow('"n" has no value, and the model was trained leaving out rows with missing values: fill it in.');
  });
});

describe('fitPreprocessing: choices that cannot work get a TableError with the fix', () => {
  const fails = async (csv: string, over: Partial<TableChoice>, message: string) =>
    expect(() => fitPreprocessing(table, choice(over), rows(0, 1, 2, 3))).toThrow(expect.objectContaining({ name: 'TableError', message }));
  let table: Awaited<ReturnType<typeof parseTable>>;
  const load = async (csv: string) => { table = await parseTable(csv, 'f.csv'); };

  it('a target with no values', async () => {
    await load('n,y,z\n1,,p\n2,,q\n3,,p\n4,,q\n');
    // the all-missing column is dropped by the parser, so choosing it names the columns there are
    await fails('', { target: 'y' }, 'f.csv has no column "y"; its columns are "n", "z".');
    // a table built another way can hold an all-missing column
    const n = Float64Array.from([1, 2, 3, 4]);
    table = { ...table, columns: [{ name: 'n', type: 'number', values: n }, { name: 'y', type: 'number', values: new Float64Array(4).fill(NaN) }] };
    await fails('', { task: 'regression' }, 'The target "y" has no values (every cell is missing): choose another target column.');
    await load('n,y\n1,\n2,\n3,\n4,\n5,1.5\n');
    expect(() => fitPreprocessing(table, choice({ task: 'regression' }), rows(0, 1, 2, 3))).toThrow('No training row has a value for the target "y": choose another target.');
  });

  it('a single class, and a class with one example (named)', async () => {
    await load('n,y\n1,p\n2,p\n3,p\n4,p\n');
    await fails('', {}, 'The target "y" has a single class ("p"): there is nothing to tell apart. Choose another target column.');
    await load('n,y\n1,p\n2,p\n3,q\n4,q\n5,rare\n');
    await fails('', {}, 'In the target "y", the class "rare" has a single example, which cannot be in both the training and the test rows. '
      + 'Remove that row from the file (or add examples), or choose another target.');
  });

  it('no feature, and the target among the features', async () => {
    await load('n,y\n1,p\n2,q\n3,p\n4,q\n');
    await fails('', { features: [] }, 'No feature is left to learn from: choose at least one feature column besides the target.');
    await fails('', { features: ['n', 'y'] }, '"y" is both the target and a feature: the model would be handed the answer. Remove it from the features.');
  });

  it('regression on a text target, and no row left after dropping', async () => {
    await load('n,y\n1,p\n,q\n,p\n,q\n');
    await fails('', { task: 'regression' }, 'The target "y" holds text (categories), so it cannot be predicted as a number: choose classification, or a numeric target.');
    expect(() => fitPreprocessing(table, choice({ missing: 'drop' }), rows(1, 2, 3))).toThrow(/^No training row is left once rows with a missing value are dropped/);
  });
});
