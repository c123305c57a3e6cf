// Links in the built app: a link restores exactly the state it describes; a tampered one says what it ignored.
import { expect, it } from 'vitest';
import { conv2d, dense, dropout, flatten, maxPool, presetSpec } from '../../src/engine/model/presets';
import { decodeLink, encodeLink, lessonLink } from '../../src/state/link/link';
import { openApp, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/**
 * The state the page shows, read back from the hash it writes after every change (at most every 250 ms), once
 * `written` holds for it: polled, for at most 10 s.
 */
async function pageState(page: import('playwright-core').Page, written: (link: ReturnType<typeof decodeLink>) => boolean) {
  let link = decodeLink(new URL(page.url()).hash);
  await expect.poll(() => written((link = decodeLink(new URL(page.url()).hash))), { timeout: 10_000, interval: 100 }).toBe(true);
  return link;
}

it('restores an edited experiment exactly: the spec the page holds is the one in the link', async () => {
  const spec = presetSpec('fashion-cnn');
  spec.dataset = { ...spec.dataset, kind: 'images', trainSize: 1234, testSize: 567 } as typeof spec.dataset;
  spec.model.layers = [conv2d(12, 5, 'tanh', 'same'), maxPool(), flatten, dropout(0.3), { ...dense(48, 'elu'), l2: 0.002 }];
  spec.training = { ...spec.training, optimizer: 'rmsprop', learningRate: 0.0025, batchSize: 48, epochs: 7, seed: 99, validationSplit: 0.15 };
  const { page, errors } = await openApp(browser(), encodeLink({ spec, view: 'train', lesson: null }));
  // the controls show it
  await expect.poll(() => page.getByLabel('Training examples', { exact: true }).inputValue()).toBe('1234');
  expect(await page.getByLabel('Learning rate', { exact: true }).inputValue()).toBe('0.0025');
  expect(await page.getByLabel('units', { exact: true }).inputValue()).toBe('48');
  // an edit flows back into the link, which the page writes from what it holds: the spec, with only the edit
  await page.getByLabel('Seed', { exact: true }).fill('7');
  const written = await pageState(page, (link) => link.state.spec.training.seed === 7);
  expect(written.notices).toEqual([]);
  expect(written.state.spec).toEqual({ ...spec, training: { ...spec.training, seed: 7 } });
  expect(errors).toEqual([]);
  await page.close();
});

it('opens a tampered link as the closest valid state, with a notice naming what it ignored', async () => {
  const { page, errors } = await openApp(browser(), '#v=1&data=spiral&lr=abc&epochs=99999&layers=conv2d(8,3),flatten&colour=red');
  const notice = page.getByTestId('link-notice');
  await expect.poll(() => notice.textContent()).toContain('Ignored lr=abc: not a number; kept 0.01.');
  const text = await notice.textContent();
  expect(text).toContain('Ignored epochs=99999');
  expect(text).toContain('Ignored colour=red: unknown key.');
  expect(text).toContain('conv2d_1 needs an image');
  expect(await page.getByLabel('Learning rate', { exact: true }).inputValue()).toBe('0.01');
  await screenshot(page, 'tampered-link');
  expect(errors).toEqual([]);
  await page.close();
});

it('opens a lesson: its note shows, hidden controls are gone and locked ones read-only', async () => {
  const { page } = await openApp(browser(), lessonLink('overfitting')!);
  await expect.poll(() => page.getByTestId('lesson').textContent()).toContain('Overfitting and dropout');
  expect(await page.getByLabel('Backend', { exact: true }).count()).toBe(0);
  expect(await page.getByLabel('Training examples', { exact: true }).isDisabled()).toBe(true);
  expect(await page.getByLabel('Learning rate', { exact: true }).isDisabled()).toBe(false);
  expect(await page.getByTestId('variant-changes').textContent()).toContain('dropout after flatten_1: 0 → 0.2');
  await screenshot(page, 'lesson-overfitting');
  await page.close();
});
