// Precision policies in the built app: a mixed float16 run on WebGL and on WebGPU trains (the loss falls) and
// its Precision readout names the float16 path that ran and shows the loss scale; pure float16 on WebGL runs on
// half-float textures and says so.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { field, openApp, screenshot, trainingLossSpan, trainToEnd, useBrowser } from './browser';

const browser = useBrowser();

/**
 * The moons MLP for a few epochs under `precision` on `backend`, until the run ends. Pure float16 trains with SGD:
 * Adam's second moment underflows in float16 and the run goes NaN within a few steps, by design (see the README).
 */
async function train(page: Page, backend: 'webgl' | 'webgpu', precision: 'mixed_float16' | 'float16') {
  await page.getByLabel('Preset', { exact: true }).selectOption('moons-mlp');
  await field(page, 'Epochs').fill('3');
  if (precision === 'float16') await field(page, 'Optimizer').selectOption('sgd');
  await field(page, 'Learning rate').fill(precision === 'float16' ? '0.1' : '0.03');
  await field(page, 'Backend').selectOption(backend);
  await field(page, 'Precision').selectOption(precision);
  if (precision === 'mixed_float16') await field(page, 'Loss-scale growth interval').fill('10');
  await trainToEnd(page, /^(Finished|Failed|The loss became)/, 120_000);
  expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe(backend);
}

describe('precision policies in the app', () => {
  it.each(['webgl', 'webgpu'] as const)('trains the moons MLP in mixed float16 on %s and reports the emulated path and the loss scale', async (backend) => {
    const { page, errors } = await openApp(browser());
    await train(page, backend, 'mixed_float16');
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Finished/);
    const [first, last] = await trainingLossSpan(page);
    expect(last).toBeLessThan(first);
    const path = await page.getByTestId('precision-path').textContent();
    expect(path).toMatch(/mixed float16 on the emulated path/);
    // WebGL: one texture type for all tensors; WebGPU: SwiftShader has no shader-f16
    expect(path).toMatch(backend === 'webgl' ? /one texture type/ : /shader-f16/);
    // a growth interval of 10 over 24 steps: the scale doubles from 32768 until a step overflows, which is
    // skipped and halves it again (on SwiftShader both happen); either way it moved
    const scale = Number(await page.getByTestId('loss-scale').textContent());
    const skipped = Number(await page.getByTestId('skipped-steps').textContent());
    expect(Number.isInteger(skipped)).toBe(true);
    expect(scale > 32768 || skipped > 0).toBe(true);
    expect(await page.getByTestId('flush-share').textContent()).toMatch(/% of weight-gradient values/);
    expect(Number(await page.getByTestId('precision').locator('figure.chart').getAttribute('data-drawn-points'))).toBeGreaterThan(1);
    await screenshot(page, `mixed-precision-${backend}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains pure float16 (SGD) on WebGL in half-float textures, with half the weight memory on that path', async () => {
    const { page, errors } = await openApp(browser());
    await train(page, 'webgl', 'float16');
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Finished/);
    const [first, last] = await trainingLossSpan(page);
    expect(Number.isFinite(last)).toBe(true);
    expect(last).toBeLessThan(first);
    expect(await page.getByTestId('precision-path').textContent()).toMatch(/pure float16 on the webgl-f16-textures path.*half-float textures/s);
    const weights = page.getByTestId('precision-memory').locator('tr', { hasText: 'Weights' }).locator('td');
    expect(await weights.nth(1).textContent()).toBe(await weights.nth(0).textContent());
    await screenshot(page, 'float16-webgl');
    expect(errors).toEqual([]);
    await page.close();
  });
});
