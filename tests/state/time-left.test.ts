import { describe, expect, it } from 'vitest';
import { formatTimeLeft, runSecondsLeft, secondsLeft } from '../../src/state/time-left';

describe('time left', () => {
  it('divides what is left by the speed, and says nothing until the speed is known', () => {
    expect(secondsLeft(1000, 100)).toBe(10);
    expect(secondsLeft(1000, 0)).toBeNull();
    expect(secondsLeft(1000, NaN)).toBeNull();
  });

  it('words a duration as a person rounds it', () => {
    expect(formatTimeLeft(null)).toBe('estimating time left…');
    expect(formatTimeLeft(4)).toBe('under 10 s left');
    expect(formatTimeLeft(42)).toBe('about 40 s left');
    expect(formatTimeLeft(150)).toBe('about 3 min left');
    expect(formatTimeLeft(3600 + 20 * 60)).toBe('about 1 h 20 min left');
    expect(formatTimeLeft(2 * 3600)).toBe('about 2 h left');
  });

  it('ends a run with its slowest arm and ignores arms that have ended', () => {
    const arm = { epoch: 5, epochs: 10, examplesPerEpoch: 100, ended: false };
    // 500 examples left at 50/s and at 25/s: the pair needs 20 s
    expect(runSecondsLeft([{ ...arm, examplesPerSecond: 50 }, { ...arm, examplesPerSecond: 25 }])).toBe(20);
    expect(runSecondsLeft([{ ...arm, examplesPerSecond: 50 }, { ...arm, examplesPerSecond: 0, ended: true }])).toBe(10);
    expect(runSecondsLeft([{ ...arm, examplesPerSecond: 0 }])).toBeNull();
  });
});
