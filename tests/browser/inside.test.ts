// The Inside panel in Chromium on WebGL: while the spiral MLP trains under a cosine schedule, the gradient chart
// receives points (one line per layer), a verdict and the activation table appear, and the learning-rate curve
// draws the planned schedule and the rates used. Screenshots of the panel at phone and desktop widths.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { field, launch, openApp, screenshot, trainToEnd } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('inside the model', () => {
  it('draws gradient norms per layer, activation statistics and the learning-rate curve while training', async () => {
    const { page, errors } = await openApp(browser);
    await field(page, 'Points').fill('300');
    await field(page, 'Epochs').fill('8');
    await field(page, 'Backend').selectOption('webgl');
    await field(page, 'Learning-rate schedule').selectOption('cosineDecay');
    await trainToEnd(page);
    const flow = page.getByTestId('gradient-flow');
    const chartPoints = async (testId: string) => Number(await page.getByTestId(testId).locator('figure.chart').getAttribute('data-drawn-points'));
    await expect.poll(() => chartPoints('gradient-flow'), { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(await flow.locator('figure.chart').getAttribute('data-y-label')).toMatch(/log/);
    expect(await page.getByTestId('gradient-verdict').getAttribute('data-level')).toMatch(/^(healthy|vanishing|exploding)$/);
    const rows = page.getByTestId('activation-stats').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(await rows.first().textContent()).toMatch(/relu.*%/);
    // the planned cosine schedule (one point per step of this short run, up to RATE_CURVE_SAMPLES) and the rates used
    await expect.poll(() => chartPoints('rate-curve'), { timeout: 5000 }).toBeGreaterThan(20);
    expect(await page.getByTestId('rate-curve').getAttribute('data-schedule')).toBe('cosineDecay');
    const panel = page.getByTestId('inside');
    await panel.scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(400); // a chart redraw after the resize, for the picture only
    await panel.screenshot({ path: await screenshot(page, 'inside-1280').then((p) => p.replace('.png', '-panel.png')) });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.waitForTimeout(400);
    await panel.screenshot({ path: `test-results/screenshots/inside-360-panel.png` });
    expect(errors).toEqual([]);
  });
});
