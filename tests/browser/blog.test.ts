// The example blog post (examples/blog-post.html) as the build serves it: two widgets in iframes with relative
// addresses, a still preview in each and no worker until Train, its first widget trained to the end, axe-core.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './axe';
import { screenshot, useBrowser } from './browser';

const browser = useBrowser();

async function openPost(viewport: { width: number; height: number }) {
  const page = await browser().newPage({ viewport });
  const workers: string[] = [];
  const errors: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(new URL('examples/blog-post.html', inject('appUrl')).href);
  return { page, workers, errors };
}

/** The document inside the post's index-th widget, once its title is on screen. */
async function widget(page: Page, index: number): Promise<Frame> {
  const iframe = page.locator('iframe').nth(index);
  await iframe.scrollIntoViewIfNeeded(); // the iframes load lazily
  const frame = (await (await iframe.elementHandle())!.contentFrame())!;
  await expect.poll(() => frame.getByRole('heading', { level: 1 }).textContent().catch(() => ''), { timeout: 30_000 }).toMatch(/^XOR/);
  return frame;
}


describe('the example blog post', () => {
  it('embeds two widgets by relative address, each a still preview with no worker, and passes axe', async () => {
    const { page, workers, errors } = await openPost({ width: 1000, height: 900 });
    const frames = [await widget(page, 0), await widget(page, 1)];
    expect(await frames[0].getByTestId('embed-model').textContent()).toBe('2 → 2 softmax · 6 parameters');
    expect(await frames[1].getByTestId('embed-model').textContent()).toBe('2 → 8 tanh → 2 softmax · 42 parameters');
    for (const frame of frames) {
      expect(new URL(frame.url()).pathname).toMatch(/\/embed\.html$/);
      expect(await frame.getByTestId('embed-notices').count()).toBe(0); // the post's links are read in full
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    // a widget that started anything (a worker, a dataset) would make a request: wait for 500 ms of quiet
    await page.waitForLoadState('networkidle', { timeout: 30_000 });
    await screenshot(page, 'blog-post');
    expect(workers).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    for (const frame of frames) expect(await seriousViolations(frame)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains its first widget to the end', async () => {
    const { page, errors } = await openPost({ width: 1000, height: 900 });
    const frame = await widget(page, 0);
    await frame.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => frame.getByTestId('embed').getAttribute('data-phase'), { timeout: 240_000, interval: 500 }).toBe('finished');
    expect(await frame.getByTestId('embed-epoch').textContent()).toBe('20.0');
    expect(await frame.getByTestId('embed-test-accuracy').textContent()).toMatch(/^\d+\.\d%$/);
    await expect.poll(async () => Number(await frame.locator('figure.chart').getAttribute('data-drawn-points'))).toBeGreaterThan(10);
    await screenshot(page, 'blog-post-trained');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone: the post and its widgets at 360 px', async () => {
    const { page, workers, errors } = await openPost({ width: 360, height: 740 });
    const frame = await widget(page, 0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The post's phone-width frame is tall enough that the widget does not scroll inside it.
    const inner = await frame.evaluate(() => document.documentElement.scrollHeight);
    expect(inner).toBeLessThanOrEqual((await page.locator('iframe').first().boundingBox())!.height);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'blog-post-360');
    expect(workers).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
