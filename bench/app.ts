// The app's own training, measured as a user runs it: the built app opened on a link to the reference model,
// Train pressed, and the examples/s the page shows read over a steady window, with the main thread's long
// tasks and the worker's messages recorded from before the page's first script (app-probe.ts).
import type { Browser } from 'playwright-core';
import { encodeLink } from '../src/state/link/link';
import { startProfile, stopProfile, type MainThreadProfile } from './app-profile';
import { installAppProbe, type AppProbe } from './app-probe';
import { referenceSpec, type ReferenceModel } from './models';

export interface AppOptions {
  backend: 'webgpu' | 'webgl';
  model: ReferenceModel;
  batchSize: number;
  /** Time skipped after the first throughput report (shader compiles, first chunk sizing). */
  warmMs: number;
  /** Length of the steady window. */
  windowMs: number;
  /** Give up waiting for the first report after this long. */
  maxMs: number;
}

export interface AppMeasurement {
  backend: string;
  /** Median of the examples/s the page showed in the window. */
  examplesPerSecond: number;
  /** Steps the page's counter advanced in the window × batch size, per second: validation pauses included. */
  examplesPerSecondFromSteps: number;
  samples: number[];
  windowMs: number;
  /** Longest main-thread task from pressing Train to the end of the window, and how many went over 50 ms. */
  longestTaskMs: number;
  longTasks: number;
  /** Each of those tasks: ms after Train was pressed, and how long it ran. */
  longTaskList: { afterTrainMs: number; durationMs: number }[];
  /** What the main thread ran from Train to the end of the window (V8 sampling profile). */
  mainThread: MainThreadProfile;
  /** The worker's messages to the page per second of the window, and their bytes per second, by type. */
  messages: Record<string, { perSecond: number; bytesPerSecond: number }>;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;

export async function measureApp(browser: Browser, appUrl: string, o: AppOptions): Promise<AppMeasurement> {
  // the app's own MNIST (8,000 training images, 10% validated on), training long enough for any window
  const spec = referenceSpec(o.model, { batchSize: o.batchSize, trainSize: 8000, validationSplit: 0.1, epochs: 50, backend: o.backend });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.addInitScript(installAppProbe);
    await page.goto(`${appUrl}${encodeLink({ spec, view: 'train', lesson: null })}`);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await train.waitFor();
    await page.waitForFunction(() => !(document.querySelector('button.primary') as HTMLButtonElement | null)?.disabled);
    await page.evaluate(() => { (window as unknown as { __probe: AppProbe }).__probe.trainingSince = performance.now(); });
    const profiling = await startProfile(page);
    await train.click();
    const started = Date.now();
    const read = (): Promise<AppProbe> => page.evaluate(() => structuredClone((window as unknown as { __probe: AppProbe }).__probe));
    let probe = await read();
    while (probe.throughput.length === 0 && Date.now() - started < o.maxMs && errors.length === 0) {
      await page.waitForTimeout(500);
      probe = await read();
    }
    if (probe.throughput.length === 0) throw new Error(`the app showed no examples/s within ${o.maxMs} ms: ${errors.join('; ')}`);
    const from = probe.throughput[0].at + o.warmMs;
    const to = from + o.windowMs;
    await page.waitForTimeout(Math.max(0, to - (await page.evaluate(() => performance.now()))));
    probe = await read();
    const mainThread = await stopProfile(profiling);
    if (errors.length) throw new Error(`the app raised: ${errors.join('; ')}`);
    const backend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '?';
    const shown = probe.throughput.filter((s) => s.at >= from && s.at <= to);
    if (shown.length === 0) throw new Error(`the app showed no examples/s between ${from} and ${to} ms`);
    const steps = probe.steps.filter((s) => s.at >= from && s.at <= to);
    const stepRate = steps.length > 1
      ? ((steps[steps.length - 1].step - steps[0].step) * o.batchSize * 1000) / (steps[steps.length - 1].at - steps[0].at) : 0;
    const seconds = o.windowMs / 1000;
    // the messages counted are those of the whole run; spread over the time since Train they are a rate
    const since = (to - probe.trainingSince!) / 1000;
    const tasks = probe.longTasks.filter((t) => t.start >= probe.trainingSince! && t.start <= to);
    return {
      backend, examplesPerSecond: median(shown.map((s) => s.value)), examplesPerSecondFromSteps: stepRate,
      samples: shown.map((s) => s.value), windowMs: seconds * 1000,
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)), longTasks: tasks.length,
      longTaskList: tasks.map((t) => ({ afterTrainMs: Math.round(t.start - probe.trainingSince!), durationMs: Math.round(t.duration) })),
      mainThread,
      messages: Object.fromEntries(Object.entries(probe.messages).map(([type, m]) =>
        [type, { perSecond: m.count / since, bytesPerSecond: m.bytes / since }])),
    };
  } finally {
    await page.close();
  }
}
