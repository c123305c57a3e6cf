import { describe, expect, it } from 'vitest';
import { exportRuns, importRuns, summarizeRun, type RunRecord } from '../../src/state/run-record';
import { divergedRun, regressionRun, sampleRun } from './run-fixtures';

/** An export file holding whatever is given as runs. */
const fileWith = (runs: unknown[]) => exportRuns(runs as RunRecord[]);

/** A sample run with one field replaced (or, for undefined, deleted). */
function broken(path: string, value: unknown): unknown {
  const run = structuredClone(sampleRun()) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, run);
  if (value === undefined) delete parent[keys.at(-1)!];
  else parent[keys.at(-1)!] = value;
  return run;
}

describe('exportRuns / importRuns', () => {
  it('round-trips runs exactly, NaN and Infinity included', () => {
    const runs = [sampleRun(), regressionRun(), divergedRun({ pairId: 'pair-1', pairRole: 'variant', notes: 'lr 10' })];
    const text = exportRuns(runs, new Date('2025-03-02T08:00:00Z'));
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'training-sandbox-runs', version: 1, exportedAt: '2025-03-02T08:00:00.000Z' });
    expect(file.runs[2].curves.trainLoss[1].y).toEqual({ $number: 'NaN' });
    expect(file.runs[0].evaluation.report.roc.thresholds[0]).toEqual({ $number: 'Infinity' });
    const imported = importRuns(text);
    expect(imported.problems).toEqual([]);
    expect(imported.runs).toEqual(runs);
    expect(imported.runs[2].curves.trainLoss[2].y).toBe(Infinity);
  });

  it('refuses what is not an export of runs, saying what it is', () => {
    expect(importRuns('{"format": "training-sandbox-runs", ').problems[0]).toMatch(/^This file is not JSON \(.+\)\. Choose a file made by "Export runs"/);
    expect(importRuns('[1, 2]').problems).toEqual(['This file holds no runs export. Choose a file made by "Export runs" in this sandbox.']);
    expect(importRuns('{"format": "keras-model"}').problems[0]).toMatch(/its format is "keras-model", not "training-sandbox-runs"/);
    expect(importRuns('{"format": "training-sandbox-runs", "version": 2, "runs": []}').problems[0])
      .toMatch(/newer version of the sandbox \(format version 2; this page reads version 1\)\. Reload the page/);
    expect(importRuns('{"format": "training-sandbox-runs", "version": "1", "runs": []}').problems[0]).toMatch(/version is "1"; expected 1/);
    expect(importRuns('{"format": "training-sandbox-runs", "version": 1}').problems[0]).toMatch(/"runs" is missing/);
    for (const text of ['', '[1, 2]', '{"format": "x"}']) expect(importRuns(text).runs).toEqual([]);
  });

  it('keeps the valid runs and skips each broken one, naming the run and the field', () => {
    const cases: [unknown, string][] = [
      [broken('name', undefined), 'Skipped run 1: name must be a string (it is missing).'],
      [broken('status', 'exploded'), 'Skipped run 1 ("Spiral baseline"): status must be one of finished, stopped, diverged, crashed (got "exploded").'],
      [broken('createdAt', 'yesterday'), 'Skipped run 1 ("Spiral baseline"): createdAt must be an ISO date such as 2025-01-31T12:00:00Z (got "yesterday").'],
      [broken('durationMs', -5), 'Skipped run 1 ("Spiral baseline"): durationMs must be a finite number, 0 or more (got -5).'],
      [broken('curves.validationLoss.1.y', 'low'), 'Skipped run 1 ("Spiral baseline"): curves.validationLoss.1.y must be a number (got "low").'],
      [broken('curves.series', { lossScale: [{ x: 'a', y: 1 }] }), 'Skipped run 1 ("Spiral baseline"): curves.series.lossScale.0.x must be a finite number (epochs) (got "a").'],
      [broken('spec.training.optimizer', 'adamw'), 'Skipped run 1 ("Spiral baseline"): spec.training.optimizer must be one of sgd, momentum, adam, rmsprop (got "adamw").'],
      [broken('spec.model.layers.1', { type: 'dense', units: 8 }), 'Skipped run 1 ("Spiral baseline"): spec.model.layers.1.activation must be one of relu, tanh, sigmoid, elu, selu, swish, linear (it is missing).'],
      [broken('spec.dataset.name', 'mnist'), 'Skipped run 1 ("Spiral baseline"): spec.dataset.name must be one of circle, xor, gaussians, spiral, moons, bumps (got "mnist").'],
      [broken('spec.training.learningRate', 50),
        'Skipped run 1 ("Spiral baseline"): its spec cannot be trained (spec.training.learningRate): Learning rate must be a number from 0.000001 to 10 (got 50).'],
      [broken('evaluation.report.accuracy', undefined), 'Skipped run 1 ("Spiral baseline"): evaluation.report.accuracy must be a number (it is missing).'],
      [broken('evaluation', 'none'), 'Skipped run 1 ("Spiral baseline"): evaluation must be an object, or null without one (got "none").'],
      [broken('backend.statuses.2.software', 'yes'), 'Skipped run 1 ("Spiral baseline"): backend.statuses.2.software must be a boolean (got "yes").'],
      [broken('pairRole', 'control'), 'Skipped run 1 ("Spiral baseline"): pairRole must be one of baseline, variant (got "control").'],
      [42, 'Skipped run 1: the run must be an object (got 42).'],
    ];
    for (const [run, message] of cases) {
      const result = importRuns(fileWith([sampleRun({ id: 'good' }), run]));
      expect(result.problems).toEqual([message.replace('run 1', 'run 2')]);
      expect(result.runs.map((r) => r.id)).toEqual(['good']);
    }
  });

  it('gives fresh ids to runs whose id is taken, and a fresh pairId to their pair', () => {
    const pair = [sampleRun({ id: 'a', pairId: 'p', pairRole: 'baseline' }), sampleRun({ id: 'b', pairId: 'p', pairRole: 'variant' })];
    const text = exportRuns([...pair, sampleRun({ id: 'c' }), sampleRun({ id: 'c' })]);
    const { runs, problems } = importRuns(text, ['a', 'b', 'x']);
    expect(problems).toEqual([]);
    const ids = runs.map((r) => r.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids[2]).toBe('c'); // the first c is free; the second repeats it
    expect(ids.filter((id) => ['a', 'b', 'x'].includes(id))).toEqual([]);
    expect(runs[0].pairId).toBe(runs[1].pairId);
    expect(runs[0].pairId).not.toBe('p');
    expect(runs.map((r) => r.pairRole)).toEqual(['baseline', 'variant', undefined, undefined]);
    const untouched = importRuns(text, []).runs;
    expect(untouched.slice(0, 2).map((r: RunRecord) => [r.id, r.pairId])).toEqual([['a', 'p'], ['b', 'p']]);
  });
});

describe('summarizeRun', () => {
  it('drops the curves and the evaluation and keeps the headline number', () => {
    const summary = summarizeRun(sampleRun());
    expect(summary).not.toHaveProperty('curves');
    expect(summary).not.toHaveProperty('evaluation');
    expect(summary.headline).toEqual({ label: 'accuracy', value: 0.75 });
    expect(summarizeRun(regressionRun()).headline).toEqual({ label: 'mse', value: 0.3125 });
    expect(summarizeRun(divergedRun()).headline).toBeNull();
  });
});
