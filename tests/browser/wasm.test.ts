// tfjs's WASM backend in the built app in Chromium: a CNN trains on it (its missing Conv2DBackpropFilter is
// registered), and Auto chooses the backend by timing the run's own model on each one it can start.
import { writeFileSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackendSpeed } from '../../src/engine/backend';
import { wasmThreadsFor } from '../../src/engine/backend-wasm';
import { field, openApp, screenshot, trainingLossSpan, trainToEnd, useBrowser } from './browser';

const browser = useBrowser();

/** What the badge says Auto measured, per backend. */
async function measured(page: Page): Promise<BackendSpeed[]> {
  const spans = page.getByTestId('backend-measured').locator('[data-rate]');
  await expect.poll(() => spans.count(), { timeout: 120_000 }).toBeGreaterThan(1);
  return spans.evaluateAll((els) => els.map((e) => ({
    name: e.getAttribute('data-backend'), examplesPerSecond: Number(e.getAttribute('data-rate')), steps: Number(e.getAttribute('data-steps')),
  }))) as Promise<BackendSpeed[]>;
}

const choices: Record<string, { active: string; measured: BackendSpeed[] }> = {};

describe('the WASM backend in Chromium', () => {
  it('trains the MNIST CNN on WASM: the backend runs, the loss falls', async () => {
    const { page, errors } = await openApp(browser());
    await field(page, 'Preset').selectOption('mnist-cnn');
    await field(page, 'Training examples').fill('512');
    await field(page, 'Test examples').fill('64');
    await field(page, 'Epochs').fill('1');
    await field(page, 'Backend').selectOption('wasm');
    await trainToEnd(page);
    expect(await page.getByTestId('backend').getAttribute('data-backend')).toBe('wasm');
    // the preview server isolates the page (COOP + COEP), so the threaded build runs, with every core but one (≤ 8)
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = wasmThreadsFor(cores);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.getByTestId('backend').textContent()).toContain(`WebAssembly on the processor, SIMD, ${threads > 1 ? `${threads} threads` : 'one thread'}${threads === cores - 1 ? ', one core left for the page' : ''}`);
    const [first, last] = await trainingLossSpan(page);
    expect(last).toBeLessThan(first);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([['spiral-mlp', 'Spiral MLP'], ['mnist-cnn', 'MNIST CNN']])('Auto times %s on every backend and runs on the fastest', async (preset) => {
    const { page, errors } = await openApp(browser());
    await field(page, 'Preset').selectOption(preset);
    if (preset === 'mnist-cnn') await field(page, 'Training examples').fill('512');
    await field(page, 'Epochs').fill('1');
    await trainToEnd(page);
    const speeds = await measured(page);
    expect(speeds.map((s) => s.name)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(speeds.every((s) => s.examplesPerSecond > 0)).toBe(true);
    const active = await page.getByTestId('backend').getAttribute('data-backend');
    expect(active).toBe([...speeds].sort((a, b) => b.examplesPerSecond - a.examplesPerSecond)[0].name);
    choices[preset] = { active: active!, measured: speeds };
    await screenshot(page, `auto-${preset}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  afterAll(() => {
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/auto-backend-choice.json', JSON.stringify(choices, null, 2));
  });
});
