// The embeddable widget (embed.html) in headless Chromium: a still preview with no worker and no download
// before Train; training after; pausing while its tab is hidden or while the host page has scrolled it out of
// view; the <training-sandbox-widget> element; "Copy embed code" in the app; axe-core on the widget.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './axe';
import { screenshot, useBrowser } from './browser';

/** Tiny runs on WASM: these tests are about the widget (pausing, sizing, drawing), not the GPU, and WASM trains a small MLP several times faster than SwiftShader's WebGL or WebGPU. */
const SHORT = '#v=1&data=xor&noise=0.05&points=120&ratio=0.5&layers=dense(8,tanh)&opt=adam&lr=0.03&batch=16&epochs=4&val=0.2&seed=42&backend=wasm';
/** Long enough never to finish within a test: for watching a run pause and resume. */
const LONG = SHORT.replace('epochs=4', 'epochs=1000');
const MOONS = '#v=1&data=moons&noise=0.1&points=300&ratio=0.5&layers=dense(16,relu),dense(16,relu)&opt=adam&lr=0.01&batch=32&epochs=40&val=0.2&seed=42';
const MNIST = '#v=1&data=mnist&train=2000&test=500&layers=flatten,dense(64,relu)&opt=adam&lr=0.001&batch=64&epochs=2&val=0.1&seed=42';

const browser = useBrowser();

const appUrl = (path: string) => new URL(path, inject('appUrl')).href;

/** A page that records workers started, dataset requests made, and errors. */
async function watchedPage(viewport = { width: 360, height: 640 }) {
  const page = await browser().newPage({ viewport });
  const workers: string[] = [];
  const datasetRequests: string[] = [];
  const errors: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  page.on('request', (r) => r.url().includes('/datasets/') && datasetRequests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, workers, datasetRequests, errors };
}


const step = async (frame: Page | Frame) => Number(await frame.getByTestId('embed-step').textContent());
const phase = (frame: Page | Frame) => frame.getByTestId('embed').getAttribute('data-phase');

/** Presses Train and waits until the run has taken a few steps. */
async function startTraining(frame: Page | Frame) {
  await frame.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => frame.getByTestId('embed-step').textContent().catch(() => '0'), { timeout: 120_000, interval: 300 })
    .toMatch(/^([3-9]|\d{2,})$/);
}

const attribute = (frame: Page | Frame, name: string) => frame.getByTestId('embed').getAttribute(name);

/**
 * Waits for the widget's own pause to settle: the worker's 'paused' phase comes after the last batch of its
 * chunk (events keep their order), so the step shown then is final until something resumes the run. Returns it.
 */
async function expectStopped(frame: Page | Frame, status: string, because: 'tab' | 'scrolled') {
  await expect.poll(() => phase(frame), { timeout: 20_000 }).toBe('paused');
  expect(await attribute(frame, 'data-auto-paused')).toBe(because);
  expect(await frame.getByTestId('embed-phase').textContent()).toBe(status);
  return step(frame);
}

