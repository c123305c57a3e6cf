// The worker's Handler driven directly under Node, as the page drives it: every event it posts kept in order, and
// promises for the events a test waits for, resolved as they are posted (or at once when already seen).
import { Handler } from '../../src/worker/handler';
import type { Event } from '../../src/worker/protocol';

export type Of<T extends Event['type']> = Extract<Event, { type: T }>;

/** `limitMs`: how long a wait may take before it fails naming what arrived instead (unbounded when not given). */
export function handlerHarness(limitMs?: number) {
  const events: Event[] = [];
  const waiters: { test: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];
  const handler = new Handler((event) => {
    events.push(event);
    for (const w of [...waiters]) if (w.test(event)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(event); }
  });
  const next = (test: (e: Event) => boolean): Promise<Event> => {
    const seen = events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise<Event>((resolve, reject) => {
      const timer = limitMs === undefined ? undefined : setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no awaited event within ${limitMs / 1000} s; got ${events.map((e) => e.type).join(', ')}`));
      }, limitMs);
      const waiter = { test, resolve: (e: Event) => { clearTimeout(timer); resolve(e); } };
      waiters.push(waiter);
    });
  };
  /** The first event of `type` that passes `test`. */
  const first = <T extends Event['type']>(type: T, test: (e: Of<T>) => boolean = () => true) =>
    next((e) => e.type === type && test(e as Of<T>)) as Promise<Of<T>>;
  const phase = (runId: number, phase: string) => next((e) => e.type === 'phase' && e.runId === runId && e.phase === phase);
  return { handler, events, next, first, phase };
}
