// When a view of the model that training does not need (the decision boundary, weight statistics, the gradient
// probe, the network diagram) may next be read while training runs. Each read costs the backend a pass of its own
// and a read-back, so two rules keep training the main work: a view is never read again while its last read is
// still in flight, and after a slow read it waits long enough that it keeps to a small share of the time
// (nextProbeDelay), though never longer than PROBE_MAX_DELAY_MS, so a view whose reads are very slow still updates
// and then takes more than its budget. Measured on SwiftShader's WebGPU, the spiral MLP's 64×64 boundary read took
// 0.7–0.9 s; read every 300 ms regardless, the views took about three quarters of the worker's time (10 epochs:
// 34.6 s of training against 11.1 s with no views; 17.5 s under these rules). On a real GPU a read takes
// milliseconds and each view keeps its own cadence. A view's first read is not timed for the next: it compiles the
// view's kernels (shaders, pipelines), which later reads do not pay.

/** The share of training time one view's reads may take. */
export const PROBE_BUDGET = 0.02;

/** The longest wait between two reads of a view, so it stays live; on a GPU a read's time also includes waiting for queued steps, which overstates its cost. */
export const PROBE_MAX_DELAY_MS = 5000;

/** Milliseconds from the start of one read to the next, after a read that took `readMs`: long enough to keep within `budget`, between `minMs` and PROBE_MAX_DELAY_MS. */
export function nextProbeDelay(readMs: number, minMs: number, budget = PROBE_BUDGET): number {
  return Math.min(PROBE_MAX_DELAY_MS, Math.max(minMs, readMs / budget));
}

/** One view's schedule: `due()` says whether to start a read now; `time()` runs one and sets the next. */
export class ProbeClock {
  #startedAt = -Infinity;
  #delayMs: number;
  /** Reads in flight: more than one when a read is started outside `due()` (a run's first or last views). */
  #reading = 0;
  #reads = 0;

  /** `minMs`: the view's cadence when reads are cheap; `budget`: the share of time its reads may take. */
  constructor(readonly minMs: number, readonly budget = PROBE_BUDGET) {
    this.#delayMs = minMs;
  }

  /** Milliseconds from one read's start to the next one's, as the last read set it. */
  get delayMs() { return this.#delayMs; }

  /** Whether a read should start at `now`: none is in flight and the delay since the last one's start has passed. */
  due(now = performance.now()): boolean {
    return this.#reading === 0 && now - this.#startedAt >= this.#delayMs;
  }

  /** Runs `read` (whether or not it was due, as a run's last views are read), timing it for the next delay. */
  async time<T>(read: () => Promise<T>): Promise<T> {
    this.#reading += 1;
    const first = this.#reads++ === 0;
    const start = this.#startedAt = performance.now();
    try {
      return await read();
    } finally {
      this.#delayMs = first ? this.minMs : nextProbeDelay(performance.now() - start, this.minMs, this.budget);
      this.#reading -= 1;
    }
  }
}
