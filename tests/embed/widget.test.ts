// The embedded widget's pause rule (embed/widget.svelte.ts) over a real training session (an in-thread worker
// on tfjs's CPU backend): it pauses a run the reader cannot see and resumes it RESUME_AFTER_MS after it is seen
// again; a run the reader paused stays paused however often it is scrolled away and back. The "stays paused"
// half uses fake timers while the worker is idle, so "nothing happened" is shown without waiting for it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RESUME_AFTER_MS, EmbedWidget } from '../../src/embed/widget.svelte';
import { connectedSession } from '../state/in-thread-worker';

/** XOR with a small MLP on the CPU backend, long enough never to finish within the test. */
const LONG = '#v=1&data=xor&noise=0.05&points=2000&ratio=0.5&layers=dense(8,tanh)&opt=adam&lr=0.03&batch=8&epochs=1000&val=0.2&seed=42&backend=cpu';

beforeEach(() => vi.stubGlobal('document', { baseURI: 'http://sandbox.test/' }));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function widget() {
  const { session, workers } = connectedSession();
  return { widget: new EmbedWidget(LONG, session), workers };
}

const poll = (what: string, done: () => boolean) => expect.poll(done, { timeout: 30_000, interval: 10, message: what }).toBe(true);

describe('EmbedWidget.follow', () => {
  it('pauses a run scrolled out of sight and resumes it once it has been seen again for RESUME_AFTER_MS', async () => {
    const { widget: w, workers } = widget();
    w.press();
    await poll('the run trains', () => w.session.phase === 'running' && w.session.main.step > 0);
    w.follow('scrolled');
    expect(w.autoPaused).toBe('scrolled');
    await poll('the worker pauses', () => w.session.phase === 'paused');
    const pausedAt = w.session.main.step;
    w.follow(null);
    expect(w.autoPaused).toBe('scrolled'); // not yet: a quick scroll past does not resume
    await poll('the run resumes by itself', () => w.session.phase === 'running' && w.session.main.step > pausedAt);
    expect(w.autoPaused).toBeNull();
    expect(workers[0].commands.map((c) => c.type)).toEqual(['prepare', 'start', 'pause', 'start']);
    w.dispose();
  });

  it('leaves a run the reader paused paused, however it is scrolled away and back', async () => {
    const { widget: w, workers } = widget();
    w.press();
    await poll('the run trains', () => w.session.phase === 'running' && w.session.main.step > 0);
    w.press(); // the reader pauses
    await poll('the worker pauses', () => w.session.phase === 'paused');
    const commands = workers[0].commands.length;
    vi.useFakeTimers();
    for (const hidden of ['scrolled', null, 'tab', null] as const) {
      w.follow(hidden);
      vi.advanceTimersByTime(10 * RESUME_AFTER_MS);
    }
    expect(w.autoPaused).toBeNull();
    expect(workers[0].commands).toHaveLength(commands); // no start, no pause: nothing was sent
    vi.useRealTimers();
    expect(w.session.phase).toBe('paused');
    w.dispose();
  });

  it('a run paused by a hidden tab and then scrolled away resumes only when seen again', async () => {
    const { widget: w, workers } = widget();
    w.press();
    await poll('the run trains', () => w.session.phase === 'running' && w.session.main.step > 0);
    w.follow('tab');
    await poll('the worker pauses', () => w.session.phase === 'paused');
    vi.useFakeTimers();
    w.follow('scrolled');
    vi.advanceTimersByTime(10 * RESUME_AFTER_MS);
    expect(w.autoPaused).toBe('scrolled');
    expect(workers[0].commands.map((c) => c.type)).toEqual(['prepare', 'start', 'pause']);
    w.follow(null);
    vi.advanceTimersByTime(RESUME_AFTER_MS - 1);
    expect(workers[0].commands.at(-1)?.type).toBe('pause');
    vi.advanceTimersByTime(1);
    expect(workers[0].commands.at(-1)?.type).toBe('start');
    vi.useRealTimers();
    w.dispose();
  });
});
