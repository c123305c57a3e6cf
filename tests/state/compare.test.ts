import { describe, expect, it } from 'vitest';
import { compareRuns, formatDuration, type ComparisonTable } from '../../src/state/compare';
import { divergedRun, regressionRun, sampleRun } from './run-fixtures';

const rowOf = (table: ComparisonTable, key: string) => {
  const row = table.rows.find((r) => r.key === key);
  if (!row) throw new Error(`no row ${key}; rows: ${table.rows.map((r) => r.key).join(', ')}`);
  return row;
};
const texts = (table: ComparisonTable, key: string) => rowOf(table, key).cells.map((c) => c.text);
const bests = (table: ComparisonTable, key: string) => rowOf(table, key).cells.map((c) => c.best);

describe('compareRuns', () => {
  const a = sampleRun(); // test accuracy 0.75; train loss ends 0.3, validation loss 0.5, train acc 0.9, val acc 0.8
  const b = sampleRun({
    id: 'run-b', name: 'With dropout', durationMs: 65_432, epochsTrained: 3,
    curves: {
      trainLoss: [{ x: 1, y: 0.45 }], trainAccuracy: [{ x: 1, y: 0.82 }], validationLoss: [{ x: 1, y: 0.48 }],
      validationAccuracy: [{ x: 1, y: 0.81 }], series: {},
    },
  });
  if (b.evaluation?.task === 'classification') b.evaluation = { ...b.evaluation, report: { ...b.evaluation.report, accuracy: 0.8 } };

  it('lists the runs and the classification rows, each value from the run', () => {
    const table = compareRuns([a, b]);
    expect(table.runs).toEqual([{ id: 'run-a', name: 'Spiral baseline', status: 'finished' }, { id: 'run-b', name: 'With dropout', status: 'finished' }]);
    expect(table.rows.map((r) => r.key)).toEqual([
      'testAccuracy', 'macroF1', 'trainLoss', 'validationLoss', 'trainAccuracy', 'validationAccuracy', 'accuracyGap', 'lossGap',
      'epochs', 'duration', 'backend',
    ]);
    expect(texts(table, 'testAccuracy')).toEqual(['75.00%', '80.00%']);
    expect(texts(table, 'trainLoss')).toEqual(['0.3000', '0.4500']);
    expect(texts(table, 'accuracyGap')).toEqual(['+10.000 pts', '+1.000 pts']);
    expect(texts(table, 'lossGap')).toEqual(['+0.200', '+0.030']);
    expect(texts(table, 'duration')).toEqual(['12.3 s', '1 min 05 s']);
    expect(texts(table, 'backend')).toEqual(['webgl', 'webgl']);
    expect(rowOf(table, 'macroF1').cells[0].value).toBe(a.evaluation?.task === 'classification' ? a.evaluation.report.macroAverage.f1 : NaN);
  });

  it('marks the best by the right direction: higher, lower, or closer to zero', () => {
    const table = compareRuns([a, b]);
    expect(bests(table, 'testAccuracy')).toEqual([false, true]);
    expect(bests(table, 'trainLoss')).toEqual([true, false]);
    expect(bests(table, 'validationLoss')).toEqual([false, true]);
    expect(bests(table, 'accuracyGap')).toEqual([false, true]);
    expect(bests(table, 'duration')).toEqual([true, false]);
    expect(bests(table, 'epochs')).toEqual([false, false]);
    expect(bests(table, 'backend')).toEqual([false, false]);
    expect(rowOf(table, 'accuracyGap').better).toBe('closerToZero');
  });

  it('marks every tied run, including values that only look equal', () => {
    const c = sampleRun({ id: 'run-c', durationMs: 12_300 });
    const table = compareRuns([a, b, c]);
    expect(bests(table, 'trainLoss')).toEqual([true, false, true]);
    expect(bests(table, 'duration')).toEqual([true, false, true]); // 12,345 ms and 12,300 ms both read 12.3 s
    const negative = sampleRun({ id: 'run-n', curves: { ...a.curves, trainAccuracy: [{ x: 1, y: 0.7 }] } }); // gap −10 points: as close to 0 as +10
    expect(bests(compareRuns([a, negative]), 'accuracyGap')).toEqual([true, true]);
  });

  it('never marks a lone value, a missing one, or a non-finite one', () => {
    expect(compareRuns([a]).rows.every((r) => r.cells.every((c) => !c.best))).toBe(true);
    const table = compareRuns([a, divergedRun()]);
    expect(texts(table, 'trainLoss')).toEqual(['0.3000', 'Infinity']);
    expect(bests(table, 'trainLoss')).toEqual([false, false]);
    expect(texts(table, 'testAccuracy')).toEqual(['75.00%', '—']);
    expect(bests(table, 'testAccuracy')).toEqual([false, false]);
    expect(texts(table, 'backend')).toEqual(['webgl', '—']);
  });

  it('shows regression rows for regression runs, and both kinds side by side', () => {
    const r1 = regressionRun();
    const r2 = regressionRun({ id: 'run-r2', evaluation: { task: 'regression', report: { count: 4, mse: 0.1, mae: 0.2, r2: null, r2UndefinedReason: 'constant' } } });
    const table = compareRuns([r1, r2]);
    expect(table.rows.map((r) => r.key)).toEqual(['testMse', 'testMae', 'testR2', 'trainLoss', 'validationLoss', 'lossGap', 'epochs', 'duration', 'backend']);
    expect(texts(table, 'testMse')).toEqual(['0.3125', '0.1000']);
    expect(bests(table, 'testMse')).toEqual([false, true]);
    expect(texts(table, 'testR2')).toEqual(['0.750', '—']);
    const mixed = compareRuns([a, r1]);
    expect(texts(mixed, 'testAccuracy')).toEqual(['75.00%', '—']);
    expect(texts(mixed, 'testMse')).toEqual(['—', '0.3125']);
  });
});

describe('formatDuration', () => {
  it('reads milliseconds, seconds and minutes', () => {
    expect([formatDuration(850), formatDuration(12_345), formatDuration(59_940), formatDuration(125_000)])
      .toEqual(['850 ms', '12.3 s', '59.9 s', '2 min 05 s']);
  });
});
