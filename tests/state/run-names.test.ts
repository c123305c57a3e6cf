import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec } from '../../src/engine/model/spec';
import { formatDateTime } from '../../src/state/date-format';
import { runName } from '../../src/state/run-records';
import type { TrainingSession } from '../../src/state/session.svelte';

const single = (spec: ExperimentSpec) => ({ runSpecs: [spec], mode: 'single', plannedArms: 1 }) as unknown as TrainingSession;
const when = new Date(2026, 11, 1, 21, 30);

describe('run names', () => {
  it('name a run by its difference from the run kept before it', () => {
    const first = presetSpec('moons-mlp');
    const second = structuredClone(first);
    second.training.learningRate = first.training.learningRate * 10;
    const a = runName(single(first), 0, when);
    const b = runName(single(second), 0, when, first, [a]);
    expect(b).not.toBe(a);
    expect(b).toContain(`learning rate: ${first.training.learningRate} → ${second.training.learningRate}`);
    expect(b).toMatch(/21:30$/);
  });

  it('number a repeat of the same settings in the same minute', () => {
    const spec = presetSpec('moons-mlp');
    const a = runName(single(spec), 0, when);
    const b = runName(single(spec), 0, when, spec, [a]);
    const c = runName(single(spec), 0, when, spec, [b, a]);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(c).toBe(`${a} (3)`);
  });

  it('write dates one way: year first, 24-hour clock', () => {
    expect(formatDateTime(when)).toBe('2026-12-01 21:30');
    expect(formatDateTime('not a date')).toBe('unknown date');
  });
});
