// `npm run screenshots -- [hash] [outDir]`: builds the app, opens it in headless Chromium at 360 and 1280 px wide
// (full page) and writes one PNG per width, to look at what a change did to the page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './chromium';
import { launchChromium, serveBuiltApp } from './headless';

const [hash = '', outDir = 'test-results/screenshots'] = process.argv.slice(2);
const chromium = findChromium();
if (!chromium) throw new Error('No Chromium found: install Debian\'s chromium package or set CHROMIUM_PATH.');
mkdirSync(outDir, { recursive: true });
const app = await serveBuiltApp(!process.env.SKIP_BUILD);
const browser = await launchChromium(chromium);
try {
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(app.url + hash);
    await page.getByRole('button', { name: /^Train/ }).first().waitFor({ timeout: 120_000 });
    const file = join(outDir, `app-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${file}: page ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide`);
    await page.close();
  }
} finally {
  await browser.close();
  await app.close();
}
