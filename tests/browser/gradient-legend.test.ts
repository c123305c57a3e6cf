// The gradient chart of a deep MLP (8 hidden layers and the output: 9 lines) at 360 px: its legend is HTML under
// the plot, so the plot keeps the chart's whole height; every layer is listed, and pressing one hides its line.
// Screenshots at 360 and 1280.
import { expect, it } from 'vitest';
import { dense } from '../../src/engine/model/presets';
import { SPEC_VERSION, TECHNIQUE_DEFAULTS, trainingDefaults, type ExperimentSpec } from '../../src/engine/model/spec';
import { encodeLink } from '../../src/state/link/link';
import { openApp, SCREENSHOTS, trainToEnd, useBrowser } from './browser';

const browser = useBrowser();

const DEEP: ExperimentSpec = {
  version: SPEC_VERSION,
  dataset: { kind: 'points', name: 'circle', noise: 0.1, numPoints: 200, trainRatio: 0.5, imbalance: { ...TECHNIQUE_DEFAULTS.imbalance } },
  model: { layers: Array.from({ length: 8 }, () => dense(4, 'relu')) },
  training: { ...trainingDefaults(), epochs: 2, backend: 'cpu' },
};

it('a 9-layer gradient chart at 360 px: the legend is under the plot, lists every layer and hides a line', async () => {
  const { page, errors } = await openApp(browser(), encodeLink({ spec: DEEP, view: 'train', lesson: null }), { width: 360, height: 800 });
  await trainToEnd(page);
  const flow = page.getByTestId('gradient-flow');
  const chart = flow.locator('figure.chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-drawn-points')), { timeout: 10_000 }).toBeGreaterThan(0);
  const entries = flow.getByTestId('chart-legend').getByRole('button');
  expect(await entries.allTextContents()).toEqual([...Array.from({ length: 8 }, (_, i) => `dense_${i + 1}`), 'output'].map((l) => expect.stringContaining(l)));
  const plot = (await flow.locator('.canvas').boundingBox())!;
  const legend = (await flow.getByTestId('chart-legend').boundingBox())!;
  expect(legend.y).toBeGreaterThanOrEqual(plot.y + plot.height - 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await flow.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300); // a redraw, for the picture only
  await flow.screenshot({ path: `${SCREENSHOTS}/gradient-legend-360.png` });
  // pressing dense_1 hides its line: Chart.js reports it hidden, and the entry says so
  expect(await chart.getAttribute('data-visible-lines')).toBe('9');
  await entries.first().click();
  expect(await entries.first().getAttribute('aria-pressed')).toBe('false');
  await expect.poll(() => chart.getAttribute('data-visible-lines'), { timeout: 5000 }).toBe('8');
  await page.setViewportSize({ width: 1280, height: 900 });
  await flow.scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  await flow.screenshot({ path: `${SCREENSHOTS}/gradient-legend-1280.png` });
  expect(errors).toEqual([]);
  await page.close();
});
