// Export code in the built app: a short A/B pair on XOR (B adds dropout), then the Export view's button
// downloads each side's PyTorch script (naming that side's layers and settings) and the float32 model files
// its --weights reads. Screenshots of the Export view with the button at phone and desktop widths go to
// test-results/screenshots.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dropout, presetSpec } from '../../src/engine/model/presets';
import { encodeLink } from '../../src/state/link/link';
import { seriousViolations } from './axe';
import { openApp, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('Export code', () => {
  it('downloads either side\'s PyTorch script naming its layers and settings, with the float32 weights', async () => {
    const spec = presetSpec('xor-mlp');
    spec.training = { ...spec.training, epochs: 3, learningRate: 0.05, backend: 'cpu' };
    const variant = structuredClone(spec);
    variant.model.layers.push(dropout(0.5));
    const { page, errors } = await openApp(browser(), encodeLink({ spec, view: 'train', lesson: null, variant }));
    await page.getByRole('button', { name: 'Train A and B', exact: true }).click({ timeout: 90_000 });
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 240_000, interval: 500 }).toMatch(/^Finished/);
    await page.getByRole('tab', { name: 'Export' }).click();

    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    const dir = mkdtempSync(join(tmpdir(), 'export-code-'));
    /** Clicks Export code and saves the three downloads; returns them by file name. */
    const exportCode = async () => {
      downloads.length = 0;
      await page.getByRole('button', { name: 'Export code', exact: true }).click();
      await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(3);
      const files = new Map<string, string>();
      for (const d of downloads) {
        const path = join(dir, d.suggestedFilename());
        await d.saveAs(path);
        files.set(d.suggestedFilename(), path);
      }
      return files;
    };
    const files = await exportCode();
    expect([...files.keys()].sort()).toEqual(['xor-1layers-float32.json', 'xor-1layers-float32.weights.bin', 'xor-1layers-pytorch.py']);
    const script = readFileSync(files.get('xor-1layers-pytorch.py')!, 'utf8');
    expect(script).not.toContain('nn.Dropout');
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

    await page.getByLabel('B (variant)').check();
    const variantFiles = await exportCode();
    const variantScript = readFileSync(variantFiles.get('xor-2layers-pytorch.py')!, 'utf8');
    expect(variantScript).toContain('self.dropout_1 = nn.Dropout(0.5)');
    expect(variantScript).toContain('x = self.dropout_1(x)');

    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `export-code-${width}`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
