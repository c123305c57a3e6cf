// Export code in the built app: a short XOR run, then the Export view's button downloads the PyTorch script
// (naming the run's layers and settings) and the float32 model files its --weights reads. Screenshots of the
// Export view with the button at phone and desktop widths go to test-results/screenshots.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { field, launch, openApp, screenshot, trainToEnd } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('Export code', () => {
  it('downloads a PyTorch script naming the run\'s layers and settings, with the float32 weights', async () => {
    const { page, errors } = await openApp(browser);
    await field(page, 'Preset').selectOption('xor-mlp');
    await field(page, 'Epochs').fill('3');
    await field(page, 'Learning rate').fill('0.05');
    await field(page, 'Backend').selectOption('cpu');
    await trainToEnd(page);
    await page.getByRole('tab', { name: 'Export' }).click();

    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByRole('button', { name: 'Export code' }).click();
    await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(3);
    const dir = mkdtempSync(join(tmpdir(), 'export-code-'));
    const files = new Map<string, string>();
    for (const d of downloads) {
      const path = join(dir, d.suggestedFilename());
      await d.saveAs(path);
      files.set(d.suggestedFilename(), path);
    }
    expect([...files.keys()].sort()).toEqual(['xor-1layers-float32.json', 'xor-1layers-float32.weights.bin', 'xor-1layers-pytorch.py']);
    const script = readFileSync(files.get('xor-1layers-pytorch.py')!, 'utf8');
    expect(script).toContain('self.dense_1 = nn.Linear(2, 8)');
    expect(script).toContain('x = torch.tanh(self.dense_1(x))');
    expect(script).toContain('self.output = nn.Linear(8, 2)');
    expect(script).toMatch(/^LEARNING_RATE = 0\.05$/m);
    expect(script).toMatch(/^EPOCHS = 3$/m);
    expect(script).toMatch(/^OPTIMIZER = "adam"$/m);
    expect(script).toContain('--weights xor-1layers-float32.json --evaluate');
    expect(readFileSync(files.get('xor-1layers-float32.weights.bin')!).length).toBe(42 * 4);
    expect(await page.getByTestId('code-written').textContent()).toMatch(/Downloaded xor-1layers-pytorch\.py/);
    expect(await seriousViolations(page)).toEqual([]);

    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `export-code-${width}`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
