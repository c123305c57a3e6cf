// The gradient verdict on hand-made readings: each level, and the boundaries of its thresholds.
import { describe, expect, it } from 'vitest';
import { GRADIENT_THRESHOLDS, gradientVerdict } from '../../src/state/gradient-verdict';

const reading = (...norms: number[]) => norms.map((norm, i) => ({ layer: i === norms.length - 1 ? 'output' : `dense_${i + 1}`, norm, nonFinite: 0 }));

describe('gradientVerdict', () => {
  it('says nothing before the first reading', () => {
    expect(gradientVerdict([])).toBeNull();
  });
  it('calls a first layer 1000× below the output vanishing, naming the orders of magnitude', () => {
    const v = gradientVerdict(reading(1e-4, 1e-2, 0.1));
    expect(v?.level).toBe('vanishing');
    expect(v?.message).toMatch(/dense_1's gradient is 3 orders of magnitude below output's/);
  });
  it('calls a ratio just above the threshold healthy', () => {
    expect(gradientVerdict(reading(GRADIENT_THRESHOLDS.vanishing * 1.01, 1))?.level).toBe('healthy');
    expect(gradientVerdict(reading(GRADIENT_THRESHOLDS.vanishing * 0.99, 1))?.level).toBe('vanishing');
  });
  it('calls a non-finite gradient exploding, naming the layer', () => {
    const latest = reading(0.1, 0.2);
    latest[1].nonFinite = 3;
    expect(gradientVerdict(latest)?.message).toMatch(/^Exploding: output's gradient is not finite/);
    expect(gradientVerdict(reading(NaN, 0.2))?.level).toBe('exploding');
  });
  it('calls growth beyond 100× since the first reading exploding', () => {
    expect(gradientVerdict(reading(50, 30), reading(0.3, 0.2))?.message).toMatch(/grew 167×/);
    expect(gradientVerdict(reading(20, 10), reading(0.3, 0.2))?.level).toBe('healthy');
  });
});
