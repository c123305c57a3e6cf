import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { launchChromium, serveBuiltApp } from './headless';
import { pngBytes } from '../tests/data/own-images/image-bytes';
const app = await serveBuiltApp(false);
const browser = await launchChromium('/usr/bin/chromium');
const root = mkdtempSync(join(tmpdir(), 'shots-'));
for (let i = 0; i < 6; i++) {
  for (const [c, f] of [['bars', (x: number, y: number) => Math.abs(y - 10) < 3], ['columns', (x: number) => Math.abs(x - 10) < 3]] as const) {
    const p = join(root, 'shapes', c, `${i}.png`); mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, pngBytes(20, 20, (x, y) => ((f as (x: number, y: number) => boolean)(x, y) ? [230, 200, 40] : [20 + 10 * i, 40, 90])));
  }
}
for (const width of [360, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(app.url + '#v=1&preset=penguins-mlp');
  await page.getByTestId('split-counts').waitFor({ timeout: 60_000 });
  await page.screenshot({ path: `/tmp/shots/table-${width}.png`, fullPage: true });
  await page.getByTestId('data-preview').screenshot({ path: `/tmp/shots/preview-${width}.png` });
  await page.locator('section[aria-labelledby="data-heading"]').screenshot({ path: `/tmp/shots/datapanel-${width}.png` });
  await page.getByTestId('image-folder').setInputFiles(join(root, 'shapes'));
  await page.getByTestId('image-gallery').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Draw points…' }).click();
  await page.screenshot({ path: `/tmp/shots/images-${width}.png`, fullPage: true });
  await page.getByTestId('data-preview').screenshot({ path: `/tmp/shots/gallery-${width}.png` });
  await page.locator('section[aria-labelledby="data-heading"]').screenshot({ path: `/tmp/shots/datapanel-images-${width}.png` });
  await page.close();
}
await browser.close(); await app.close();
