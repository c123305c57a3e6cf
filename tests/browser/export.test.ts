// The Export view in the built app: train, measure the four formats, download uint8 (both files), load them
// back through the file picker and get the uint8 row's accuracy; truncated and not-JSON files are refused in
// the page with what is wrong. Then the MNIST CNN's drawing pad classifies a drawn stroke.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { field, openApp, screenshot, trainTinyMnistCnn, trainToEnd, useBrowser } from './browser';

const browser = useBrowser();

const row = (page: Page, label: string) => page.locator(`[data-testid=format-table] tr[data-format="${label}"]`);

describe('the Export view', () => {
  it('measures formats, downloads uint8, loads the files back with the same accuracy, refuses broken files', async () => {
    const { page, errors } = await openApp(browser());
    await page.getByLabel('Preset', { exact: true }).selectOption('moons-mlp');
    await field(page, 'Epochs').fill('5');
    await field(page, 'Backend').selectOption('webgl');
    await page.getByRole('tab', { name: 'Export' }).click();
    expect(await page.getByTestId('export-unavailable').textContent()).toMatch(/^Nothing to export yet/);
    expect(await page.getByRole('button', { name: 'Measure formats' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Go to Build and train' }).click();
    await trainToEnd(page);

    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByRole('button', { name: 'Measure formats' }).click();
    await expect.poll(() => page.locator('[data-testid=format-table] tbody tr').count(), { timeout: 60_000 }).toBe(4);
    await expect.poll(() => page.getByRole('button', { name: 'Measure formats' }).isDisabled()).toBe(false);
    const size = async (label: string) => Number(await row(page, label).getByTestId('weights-bytes').getAttribute('data-bytes'));
    // moons-mlp: 2·16 + 16 + 16·16 + 16 + 16·2 + 2 = 354 parameters
    expect(await size('float32')).toBe(354 * 4);
    expect(await size('float16')).toBe(354 * 2);
    expect(await size('uint16')).toBe(354 * 2);
    expect(await size('uint8')).toBe(354);
    const uint8Accuracy = await row(page, 'uint8').getByTestId('accuracy').textContent();
    expect(uint8Accuracy).toMatch(/^\d+\.\d\d%$/);
    expect(await row(page, 'uint8').getByTestId('agreement').textContent()).toMatch(/^\d+\.\d\d%$/);

    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await row(page, 'uint8').getByRole('button', { name: 'Download uint8' }).click();
    await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'export-test-'));
    const paths = await Promise.all(downloads.map(async (d) => {
      const path = join(dir, d.suggestedFilename());
      await d.saveAs(path);
      return path;
    }));
    const [jsonPath, binPath] = [paths.find((p) => p.endsWith('.json'))!, paths.find((p) => p.endsWith('.bin'))!];
    const modelJson = JSON.parse(readFileSync(jsonPath, 'utf8'));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0].paths).toEqual([binPath.split('/').pop()]);
    expect(modelJson.weightsManifest[0].weights[0].quantization).toMatchObject({ dtype: 'uint8', original_dtype: 'float32' });
    expect(readFileSync(binPath).length).toBe(354);

    const picker = page.getByTestId('model-files');
    await picker.setInputFiles([jsonPath, binPath]);
    await expect.poll(() => page.getByTestId('loaded-model').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('loaded-accuracy').textContent()).toBe(uint8Accuracy);
    expect(await page.getByTestId('loaded-model').textContent()).toMatch(/uint8, 354 B of weights/);
    await screenshot(page, 'export-loaded');

    // (Playwright takes either paths or in-memory files in one call, not both)
    const asFile = (path: string, buffer = readFileSync(path)) => ({ name: path.split('/').pop()!, mimeType: 'application/octet-stream', buffer });
    await picker.setInputFiles([asFile(jsonPath), { ...asFile(binPath), name: 'truncated.weights.bin', buffer: readFileSync(binPath).subarray(0, 200) }]);
    await expect.poll(() => page.getByTestId('load-error').textContent(), { timeout: 30_000 })
      .toMatch(/^Not loaded: truncated\.weights\.bin is truncated: .* describes 354 bytes of weights but the file has 200; download the model again/);
    await picker.setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('<!doctype html><p>Not found</p>') },
      asFile(binPath)]);
    await expect.poll(() => page.getByTestId('load-error').textContent(), { timeout: 30_000 }).toMatch(/^Not loaded: model\.json is not JSON/);
    const renamed = JSON.stringify({ ...modelJson, weightsManifest: [{ ...modelJson.weightsManifest[0],
      weights: modelJson.weightsManifest[0].weights.map((w: { name: string }, i: number) => (i === 0 ? { ...w, name: 'other/kernel' } : w)) }] });
    await picker.setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(renamed) }, asFile(binPath)]);
    await expect.poll(() => page.getByTestId('load-error').textContent(), { timeout: 30_000 })
      .toMatch(/^Not loaded: model\.json's weights manifest does not match its modelTopology: the topology needs "dense_1\/kernel"/);
    await screenshot(page, 'export-refused');
    expect(await seriousViolations(page)).toEqual([]);

    // saved in the browser as uint8, loaded back from IndexedDB with the same accuracy, then deleted
    await page.getByLabel('Name', { exact: true }).fill('export-test');
    await page.getByLabel('Weights', { exact: true }).selectOption('uint8');
    await page.getByRole('button', { name: 'Save to browser' }).click();
    const saved = page.getByTestId('saved-models');
    await expect.poll(() => saved.textContent(), { timeout: 30_000 }).toMatch(/export-test\s*354 B/);
    await saved.getByRole('button', { name: 'Load export-test' }).click();
    await expect.poll(() => page.getByTestId('loaded-model').textContent(), { timeout: 30_000 }).toMatch(/Loaded saved: export-test \(uint8, 354 B of weights\)/);
    expect(await page.getByTestId('loaded-accuracy').textContent()).toBe(uint8Accuracy);
    await saved.getByRole('button', { name: 'Delete export-test' }).click();
    await expect.poll(() => page.getByText('No model is saved in this browser yet.').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('classifies a digit drawn on the pad with the MNIST CNN trained for a few batches', async () => {
    const { page, errors } = await openApp(browser());
    await trainTinyMnistCnn(page, 'wasm'); // the page's part, not the GPU's
    await page.getByRole('tab', { name: 'Export' }).click();
    const pad = page.getByTestId('drawing-pad');
    const box = (await pad.boundingBox())!;
    // a "1": one vertical stroke down the middle
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let t = 0.2; t <= 0.8; t += 0.1) await page.mouse.move(box.x + box.width / 2, box.y + box.height * t);
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('drawn-prediction').textContent(), { timeout: 30_000 })
      .toMatch(/^Predicted: \d \(\d+\.\d%, trained model\)$/);
    await screenshot(page, 'export-drawing-pad');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
