// Temporary: screenshots at several widths and the page's scroll width, for looking at the layout.
import { launchChromium, serveBuiltApp } from './headless';
import { encodeLink } from '../src/state/link/link';
import { presetSpec } from '../src/engine/model/presets';

const app = await serveBuiltApp(false);
const browser = await launchChromium('/usr/bin/chromium');
const mode = process.argv[2] ?? 'layout';
try {
  if (mode === 'layout') {
    for (const width of [320, 360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(app.url);
      await page.waitForSelector('[data-testid=main-run-button]');
      await page.waitForTimeout(1500);
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      const trainY = await page.evaluate(() => document.querySelector('[data-testid=main-run-button]')!.getBoundingClientRect().top);
      console.log(width, 'scrollWidth', sw, 'train button y', trainY);
      await page.screenshot({ path: `/tmp/shots-h11/train-${width}.png`, fullPage: true });
      await page.close();
    }
  } else if (mode === 'run') {
    const spec = presetSpec('moons-mlp');
    spec.training = { ...spec.training, epochs: 30, backend: 'webgl' };
    const width = Number(process.argv[3] ?? 1280);
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && console.log('console error', m.text()));
    await page.goto(new URL(encodeLink({ spec, view: 'train', lesson: null }), app.url).href);
    const button = page.getByTestId('main-run-button');
    await page.getByRole('button', { name: 'Step', exact: true }).click({ timeout: 90_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent?.startsWith('Paused'), null, { timeout: 90_000 });
    console.log('after one Step:', await page.locator('.status').textContent());
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(2500);
    console.log('focused after Enter:', await page.evaluate(() => document.activeElement?.textContent));
    await page.getByLabel('Learning rate', { exact: true }).fill('0.3');
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/shots-h11/running-${width}.png`, fullPage: true });
    await button.click();
    await page.waitForTimeout(1000);
    console.log('paused label:', await button.textContent(), await page.locator('.status').textContent());
    console.log('marks', await page.locator('figure[data-marks]').first().getAttribute('data-marks'));
    await page.close();
  }
} finally {
  await browser.close();
  await app.close();
}
