// Own data in the built app (issue 12): a CSV picked through the file input trains and is scored; a broken file
// says why and the open dataset still trains; own data is there after a reload, and a link to it in a browser
// that lacks it asks for it by name; an image folder and a zip load into a per-class gallery and train; webcam
// frames (Chromium's fake camera) and drawn points become datasets that train.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../data/own-images/image-bytes';
import { field, launch, openApp, screenshot, trainToEnd } from './browser';

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
});
afterAll(async () => {
  await browser?.close();
});

/** Two classes that one threshold on `size` separates, with a category column and a few missing cells. */
function separableCsv(rows = 160): string {
  const lines = ['size,colour,weight,kind'];
  for (let i = 0; i < rows; i++) {
    const big = i % 2 === 1;
    const size = (big ? 6 : 2) + ((i * 37) % 17) / 10;
    const colour = ['red', 'green', 'blue'][i % 3];
    const weight = i % 23 === 0 ? '' : String(((i * 53) % 29) / 3);
    lines.push(`${size.toFixed(2)},${colour},${weight},${big ? 'big' : 'small'}`);
  }
  return lines.join('\n');
}

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

/** Small settings a SwiftShader machine trains in seconds. */
async function quickSettings(page: Page, epochs = 4) {
  await field(page, 'Epochs').fill(String(epochs));
  await field(page, 'Backend').selectOption('cpu');
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

const accuracy = async (page: Page) => Number((await page.getByTestId('test-accuracy').first().textContent())!.replace('%', '')) / 100;

describe('own tables', () => {
  let page: Page;
  let link: string;

  it('a CSV picked through the file input is previewed, trains and is scored on its test rows', async () => {
    ({ page } = await openApp(context));
    await page.getByTestId('table-file').setInputFiles(csvFile('sizes.csv', separableCsv()));
    await page.getByTestId('table-columns').waitFor({ timeout: 60_000 });
    await expect.poll(() => field(page, 'Dataset').inputValue()).toMatch(/^own-/);
    expect(await field(page, 'Target (predict)').inputValue()).toBe('kind');
    // the preview: first rows, column summaries (7 of 160 weights missing), split counts per class
    await page.getByTestId('table-preview').waitFor({ timeout: 60_000 });
    const summaries = await page.getByTestId('column-summaries').textContent();
    expect(summaries).toMatch(/weight\s*number\s*7/);
    const counts = await page.getByTestId('split-counts').textContent();
    expect(counts).toMatch(/big/);
    expect(counts).toMatch(/small/);
    await screenshot(page, 'own-table-1400');
    await quickSettings(page, 8);
    await field(page, 'Learning rate').fill('0.05');
    await trainToEnd(page);
    expect(await accuracy(page)).toBeGreaterThanOrEqual(0.9);
    link = page.url();
  });

  it('the Export view predicts a typed row through the run\'s pipeline, and its model file records that pipeline', async () => {
    await page.getByRole('tab', { name: 'Export' }).click();
    const form = page.getByTestId('predict-form');
    await form.waitFor({ timeout: 30_000 });
    for (const [size, expected] of [['7.5', 'big'], ['2.1', 'small']]) {
      await form.getByLabel('size').fill(size);
      await form.getByLabel('colour').selectOption('red');
      await form.getByLabel('weight').fill('4');
      await form.getByRole('button', { name: 'Predict' }).click();
      await expect.poll(() => page.getByTestId('input-prediction').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`Predicted:\\s*${expected}`));
    }
    await screenshot(page, 'own-table-predict-1400');
    await page.getByRole('button', { name: 'Measure formats' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Measure formats' }).isDisabled(), { timeout: 120_000 }).toBe(false);
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByRole('button', { name: 'Download float32' }).click();
    await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(2);
    const modelJson = downloads.find((d) => d.suggestedFilename().endsWith('.json'))!;
    const json = JSON.parse(await streamText(await modelJson.createReadStream()));
    const pipeline = json.userDefinedMetadata?.preprocessing;
    expect(pipeline?.featureNames).toEqual(['size', 'colour=blue', 'colour=green', 'colour=red', 'weight']);
    expect(pipeline.table.features[0]).toMatchObject({ name: 'size', type: 'number' });
    await page.getByRole('tab', { name: 'Build and train' }).click();
  });

  it('a ragged CSV says which line is wrong, and the open dataset still trains', async () => {
    const before = await field(page, 'Dataset').inputValue();
    await page.getByTestId('table-file').setInputFiles(csvFile('broken.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n'));
    await expect.poll(() => page.getByTestId('own-data-problem').textContent(), { timeout: 60_000 }).toMatch(/line 3/);
    expect(await field(page, 'Dataset').inputValue()).toBe(before);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await trainToEnd(page);
    expect(await accuracy(page)).toBeGreaterThanOrEqual(0.9);
  });

  it('is still there after a reload', async () => {
    await page.reload();
    await page.getByTestId('table-columns').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('missing-data').count()).toBe(0);
    await expect.poll(() => page.getByTestId('split-counts').count(), { timeout: 60_000 }).toBe(1);
    await page.close();
  });

  it('a link to it in a browser without it asks for the file by name; loading it lets the run go on', async () => {
    const other = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const { page: fresh } = await openApp(other, new URL(link).hash);
    await expect.poll(() => fresh.getByTestId('missing-data').textContent(), { timeout: 30_000 }).toMatch(/sizes\.csv \(160 rows\)/);
    await fresh.getByTestId('missing-data').locator('..').getByTestId('table-file').first().setInputFiles(csvFile('sizes.csv', separableCsv()));
    await expect.poll(() => fresh.getByTestId('missing-data').count(), { timeout: 60_000 }).toBe(0);
    await trainToEnd(fresh);
    expect(await accuracy(fresh)).toBeGreaterThanOrEqual(0.9);
    await other.close();
  });

  it('an embed of it says what it was trained on, and where the data is missing, how to train it anyway', async () => {
    const other = await browser.newContext({ viewport: { width: 600, height: 800 } });
    const { page: embed } = await openApp(other, `embed.html${new URL(link).hash}`);
    await expect.poll(() => embed.getByTestId('own-data-card').textContent(), { timeout: 30_000 }).toMatch(/sizes\.csv: 160 rows, predicting kind from 3 columns/);
    await expect.poll(() => embed.getByTestId('embed-needs-data').textContent()).toMatch(/open it in the sandbox and load sizes\.csv/);
    await screenshot(embed, 'own-data-embed-600');
    await other.close();
  });

  it('k-fold cross-validation runs on a table', async () => {
    const { page: folds } = await openApp(context, '#v=1&preset=penguins-mlp');
    await folds.getByTestId('split-counts').waitFor({ timeout: 60_000 });
    await field(folds, 'Cross-validation folds').fill('3');
    await quickSettings(folds, 3);
    await trainToEnd(folds, /^Finished/, 300_000);
    await expect.poll(() => folds.getByTestId('folds-summary').textContent()).toMatch(/3-fold cross-validation/);
    await folds.close();
  });
});

/** 6 images per class: dark squares with a light bar across (class "bars") or down (class "columns"). */
function classImages(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 6; i++) {
    files[`shapes/bars/${i}.png`] = pngBytes(20 + i, 20, (x, y) => (Math.abs(y - 10) < 3 ? [230, 230, 230] : [20 + i, 20, 30]));
    files[`shapes/columns/${i}.png`] = pngBytes(20, 20 + i, (x) => (Math.abs(x - 10) < 3 ? [230, 230, 230] : [30, 20 + i, 20]));
  }
  files['shapes/notes.txt'] = new TextEncoder().encode('not an image');
  return files;
}

