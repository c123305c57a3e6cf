// Picking which test example to explain, in Chromium on WebGL: after a 2D set's run, "Next test row" makes the
// attribution that of row 2 (other inputs, other values); after a small CNN's run, pressing a sample image makes
// the saliency that of the image picked (one map, a different picture). Screenshots at 1280 and 360.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { field, openApp, SCREENSHOTS, trainTinyMnistCnn, trainToEnd, useBrowser } from './browser';

const browser = useBrowser();

async function shots(page: Page, name: string, picker: string) {
  const panel = page.getByTestId('inside');
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId(picker).scrollIntoViewIfNeeded();
    await page.waitForTimeout(300); // a chart redraw after the resize, for the picture only
    await panel.screenshot({ path: `${SCREENSHOTS}/${name}-${width}-panel.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
}

describe('explaining a picked test example', () => {
  it('a 2D set: the next test row gets its own attribution', async () => {
    const { page, errors } = await openApp(browser());
    await field(page, 'Points').fill('300');
    await field(page, 'Epochs').fill('3');
    await field(page, 'Backend').selectOption('wasm'); // the page's part: inside.test.ts explains on WebGL
    await trainToEnd(page);
    const heading = page.getByTestId('feature-importance').locator('h3').nth(1);
    await expect.poll(() => heading.textContent(), { timeout: 10_000 }).toMatch(/test row 1\b/);
    const rows = page.getByTestId('attribution-row');
    const firstRow = (await rows.allTextContents()).sort();
    await page.getByRole('button', { name: 'Next test row' }).click();
    await expect.poll(() => heading.textContent(), { timeout: 20_000 }).toMatch(/test row 2\b/);
    expect((await rows.allTextContents()).sort()).not.toEqual(firstRow);
    expect(await page.getByTestId('explain-status').textContent()).toBe('');
    await page.getByLabel('Test row', { exact: true }).fill('40');
    await page.getByLabel('Test row', { exact: true }).press('Enter');
    await expect.poll(() => heading.textContent(), { timeout: 20_000 }).toMatch(/test row 40\b/);
    await shots(page, 'explain-row', 'test-row-picker');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a CNN: pressing a sample image explains that image', async () => {
    const { page, errors } = await openApp(browser());
    await trainTinyMnistCnn(page, 'wasm'); // the page's part, not the GPU's
    const maps = page.getByTestId('saliency').locator('canvas');
    await expect.poll(() => maps.count(), { timeout: 60_000 }).toBe(4);
    const pixels = () => page.getByTestId('saliency-0').locator('canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL());
    const before = await pixels();
    const picker = page.getByTestId('test-image-picker').getByRole('button');
    expect(await picker.count()).toBeGreaterThanOrEqual(10);
    await picker.nth(9).click();
    await expect.poll(() => maps.count(), { timeout: 60_000 }).toBe(1);
    expect(await picker.nth(9).getAttribute('aria-pressed')).toBe('true');
    expect(await pixels()).not.toBe(before);
    // the caption names the picked image's true class, as the picker's label does
    const label = await picker.nth(9).getAttribute('aria-label');
    const truth = label?.match(/\((.+)\)$/)?.[1];
    expect(await page.getByTestId('saliency-0').locator('figcaption').textContent()).toMatch(new RegExp(`^${truth}`));
    await shots(page, 'explain-image', 'test-image-picker');
    expect(errors).toEqual([]);
    await page.close();
  });
});
