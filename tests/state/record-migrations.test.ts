// Stored runs read back: migrated version by version, then checked; anything damaged or too new is skipped
// with a sentence naming the run.
import { describe, expect, it } from 'vitest';
import { readStoredRecord, readStoredSummary, type Migrations } from '../../src/state/record-migrations';
import { summarizeRun } from '../../src/state/run-record';
import { sampleRun } from './run-fixtures';

describe('readStoredRecord', () => {
  it('passes a current record through unchanged', () => {
    const run = sampleRun();
    expect(readStoredRecord(structuredClone(run))).toEqual({ ok: true, value: run });
  });

  it('skips a damaged record, naming it and the field', () => {
    const damaged = { ...sampleRun(), curves: { trainLoss: 'lots' } };
    expect(readStoredRecord(damaged)).toEqual({ ok: false, problem: expect.stringMatching(/^A saved run "Spiral baseline" is damaged and was skipped: curves\.trainLoss must be a list of \{x, y\} points/) });
    expect(readStoredRecord('garbage')).toEqual({ ok: false, problem: 'A saved run without an id is damaged (it has no experiment spec) and was skipped.' });
  });

  it('skips a record of a newer spec version, saying to reload', () => {
    const future = sampleRun();
    (future.spec as { version: number }).version = 3;
    expect(readStoredRecord(future)).toEqual({ ok: false, problem: expect.stringMatching(/newer version of the sandbox \(spec version 3; this page reads 2\).*reload the page/) });
  });

  it('migrates an old record one version at a time, then checks the result', () => {
    // version 1: no initializers on the layers, no clipping or schedule in training
    const old = structuredClone(sampleRun()) as unknown as { spec: { version: number; training: Record<string, unknown>; model: { layers: Record<string, unknown>[] } } };
    old.spec.version = 1;
    for (const key of ['schedule', 'clipnorm', 'clipvalue', 'globalClipnorm']) delete old.spec.training[key];
    for (const layer of old.spec.model.layers) { delete layer.kernelInitializer; delete layer.initStddev; }
    expect(readStoredRecord(structuredClone(old))).toEqual({ ok: true, value: sampleRun() });
    expect(readStoredRecord(old, {})).toEqual({ ok: false, problem: expect.stringMatching(/spec version 1, which this page cannot bring up to date/) });
    // a migration that leaves a broken record is caught by the check
    expect(readStoredRecord(old, { 1: (r) => ({ ...r, spec: { ...(r.spec as object), version: 2, training: {} } }) }).ok).toBe(false);
  });
});

describe('readStoredSummary', () => {
  it('keeps a summary and skips one without a status', () => {
    const summary = summarizeRun(sampleRun());
    expect(readStoredSummary(structuredClone(summary))).toEqual({ ok: true, value: summary });
    expect(readStoredSummary({ ...summary, status: 42 })).toEqual({ ok: false, problem: expect.stringMatching(/^A saved run "Spiral baseline" is damaged/) });
  });
});
