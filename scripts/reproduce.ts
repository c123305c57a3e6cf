// Trains a preset at its fixed seed in the built app, in headless Chromium, and prints what the README's table
// says: the real app, worker and all, so the figure is what a user would see.
// Usage: npm run reproduce -- mnist-cnn [--backend webgl|webgpu|cpu] [--epochs N] [--train N]
// (--train: fewer training examples for an image preset, when the full set would take hours on this machine)
import { PRESETS } from '../src/engine/model/presets';
import { findChromium } from './chromium';
import { launchChromium, serveBuiltApp } from './headless';

const args = process.argv.slice(2).filter((a) => a !== '--');
const id = args[0];
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
if (!id || !PRESETS.some((p) => p.id === id)) throw new Error(`Name a preset: ${PRESETS.map((p) => p.id).join(', ')}`);
const backend = option('backend') ?? 'webgl';
const chromium = findChromium();
if (!chromium) throw new Error('Set CHROMIUM_PATH to a Chromium or Chrome executable (or install Debian\'s chromium).');

const app = await serveBuiltApp();
const browser = await launchChromium(chromium);
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(app.url);
  await page.getByLabel('Preset', { exact: true }).selectOption(id);
  await page.getByLabel('Backend', { exact: true }).selectOption(backend);
  const train = option('train');
  if (train) await page.getByLabel('Training examples', { exact: true }).fill(train);
  const epochs = option('epochs');
  if (epochs) await page.getByLabel('Epochs', { exact: true }).fill(epochs);
  const started = Date.now();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  let last = '';
  for (;;) {
    const status = (await page.getByTestId('run-status').textContent()) ?? '';
    if (/^(Finished|Stopped)/.test(status)) break;
    if ((await page.getByTestId('run-status').getAttribute('class'))?.includes('failed')) throw new Error(status);
    const progress = `${await page.getByTestId('epoch').textContent().catch(() => '?')} epochs`;
    if (progress !== last) console.error(`${id}: ${progress}, ${await page.getByTestId('summary-accuracy').textContent().catch(() => '')}`);
    last = progress;
    await page.waitForTimeout(10_000);
  }
  const accuracy = await page.getByTestId('test-accuracy').textContent().catch(() => null);
  const mse = await page.getByTestId('test-mse').textContent().catch(() => null);
  console.log(JSON.stringify({
    preset: id, trainingExamples: train ? Number(train) : 'preset', backend: await page.getByTestId('backend').getAttribute('data-backend'),
    epochs: Number(await page.getByTestId('epoch').textContent()), testAccuracy: accuracy, testMse: mse,
    throughput: await page.getByTestId('throughput').textContent().catch(() => null),
    minutes: Math.round((Date.now() - started) / 6000) / 10,
  }));
} finally {
  await browser.close();
  await app.close();
}
