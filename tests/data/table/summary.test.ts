// The per-column summary (missing, min/mean/max/std, categories by count, outlier counts by |z| > 3 and by the
// IQR fences) and the duplicate and train–test overlap counts, against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../../src/data/table/parse-table';
import { duplicateRows, overlappingRows, summarizeTable } from '../../../src/data/table/summary';

describe('summarizeTable', () => {
  it('numbers: missing, min, mean, max, population std', async () => {
    const [s] = summarizeTable(await parseTable('v\n2\n4\nNA\n4\n4\n5\n5\n7\n9\n', 'f.csv'));
    expect(s).toMatchObject({ name: 'v', type: 'number', missing: 1, min: 2, mean: 5, max: 9, std: 2, usableAsFeature: true });
  });

  it('counts outliers by |z| > 3 and by the Tukey fences, which disagree on small samples', async () => {
    // 20 values 10, one 100: mean 14.29, std 19.17, z(100) = 4.47 > 3; Q1 = Q3 = 10 so the fences are [10, 10].
    const values = [...Array(20).fill(10), 100];
    const [s] = summarizeTable(await parseTable(`v\n${values.join('\n')}\n`, 'f.csv'));
    expect([s.outliersZ, s.outliersIqr]).toEqual([1, 1]);
    // 1..10 and 30: |z|(30) = 2.93 < 3, but Q3 + 1.5·IQR = 8.5 + 7.5 = 16 < 30.
    const [t] = summarizeTable(await parseTable(`v\n${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30].join('\n')}\n`, 'f.csv'));
    expect([t.outliersZ, t.outliersIqr]).toEqual([0, 1]);
  });

  it('categories and booleans: counts most frequent first (ties by name), missing counted', async () => {
    const table = await parseTable('c,b\nx,yes\ny,no\nz,yes\ny,\n,yes\nx,no\n', 'f.csv');
    const [c, b] = summarizeTable(table);
    expect(c).toMatchObject({ type: 'category', missing: 1, categories: [{ value: 'x', count: 2 }, { value: 'y', count: 2 }, { value: 'z', count: 1 }], usableAsFeature: true });
    expect(b).toMatchObject({ type: 'boolean', missing: 1, categories: [{ value: 'yes', count: 3 }, { value: 'no', count: 2 }] });
  });

  it('marks id-like and constant columns unusable as features, with the reason', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `car ${i},1,${i % 2}`).join('\n');
    const [name, constant, fine] = summarizeTable(await parseTable(`name,one,ok\n${rows}\n`, 'f.csv'));
    expect([name.usableAsFeature, name.reason]).toEqual([false, '250 distinct values: an id or free text, not a category']);
    expect([constant.usableAsFeature, constant.reason]).toEqual([false, 'every value is the same']);
    expect(fine.usableAsFeature).toBe(true);
  });
});

describe('duplicates and train–test overlap', () => {
  const csv = 'a,b,c\n1,x,\n2,y,1\n1,x,\n1,x,2\n2,y,1\n2,y,1\n3,z,3\n';

  it('counts rows identical to an earlier one (missing equal to missing)', async () => {
    expect(duplicateRows(await parseTable(csv, 'f.csv'))).toBe(3);
    expect(duplicateRows(await parseTable('a,b\n1,x\n1,y\n2,x\n', 'f.csv'))).toBe(0);
  });

  it('counts test rows equal to some training row', async () => {
    const table = await parseTable(csv, 'f.csv');
    // train: rows 0 (1,x,-) and 1 (2,y,1); test: 2 (= row 0), 3 (new), 4 (= row 1), 6 (new)
    expect(overlappingRows(table, Int32Array.from([0, 1]), Int32Array.from([2, 3, 4, 6]))).toBe(2);
    expect(overlappingRows(table, Int32Array.from([3, 6]), Int32Array.from([0, 1]))).toBe(0);
  });
});
