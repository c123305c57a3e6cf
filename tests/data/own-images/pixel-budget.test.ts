// The decode budget: takes that fit run at once, one that does not waits for a release, and one larger than the
// whole budget runs alone instead of never.
import { describe, expect, it } from 'vitest';
import { PixelBudget } from '../../../src/data/own-images/pixel-budget';

describe('PixelBudget', () => {
  it('lets takes that fit through at once and holds one that does not until enough is released', async () => {
    const budget = new PixelBudget(100);
    const first = await budget.take(60);
    await budget.take(30);
    let third: (() => void) | null = null;
    const waiting = budget.take(20).then((release) => (third = release));
    await Promise.resolve();
    expect(third).toBeNull();
    first();
    await waiting;
    expect(third).toBeTypeOf('function');
  });

  it('runs a take larger than the whole budget once nothing else holds any', async () => {
    const budget = new PixelBudget(100);
    const small = await budget.take(1);
    let huge = false;
    const waiting = budget.take(10_000).then(() => (huge = true));
    await Promise.resolve();
    expect(huge).toBe(false);
    small();
    await waiting;
    expect(huge).toBe(true);
  });
});
