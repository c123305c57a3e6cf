// When the Arm reads its views while training: the delay rule, and the clock that never starts a read while one is
// in flight and backs off after a slow read. performance.now is stubbed so reads take a chosen time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextProbeDelay, PROBE_BUDGET, PROBE_MAX_DELAY_MS, ProbeClock } from '../../../src/engine/evaluate/probe-clock';

let clock = 0;
afterEach(() => vi.restoreAllMocks());
function stubNow(start: number) {
  clock = start;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
}
/** A read that takes `ms` of stubbed time and resolves once `release` is called. */
function slowRead(ms: number) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => { release = () => { clock += ms; resolve(); }; });
  return { read: () => done.then(() => 'read'), release };
}

describe('nextProbeDelay', () => {
  it('keeps a view within its time budget, between its cadence and the longest wait', () => {
    expect(nextProbeDelay(5, 1000)).toBe(1000);
    expect(nextProbeDelay(60, 1000)).toBeCloseTo(60 / PROBE_BUDGET, 9);
    expect(nextProbeDelay(60, 300, 0.05)).toBeCloseTo(1200, 9);
    expect(nextProbeDelay(5000, 1000)).toBe(PROBE_MAX_DELAY_MS);
  });
});

describe('ProbeClock', () => {
  /** A clock whose first read (which only compiles, and is not timed) is done. */
  async function warmClock(minMs: number, budget?: number) {
    const probe = new ProbeClock(minMs, budget);
    await probe.time(async () => { clock += 10_000; });
    expect(probe.delayMs).toBe(minMs); // however long the first read took
    return probe;
  }

  it('is due at once, then not while its read is in flight, then after its cadence from the read’s start', async () => {
    stubNow(10_000);
    const probe = new ProbeClock(300);
    expect(probe.due()).toBe(true);
    const { read, release } = slowRead(2);
    const reading = probe.time(read);
    expect(probe.due(clock + 60_000)).toBe(false); // in flight, however long ago it started
    release();
    expect(await reading).toBe('read');
    expect(probe.delayMs).toBe(300);
    expect(probe.due(10_000 + 299)).toBe(false);
    expect(probe.due(10_000 + 300)).toBe(true);
  });

  it('waits longer after a slow read, so that its reads keep to their budget', async () => {
    stubNow(0);
    const probe = await warmClock(300, 0.05);
    const start = clock;
    const { read, release } = slowRead(100);
    const reading = probe.time(read);
    release();
    await reading;
    expect(probe.delayMs).toBeCloseTo(100 / 0.05, 9);
    expect(probe.due(start + 1_999)).toBe(false);
    expect(probe.due(start + 2_000)).toBe(true);
  });

  it('stays not due while any of two overlapping reads is in flight', async () => {
    stubNow(0);
    const probe = await warmClock(300);
    const [a, b] = [slowRead(1), slowRead(1)];
    const first = probe.time(a.read);
    const second = probe.time(b.read); // started outside due(), as a run's first and last views are
    a.release();
    await first;
    expect(probe.due(clock + 60_000)).toBe(false);
    b.release();
    await second;
    expect(probe.due(clock + 60_000)).toBe(true);
  });

  it('is due again after a read that failed, and passes the failure on', async () => {
    stubNow(0);
    const probe = await warmClock(500);
    const start = clock;
    await expect(probe.time(async () => { clock += 1; throw new Error('lost device'); })).rejects.toThrow('lost device');
    expect(probe.due(start + 499)).toBe(false);
    expect(probe.due(start + 500)).toBe(true);
  });
});
