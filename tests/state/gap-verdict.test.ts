import { describe, expect, it } from 'vitest';
import { gapLevel, gapVerdict } from '../../src/state/gap-verdict';

describe('gap verdict', () => {
  it('judges the gap in loss units, not as a share of the validation loss', () => {
    // +0.004 on losses of 0.010 → 0.014 is 29% of the validation loss but a negligible gap
    expect(gapLevel(0.004)).toBe('small');
    expect(gapVerdict(0.004)).toMatch(/^Small gap/);
    expect(gapLevel(-0.1)).toBe('small');
    expect(gapLevel(0.1)).toBe('some');
    expect(gapLevel(0.68)).toBe('large');
  });
});
