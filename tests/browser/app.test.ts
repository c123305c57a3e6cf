// The built app in headless Chromium: train on each GPU backend, train a CNN (on WASM), refuse an invalid model.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { field, openApp, screenshot, trainingLossSpan, trainTinyMnistCnn, trainToEnd, useBrowser } from './browser';

const browser = useBrowser();

/** The spiral preset cut down for SwiftShader: 300 points, 10 epochs, a higher learning rate so the fall is clear. */
async function trainSmallSpiral(page: Page, backend: 'webgpu' | 'webgl') {
  await field(page, 'Points').fill('300');
  await field(page, 'Epochs').fill('10');
  await field(page, 'Learning rate').fill('0.02');
  await field(page, 'Backend').selectOption(backend);
  await trainToEnd(page);
}

describe('the app in Chromium', () => {
  it.each(['webgpu', 'webgl'] as const)('trains the spiral MLP on %s: that backend runs, the loss falls, the charts get points', async (backend) => {
    const { page, errors } = await openApp(browser());
    await trainSmallSpiral(page, backend);
    await expect.poll(() => page.getByTestId('backend').getAttribute('data-backend')).toBe(backend);
    const [first, last] = await trainingLossSpan(page);
    expect(last).toBeLessThan(first);
    const drawn = Number(await page.locator('figure.chart').first().getAttribute('data-drawn-points'));
    expect(drawn).toBeGreaterThan(3);
    await expect.poll(() => page.getByTestId('evaluation').isVisible()).toBe(true);
    expect(await page.getByTestId('auc').textContent()).toMatch(/^(0\.\d{3}|1\.000)$/);
    // the page says which training step ran: WebGPU's fused kernels (tfjs is the version they are written for)
    const fastPath = page.getByTestId('fast-path');
    if (backend === 'webgpu') {
      expect(await fastPath.getAttribute('data-fused')).toBe('true');
      expect(await fastPath.textContent()).toMatch(/^Fused WebGPU kernels run: tfjs is 4\.22\.0 and has every internal they use\.$/);
    } else expect(await fastPath.count()).toBe(0);
    await screenshot(page, `spiral-${backend}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains the MNIST CNN for a few batches and labels test images', async () => {
    const { page, errors } = await openApp(browser());
    // the page's labelling, not the GPU: WASM (a CNN on WebGL is trained by inside.test.ts and export.test.ts)
    await trainTinyMnistCnn(page, 'wasm');
    expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('wasm');
    expect(await page.getByTestId('image-grid').locator('li').count()).toBe(24);
    expect(await page.getByTestId('image-grid').getByText(/✓|✗/).count()).toBe(24);
    expect(await page.getByTestId('test-accuracy').textContent()).toMatch(/^\d+\.\d%$/);
    expect(await page.getByTestId('confusion-matrix').locator('tbody tr').count()).toBe(10);
    await screenshot(page, 'mnist-cnn');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a layer with zero units, says what to change, and will not train', async () => {
    const { page } = await openApp(browser());
    await page.getByLabel('units', { exact: true }).first().fill('0');
    const alert = page.getByRole('alert').filter({ hasText: 'dense_1: units must be a whole number from 1 to 4096 (got 0).' });
    await expect.poll(() => alert.count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByTestId('run-status').textContent()).toBe('Fix the settings marked in red to train.');
    await screenshot(page, 'invalid-units');
    await page.close();
  });
});