describe('own images', () => {
  it('a picked folder becomes a per-class gallery, lists the file that is no image, and trains', async () => {
    const { page } = await openApp(context);
    // a webkitdirectory input takes a folder on disk, as the person's file chooser would give it
    const root = mkdtempSync(join(tmpdir(), 'own-images-'));
    for (const [name, bytes] of Object.entries(classImages())) {
      mkdirSync(join(root, dirname(name)), { recursive: true });
      writeFileSync(join(root, name), bytes);
    }
    await page.getByTestId('image-folder').setInputFiles(join(root, 'shapes'));
    await page.getByTestId('image-gallery').waitFor({ timeout: 60_000 });
    // up to 8 training images a class: the 80% of 6 per class the split keeps for training
    expect(await page.getByTestId('image-gallery').locator('canvas').count()).toBeGreaterThanOrEqual(8);
    expect(await page.getByTestId('skipped-files').textContent()).toMatch(/notes\.txt/);
    await screenshot(page, 'own-images-1400');
    // two more images picked for a class join it
    const total = async () => Number((await page.getByTestId('split-counts').locator('tr.total').textContent())!.match(/All\s*([\d,]+)\s*([\d,]+)\s*([\d,]+)/)!.slice(1).reduce((n, v) => n + Number(v), 0));
    const before = await total();
    const extra = [0, 1].map((i) => ({ name: `extra-${i}.png`, mimeType: 'image/png', buffer: Buffer.from(classImages()[`shapes/bars/${i}.png`]) }));
    await page.getByTestId('add-to-class').first().setInputFiles(extra);
    await expect.poll(total, { timeout: 60_000 }).toBe(before + 2);
    await quickSettings(page, 2);
    await trainToEnd(page);
    await expect.poll(() => page.getByTestId('test-accuracy').count()).toBe(1);
    // a picked image and a camera photo are predicted through the run's image pipeline
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByTestId('predict-image').setInputFiles(extra[0]);
    await expect.poll(() => page.getByTestId('input-prediction').textContent(), { timeout: 30_000 }).toMatch(/Predicted:\s*(bars|columns) \d/);
    await page.getByRole('button', { name: 'Use the camera' }).click();
    await page.getByRole('button', { name: 'Take a photo and predict' }).click({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('input-prediction').textContent(), { timeout: 30_000 }).toMatch(/Predicted:/);
    await page.close();
  });

  it('a zip of class folders loads the same way', async () => {
    const { page } = await openApp(context);
    const zip = zipSync(classImages());
    await page.getByTestId('image-zip').setInputFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.getByTestId('image-gallery').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('split-counts').textContent()).toMatch(/bars[\s\S]*columns/);
    await page.close();
  });

  it('webcam frames held into two classes become an image set (fake camera)', async () => {
    const { page } = await openApp(context);
    await page.getByRole('button', { name: 'Webcam…' }).click();
    await page.getByRole('button', { name: 'Start the camera' }).click();
    const hold = page.getByRole('button', { name: /^(Hold to record|Recording…)$/ });
    await expect.poll(() => hold.first().isEnabled(), { timeout: 30_000 }).toBe(true);
    for (const i of [0, 1]) {
      // a class's button waits while another class is still recording (its last frame lands first)
      await expect.poll(() => hold.nth(i).isEnabled(), { timeout: 30_000 }).toBe(true);
      await hold.nth(i).dispatchEvent('pointerdown');
      await expect.poll(() => page.getByTestId('frame-count').nth(i).textContent(), { timeout: 30_000 }).toMatch(/^([3-9]|\d\d+) frames/);
      await hold.nth(i).dispatchEvent('pointerup');
    }
    await page.getByRole('button', { name: /^Use these \d+ frames$/ }).click();
    await page.getByTestId('image-gallery').waitFor({ timeout: 60_000 });
    await expect.poll(() => field(page, 'Dataset').inputValue()).toMatch(/^own-/);
    await page.close();
  });
});

describe('drawn points', () => {
  it('points clicked on the plane train a model whose boundary is drawn', async () => {
    const { page } = await openApp(context);
    await page.getByRole('button', { name: 'Draw points…' }).click();
    const canvas = page.getByTestId('draw-canvas');
    const box = (await canvas.boundingBox())!;
    for (const [tool, xs] of [['orange', [0.1, 0.2, 0.3]], ['blue', [0.7, 0.8, 0.9]]] as const) {
      await page.getByRole('radio', { name: new RegExp(tool) }).check();
      for (const x of xs) for (const y of [0.2, 0.5, 0.8]) await canvas.click({ position: { x: x * box.width, y: y * box.height } });
    }
    await page.getByRole('button', { name: 'Use these 18 points' }).click();
    await page.getByTestId('table-columns').waitFor({ timeout: 60_000 });
    await page.getByTestId('boundary').waitFor();
    await quickSettings(page, 20);
    await field(page, 'Learning rate').fill('0.05');
    await trainToEnd(page);
    expect(await accuracy(page)).toBeGreaterThanOrEqual(0.8);
    await page.close();
  });
});
