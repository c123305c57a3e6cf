// What a first-time user trips on (issue 11), held in the built app: no sideways scrolling from 320 to 1280 px
// with the run controls near the top on a phone; "?" help on keyboard focus, one at a time, inside the window;
// a custom model kept across a dataset switch, with undo; a learning rate changed during a run applied and
// marked on the curve; one text summary per chart; Resume; runs named apart; no serious axe violations.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { seriousViolations } from './axe';
import { field, openApp, screenshot, useBrowser } from './browser';

const browser = useBrowser();

const status = (page: Page) => page.getByTestId('run-status').textContent();
const tooltipsOpen = (page: Page) => page.locator('[role="tooltip"].open').count();

describe('layout and help', () => {
  it('never scrolls sideways from 320 to 1920 px, and on a phone the Train button is on the first screen', async () => {
    const { page, errors } = await openApp(browser(), '', { width: 360, height: 740 });
    await page.getByTestId('main-run-button').waitFor();
    for (const width of [320, 360, 1280, 1920]) {
      await page.setViewportSize({ width, height: 740 });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `page width at ${width} px`).toBeLessThanOrEqual(width);
      if (width <= 360) {
        const top = await page.getByTestId('main-run-button').evaluate((b) => b.getBoundingClientRect().top);
        expect(top, `Train button at ${width} px`).toBeLessThan(740);
        // the curves come before the settings panels in a phone's single column
        const [curves, data] = await Promise.all([
          page.getByLabel('Training curves').evaluate((e) => e.getBoundingClientRect().top),
          page.getByRole('heading', { name: 'Data' }).evaluate((e) => e.getBoundingClientRect().top),
        ]);
        expect(curves).toBeLessThan(data);
      }
      await screenshot(page, `first-use-train-${width}`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens "?" help on keyboard focus, one at a time, and keeps it inside the window near the right edge', async () => {
    const { page } = await openApp(browser(), '', { width: 360, height: 740 });
    await page.getByTestId('main-run-button').waitFor();
    const helps = page.getByRole('button', { name: /^About / });
    // the first tab stop skips to the run controls: Enter there puts focus on the Train button
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the run controls');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('main-run-button');
    // keyboard: from the Preset menu, Shift+Tab lands on its "?"
    await page.getByLabel('Preset', { exact: true }).focus();
    expect(await tooltipsOpen(page)).toBe(0);
    await page.keyboard.press('Shift+Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(focused).toMatch(/^About /);
    expect(await tooltipsOpen(page)).toBe(1);
    // hovering another "?" leaves only that one open
    await helps.nth(3).hover();
    expect(await tooltipsOpen(page)).toBe(1);
    const openId = await page.locator('[role="tooltip"].open').getAttribute('id');
    expect(openId).toBe(await helps.nth(3).getAttribute('aria-controls'));
    // every "?" on the phone's first screens opens inside the window
    const count = Math.min(await helps.count(), 25);
    for (let i = 0; i < count; i++) {
      const help = helps.nth(i);
      if (!(await help.isVisible())) continue;
      await help.focus();
      // the tip is moved inside the window a frame after it opens, hence a poll
      const inside = async () => {
        const box = await page.locator('[role="tooltip"].open').boundingBox();
        return box !== null && box.x >= 0 && box.x + box.width <= 360;
      };
      await expect.poll(inside, { message: `tooltip of ${await help.getAttribute('aria-label')}`, timeout: 2000 }).toBe(true);
    }
    await page.keyboard.press('Escape');
    expect(await tooltipsOpen(page)).toBe(0);
    await page.close();
  });
});

it('keeps a custom model across a dataset switch, says when it cannot, and undoes the switch', async () => {
  const { page } = await openApp(browser());
  await field(page, 'Preset').selectOption('mnist-cnn');
  const layers = page.locator('ol.layers > li.layer:not(.output)');
  const preset = await layers.count();
  await field(page, 'Add layer').selectOption('dense');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  expect(await layers.count()).toBe(preset + 1);
  // MNIST → Fashion-MNIST: same images, the model stays
  await field(page, 'Dataset').selectOption('fashion-mnist');
  expect(await layers.count()).toBe(preset + 1);
  // → Spiral: a CNN cannot take 2D points; the page says so
  await field(page, 'Dataset').selectOption('spiral');
  await expect.poll(() => page.getByTestId('model-notice').textContent()).toMatch(/cannot take Spiral/);
  // → MNIST again: the custom model comes back, not the preset's
  await field(page, 'Dataset').selectOption('mnist');
  expect(await layers.count()).toBe(preset + 1);
  // undo steps back through the switches
  await page.getByTestId('undo').click();
  expect(await field(page, 'Dataset').inputValue()).toBe('spiral');
  await page.close();
});

it('applies a learning rate changed during a run and marks it; Resume; one summary per chart; runs named apart', async () => {
  const spec = presetSpec('moons-mlp');
  spec.training = { ...spec.training, epochs: 6, backend: 'webgl' };
  const { page, errors } = await openApp(browser(), encodeLink({ spec, view: 'train', lesson: null }));
  const main = page.getByTestId('main-run-button');
  // the first Step from idle trains step 1
  await page.getByRole('button', { name: 'Step', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => status(page), { timeout: 90_000 }).toMatch(/^Paused/);
  expect(await page.locator('.status').textContent()).toMatch(/step 1\b/);
  expect(await main.textContent()).toBe('Resume');
  // paused, no examples/s is shown: the last figure would be stale
  expect(await page.getByTestId('throughput').count()).toBe(0);
  // Enter on the button keeps focus on it as it becomes Pause
  await main.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => main.textContent(), { timeout: 30_000 }).toBe('Pause');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('main-run-button');
  expect(await page.getByTestId('pending-changes').isVisible()).toBe(true);
  expect(await field(page, 'Dataset').isDisabled()).toBe(true);
  await screenshot(page, 'first-use-running-1280');
  await field(page, 'Learning rate').fill('0.2');
  const lossChart = page.locator('figure[data-y-label="cross-entropy"]');
  await expect.poll(() => lossChart.getAttribute('data-marks'), { timeout: 30_000 }).not.toBe('');
  const markEpoch = Number(await lossChart.getAttribute('data-marks'));
  expect(await seriousViolations(page)).toEqual([]);
  await expect.poll(() => status(page), { timeout: 200_000, interval: 500 }).toMatch(/^Finished/);
  // the curve goes on past the mark: the run trained on at the new rate
  const summary = await page.getByTestId('summary-loss').textContent();
  expect(summary).toMatch(/^Loss, training [\d.]+ → [\d.]+/);
  expect(await page.getByTestId('summary-accuracy').textContent()).toMatch(/^Accuracy, training [\d.]+% → [\d.]+%/);
  expect(markEpoch).toBeGreaterThan(0);
  expect(markEpoch).toBeLessThan(6);
  // a second run that differs in batch size is named by that difference
  await field(page, 'Batch size').fill('64');
  await main.click();
  await expect.poll(() => status(page), { timeout: 200_000, interval: 500 }).toMatch(/^Finished/);
  await page.getByRole('tab', { name: /Compare runs/ }).click();
  const names = await page.locator('[data-testid="history"] .name').allTextContents();
  expect(names).toHaveLength(2);
  expect(new Set(names).size).toBe(2);
  expect(names[0]).toContain('batch size: 32 → 64');
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

it('an A/B run gives the accuracy chart its own summary, and a wide confusion matrix stays inside the page', async () => {
  const spec = presetSpec('mnist-mlp');
  spec.dataset = { ...spec.dataset, trainSize: 128, testSize: 64 } as typeof spec.dataset;
  // about the page, not the GPU: WASM trains it several times faster than SwiftShader's WebGL
  spec.training = { ...spec.training, epochs: 1, backend: 'wasm' };
  const variant = structuredClone(spec);
  variant.training.learningRate *= 2;
  const { page } = await openApp(browser(), encodeLink({ spec, variant, view: 'train', lesson: null }));
  await page.getByTestId('main-run-button').click({ timeout: 90_000 });
  await expect.poll(() => status(page), { timeout: 200_000, interval: 500 }).toMatch(/^Finished/);
  const accuracy = page.getByTestId('summary-accuracy');
  expect(await accuracy.textContent()).toMatch(/^Accuracy, A: training [\d.]+%.*B: training [\d.]+%/);
  expect(await accuracy.textContent()).not.toMatch(/loss/);
  expect(await page.getByTestId('summary-loss').textContent()).toMatch(/^Loss, A: training [\d.]+/);
  expect(await page.getByTestId('confusion-matrix').count()).toBe(2);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    // charts follow a resize a frame later (Chart.js watches their box), hence a poll
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `page width at ${width} px` }).toBeLessThanOrEqual(width);
    await screenshot(page, `first-use-ab-${width}`);
  }
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});