describe('the embed page', () => {
  it('shows a still preview at 360 px with no worker and no download, and passes axe', async () => {
    const { page, workers, datasetRequests, errors } = await watchedPage();
    await page.goto(appUrl(`embed.html${MOONS}`));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Two moons · MLP');
    expect(await page.getByTestId('boundary').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isEnabled()).toBe(true);
    expect(await page.getByRole('link', { name: /Open in the sandbox/ }).getAttribute('href')).toBe(`./index.html${MOONS}`);
    // Nothing fits wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // anything lazy (a worker, a dataset) would be a request: wait until the network has been quiet for 500 ms
    await page.waitForLoadState('networkidle', { timeout: 30_000 });
    await screenshot(page, 'embed-360');
    // Keyboard: Tab reaches the link, the button and the chart switch; the arrow keys switch the chart.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Open in the sandbox/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('embed-train');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('figure.chart figcaption').textContent()).toBe('Accuracy');
    await screenshot(page, 'embed-360-keyboard');
    expect(workers).toEqual([]);
    expect(datasetRequests).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an image set as a card and downloads nothing before Train', async () => {
    const { page, workers, datasetRequests, errors } = await watchedPage();
    await page.goto(appUrl(`embed.html${MNIST}`));
    await expect.poll(() => page.getByTestId('embed-image-card').isVisible()).toBe(true);
    expect(await page.getByTestId('embed-image-card').innerText()).toContain('trains on 2,000 images and tests on 500');
    await page.waitForLoadState('networkidle', { timeout: 30_000 });
    await screenshot(page, 'embed-360-images');
    expect(workers).toEqual([]);
    expect(datasetRequests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains when Train is pressed: epochs advance, the chart gets points, the test accuracy shows', async () => {
    const { page, workers, errors } = await watchedPage();
    await page.goto(appUrl(`embed.html${SHORT}`));
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => workers.length).toBe(1);
    await expect.poll(() => phase(page), { timeout: 180_000, interval: 500 }).toBe('finished');
    expect(await page.getByTestId('embed-epoch').textContent()).toBe('4.0');
    expect(await page.getByTestId('embed-test-accuracy').textContent()).toMatch(/^\d+\.\d%$/);
    await expect.poll(async () => Number(await page.locator('figure.chart').getAttribute('data-drawn-points'))).toBeGreaterThan(3);
    expect(await page.getByTestId('summary-loss').textContent()).toMatch(/^Loss over epochs, training [\d.]+ → [\d.]+/);
    expect(await page.getByRole('button', { name: 'Train again' }).isVisible()).toBe(true);
    await screenshot(page, 'embed-360-trained');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pauses while its tab is hidden and goes on when the tab is shown again', async () => {
    const { page, errors } = await watchedPage();
    await page.goto(appUrl(`embed.html${LONG}`));
    await startTraining(page);
    // Headless Chromium never hides a tab; the widget reads document.visibilityState, so stand in for it.
    const setHidden = (hidden: boolean) => page.evaluate((h) => {
      Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
      Object.defineProperty(document, 'hidden', { value: h, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
    await setHidden(true);
    const stoppedAt = await expectStopped(page, 'Paused: the tab is hidden.', 'tab');
    expect(await page.getByRole('button', { name: 'Resume' }).isVisible()).toBe(true);
    await screenshot(page, 'embed-360-paused');
    expect(await step(page)).toBe(stoppedAt); // nothing trained while the screenshot was taken
    await setHidden(false);
    await expect.poll(() => step(page), { timeout: 30_000 }).not.toBe(stoppedAt);
    expect(await step(page)).toBeGreaterThan(stoppedAt); // went on from where it paused, not from step 0
    expect(await phase(page)).toBe('running');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => phase(page)).toBe('paused');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the widget in a host page', () => {
  /** A host page on the app's origin: a header, the widget's iframe, and a long tail to scroll into. */
  async function hostPage(body: string, viewport = { width: 800, height: 700 }) {
    const watched = await watchedPage(viewport);
    const url = appUrl('examples/test-host.html');
    await watched.page.route(url, (route) => route.fulfill({ contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Host</title></head><body style="margin:0"><main><h1>Host page</h1>${body}` +
        '<div style="height:3000px">The rest of the post.</div></main></body></html>' }));
    await watched.page.goto(url);
    return watched;
  }
  const frameOf = async (page: Page, index = 0) => (await page.locator('iframe').nth(index).elementHandle())!.contentFrame() as Promise<Frame>;

  it('stops stepping while scrolled out of view, goes on when scrolled back, and stays paused if the reader paused it', async () => {
    const { page, errors } = await hostPage(`<iframe src="../embed.html${LONG}" title="Widget" style="width:100%;height:600px;border:0"></iframe>`);
    const frame = await frameOf(page);
    await startTraining(frame);
    await page.evaluate(() => window.scrollTo(0, 2500));
    const stoppedAt = await expectStopped(frame, 'Paused: scrolled out of view.', 'scrolled');
    expect(await step(frame)).toBe(stoppedAt);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => step(frame), { timeout: 30_000 }).not.toBe(stoppedAt);
    expect(await step(frame)).toBeGreaterThan(stoppedAt); // went on from where it paused, not from step 0
    expect(await phase(frame)).toBe('running');

    // A pause the reader asked for outlives scrolling away and back.
    await frame.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => phase(frame)).toBe('paused');
    expect(await attribute(frame, 'data-auto-paused')).toBe('no');
    await page.evaluate(() => window.scrollTo(0, 2500));
    await expect.poll(() => attribute(frame, 'data-hidden'), { timeout: 10_000 }).toBe('scrolled');
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => attribute(frame, 'data-hidden'), { timeout: 10_000 }).toBe('no');
    // seen again, and the rule recorded no pause of its own, so it schedules no resume (widget.svelte.ts follow)
    expect(await attribute(frame, 'data-auto-paused')).toBe('no');
    expect(await phase(frame)).toBe('paused');
    expect(await frame.getByTestId('embed-phase').textContent()).toBe('Paused.');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('<training-sandbox-widget> makes the iframe and fits its height to the widget, phone and desktop', async () => {
    const element = `<script type="module" src="../training-sandbox-widget.js"></script>
      <training-sandbox-widget hash="${MOONS}" label="Moons widget"></training-sandbox-widget>`;
    const heights: number[] = [];
    for (const width of [360, 800]) {
      const { page, workers, errors } = await hostPage(element, { width, height: 700 });
      const iframe = page.locator('training-sandbox-widget iframe');
      expect(await iframe.getAttribute('title')).toBe('Moons widget');
      const frame = await frameOf(page);
      await expect.poll(() => frame.getByRole('heading', { level: 1 }).textContent()).toBe('Two moons · MLP');
      // The frame takes the widget's height, so nothing scrolls inside it.
      await expect.poll(async () => {
        const [outer, inner] = [(await iframe.boundingBox())!.height, await frame.evaluate(() => document.documentElement.scrollHeight)];
        return Math.abs(outer - inner);
      }).toBeLessThanOrEqual(1);
      heights.push((await iframe.boundingBox())!.height);
      expect(workers).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
    expect(heights[0]).toBeGreaterThan(heights[1]); // a phone stacks the picture above the chart
  });
});

describe('Copy embed code in the app', () => {
  it('copies an <iframe> of embed.html with the experiment, which opens as a widget', async () => {
    const context = await browser().newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(appUrl(`index.html${MOONS}`));
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    await expect.poll(() => page.getByText('Embed code copied.').isVisible()).toBe(true);
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toMatch(/^<iframe src="http:\/\/[^"]+\/embed\.html#v=1&amp;data=moons&amp;[^"]+" title="Training Sandbox: Two moons · MLP" width="100%" height="540" style="border:0;max-width:720px" loading="lazy" data-training-sandbox><\/iframe><script>.+<\/script>$/);
    // pasted into a page, the frame fits its height to the widget: no blank band under it, no inner scroll bar
    await page.setContent(`<main style="max-width:720px">${snippet}<p>after</p></main>`);
    const frameElement = page.locator('iframe[data-training-sandbox]');
    await expect.poll(() => frameElement.evaluate((f) => (f as HTMLIFrameElement).style.height), { timeout: 60_000 }).toMatch(/^\d+px$/);
    const widgetHeight = await (await frameElement.elementHandle())!.contentFrame().then((f) => f!.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)));
    await expect.poll(async () => (await frameElement.boundingBox())!.height).toBe(widgetHeight);
    const src = snippet.match(/src="([^"]+)"/)![1].replaceAll('&amp;', '&');
    await page.goto(src);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Two moons · MLP');
    expect(await page.getByTestId('embed-notices').count()).toBe(0); // the link was read in full
    await context.close();
  });
});
