// The live network diagram in Chromium on WebGL: opened before training, it draws every neuron over the plane
// and changes while the spiral MLP trains (two refreshes compared pixel by pixel and by the epoch they were
// read at); its caption says the network in words; an MNIST model says why it cannot be drawn. Screenshots of
// the panel at phone and desktop widths, no horizontal overflow at 360 px, no serious axe violations.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { field, openApp, SCREENSHOTS, useBrowser } from './browser';

const browser = useBrowser();

/** The diagram canvas's pixels, summed with weights by position: differs whenever a drawn pixel changes. */
const pixelSignature = (page: Page) => page.getByTestId('network-diagram').locator('canvas').evaluate((c: HTMLCanvasElement) => {
  const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let sum = 0;
  let coloured = 0;
  for (let i = 0; i < data.length; i += 4) {
    sum = (sum * 31 + data[i] * 7 + data[i + 1] * 3 + data[i + 2]) % 1_000_000_007;
    if (data[i + 3] > 0 && Math.abs(data[i] - data[i + 2]) > 30) coloured++;
  }
  return { sum, coloured, width: c.width, height: c.height };
});
const diagramEpoch = async (page: Page) => Number(await page.getByTestId('network-diagram').getAttribute('data-epoch'));

describe('network diagram', () => {
  it('draws every neuron over the plane and changes while training', async () => {
    const { page, errors } = await openApp(browser());
    await field(page, 'Preset').selectOption('spiral-mlp');
    await field(page, 'Points').fill('300');
    await field(page, 'Epochs').fill('400');
    await field(page, 'Backend').selectOption('wasm'); // the drawing, not the GPU
    const panel = page.getByTestId('network-diagram-panel');
    await panel.locator('summary').click();
    await page.getByRole('button', { name: 'Train', exact: true }).click({ timeout: 90_000 });
    await expect.poll(() => page.getByTestId('network-diagram').count(), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => diagramEpoch(page), { timeout: 60_000 }).toBeGreaterThan(0);
    const first = { epoch: await diagramEpoch(page), pixels: await pixelSignature(page) };
    expect(first.pixels.coloured).toBeGreaterThan(500); // heatmaps and links, not a blank canvas
    expect(first.pixels.width).toBeGreaterThan(200);
    await expect.poll(() => diagramEpoch(page), { timeout: 60_000 }).toBeGreaterThan(first.epoch + 1);
    // a few early epochs can leave every drawn pixel as it was (seen once on a loaded machine): poll for a change
    await expect.poll(async () => (await pixelSignature(page)).sum, { timeout: 60_000 }).not.toBe(first.pixels.sum);
    const summary = await page.getByTestId('diagram-summary').textContent();
    expect(summary).toMatch(/inputs x₁, x₂ → dense_1 \(64 relu, first 16 drawn\) → dense_2 .* → output P\(class 1\)/);
    expect(summary).toMatch(/Strongest link: .*weight -?\d/);

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 30_000 }).toMatch(/^Paused/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: `${SCREENSHOTS}/network-diagram-1280.png` });
    await page.setViewportSize({ width: 360, height: 800 });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: `${SCREENSHOTS}/network-diagram-360.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]); // with the diagram open and drawn
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toMatch(/^Stopped/);

    // a model it cannot draw says why, in the panel (before any run: for the spec being edited)
    const other = await openApp(browser());
    await field(other.page, 'Preset').selectOption('mnist-mlp');
    await expect.poll(() => other.page.getByTestId('diagram-unsupported').textContent(), { timeout: 30_000 }).toMatch(/at most 8 inputs/);
    expect(other.errors).toEqual([]);
    expect(errors).toEqual([]);
  });
});
