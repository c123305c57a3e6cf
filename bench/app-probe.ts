// Runs in the app's page before any of its scripts (page.addInitScript): records every main-thread task over
// 50 ms (PerformanceObserver 'longtask'), every message the training worker posts to the page (type, count,
// bytes), and the examples/s the page shows each time it changes. Self-contained: it is serialised into the page.
export interface AppProbe {
  longTasks: { start: number; duration: number }[];
  messages: Record<string, { count: number; bytes: number }>;
  throughput: { at: number; value: number }[];
  /** The step counter the page shows, each time it changes. */
  steps: { at: number; step: number }[];
  trainingSince: number | null;
}

export function installAppProbe(): void {
  const probe: AppProbe = { longTasks: [], messages: {}, throughput: [], steps: [], trainingSince: null };
  (window as unknown as { __probe: AppProbe }).__probe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });

  /** Bytes a structured clone carries, roughly: typed arrays by length, the rest as its JSON. */
  const size = (value: unknown): number => {
    if (ArrayBuffer.isView(value)) return value.byteLength;
    if (Array.isArray(value)) return value.reduce((n: number, v) => n + size(v), 0);
    if (value && typeof value === 'object') return Object.entries(value).reduce((n, [k, v]) => n + k.length + size(v), 0);
    return String(value).length;
  };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (e: MessageEvent) => {
        const type = String((e.data as { type?: string })?.type ?? 'unknown');
        const m = (probe.messages[type] ??= { count: 0, bytes: 0 });
        m.count += 1;
        m.bytes += size(e.data);
      });
    }
  };

  let last = '';
  let lastStep = -1;
  setInterval(() => {
    const text = document.querySelector('[data-testid="throughput"]')?.textContent ?? '';
    if (text && text !== last) probe.throughput.push({ at: performance.now(), value: Number(text.replace(/,/g, '')) });
    last = text;
    const step = Number(/step ([\d,]+)/.exec(document.querySelector('.controls .status')?.textContent ?? '')?.[1]?.replace(/,/g, '') ?? -1);
    if (step !== lastStep && step >= 0) probe.steps.push({ at: performance.now(), step });
    lastStep = step;
  }, 100);
}
