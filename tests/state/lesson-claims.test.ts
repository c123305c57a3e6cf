import { describe, expect, it } from 'vitest';
import { judgeClaim, LESSON_CLAIMS, type ArmFigures } from '../../src/state/lesson-claims';
import { LESSONS } from '../../src/state/lessons';

const arm = (over: Partial<ArmFigures>): ArmFigures => ({ trainLoss: null, validationLoss: null, firstLayer: null, recall: null, ...over });

describe('lesson claims', () => {
  it('name lessons that exist', () => {
    const ids = new Set(LESSONS.map((l) => l.lesson?.id));
    for (const id of Object.keys(LESSON_CLAIMS)) expect(ids.has(id), id).toBe(true);
  });

  it('judge a run by the direction from A to B, and wait until both arms have a figure', () => {
    const claim = LESSON_CLAIMS.overfitting;
    expect(judgeClaim(claim, arm({ trainLoss: 0.01 }), arm({ trainLoss: 0.1, validationLoss: 0.6 }))).toBeNull();
    expect(judgeClaim(claim, arm({ trainLoss: 0.01, validationLoss: 0.69 }), arm({ trainLoss: 0.1, validationLoss: 0.6 })))
      .toEqual({ a: expect.closeTo(0.68, 6), b: expect.closeTo(0.5, 6), holds: true });
    const recall = LESSON_CLAIMS['class-weights'];
    const r = (seven: number) => arm({ recall: [1, 1, 1, 1, 1, 1, 1, seven, 1, 1] });
    expect(judgeClaim(recall, r(0.1), r(0.7))?.holds).toBe(true);
    expect(judgeClaim(recall, r(0.7), r(0.1))?.holds).toBe(false);
  });

  it('judge a \'close\' claim by the bound either way, and refuse one without a bound', () => {
    const claim = LESSON_CLAIMS['mixed-precision'];
    const t = (testAccuracy: number) => arm({ testAccuracy });
    expect(judgeClaim(claim, t(0.8), t(0.79))?.holds).toBe(true);
    expect(judgeClaim(claim, t(0.8), t(0.81))?.holds).toBe(true);
    expect(judgeClaim(claim, t(0.8), t(0.75))?.holds).toBe(false);
    expect(judgeClaim(claim, t(0.8), t(0.85))?.holds).toBe(false);
    expect(() => judgeClaim({ ...claim, within: undefined }, t(0.8), t(0.8))).toThrow(/needs its bound/);
  });

  it('judge the quantization lesson on two export rows\' agreement with float32', () => {
    const claim = LESSON_CLAIMS.quantization;
    expect(claim.source).toBe('export');
    const row = (agreement: number) => arm({ agreement });
    expect(judgeClaim(claim, row(1), row(0.995))?.holds).toBe(true);
    expect(judgeClaim(claim, row(1), row(0.98))?.holds).toBe(false);
  });

  it('every \'close\' claim states its bound', () => {
    for (const [id, claim] of Object.entries(LESSON_CLAIMS)) if (claim.direction === 'close') expect(claim.within, id).toBeGreaterThan(0);
  });
});
