// The Inside panel in Chromium on WebGL: while the spiral MLP trains under a cosine schedule, the gradient chart
// receives points (one line per layer), a verdict and the activation table appear, and the learning-rate curve
// draws the planned schedule and the rates used. Screenshots of the panel at phone and desktop widths.
import { describe, expect, it } from 'vitest';
import { field, openApp, SCREENSHOTS, trainTinyMnistCnn, trainToEnd, useBrowser } from './browser';

const browser = useBrowser();

describe('inside the model', () => {
  it('draws gradient norms per layer, activation statistics and the learning-rate curve while training', async () => {
    const { page, errors } = await openApp(browser());
    await field(page, 'Points').fill('300');
    await field(page, 'Epochs').fill('8');
    await field(page, 'Backend').selectOption('webgl');
    await field(page, 'Learning-rate schedule').selectOption('cosineDecay');
    await trainToEnd(page);
    const flow = page.getByTestId('gradient-flow');
    const chartPoints = async (testId: string) => Number(await page.getByTestId(testId).locator('figure.chart').getAttribute('data-drawn-points'));
    await expect.poll(() => chartPoints('gradient-flow'), { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    // the 2D set's two inputs, ranked by permutation importance, and attributed for the first test row
    await expect.poll(() => page.getByTestId('importance-row').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.getByTestId('attribution-row').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^x₁/), expect.stringMatching(/^x₂/)]));
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
    await panel.screenshot({ path: `${SCREENSHOTS}/inside-1280-panel.png` });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.waitForTimeout(400);
    await panel.screenshot({ path: `${SCREENSHOTS}/inside-360-panel.png` });
    expect(errors).toEqual([]);
  });

  it('shows saliency, first-layer filters and feature maps for a small CNN on WebGL', async () => {
    const { page, errors } = await openApp(browser());
    await trainTinyMnistCnn(page);
    await expect.poll(() => page.getByTestId('saliency').locator('canvas').count(), { timeout: 60_000 }).toBe(4);
    expect(await page.getByTestId('conv-filters').locator('canvas').count()).toBe(8);
    expect(await page.getByTestId('feature-maps').count()).toBe(2);
    // the drawn map is not blank: some pixel carries the overlay's colour
    const painted = await page.getByTestId('saliency-0').locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] > data[i + 2] + 40) coloured++;
      return coloured;
    });
    expect(painted).toBeGreaterThan(10);
    await page.getByLabel('Method').selectOption('plain');
    const panel = page.getByTestId('inside');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('saliency').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await panel.screenshot({ path: `${SCREENSHOTS}/inside-cnn-1280-panel.png` });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.waitForTimeout(300);
    await panel.screenshot({ path: `${SCREENSHOTS}/inside-cnn-360-panel.png` });
    expect(errors).toEqual([]);
  });
});
