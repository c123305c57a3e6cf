// axe-core in the built app: no serious or critical violations on the main views, trained and untrained.
import { expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import { encodeLink, lessonLink } from '../../src/state/link/link';
import { seriousViolations } from './axe';
import { openApp, useBrowser } from './browser';

const browser = useBrowser();


it('the Train view, before and after training a 2D set, has no serious or critical violations', async () => {
  const spec = presetSpec('moons-mlp');
  // the page after a run, not the GPU: WASM trains it faster than SwiftShader's WebGL
  spec.training = { ...spec.training, epochs: 3, backend: 'wasm' };
  const { page } = await openApp(browser(), encodeLink({ spec, view: 'train', lesson: null }));
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 500 }).toMatch(/^Finished/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

it('a lesson with an A/B set-up and the Compare view have no serious or critical violations', async () => {
  const { page } = await openApp(browser(), lessonLink('class-weights')!);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('tab', { name: /Compare runs/ }).click();
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

it('every control can be reached with the keyboard and has a name', async () => {
  const { page } = await openApp(browser());
  const unnamed = await page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('button, input, select, [role="tab"]')];
    return controls.filter((c) => {
      const labelled = (c as HTMLInputElement).labels?.length || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby') || c.textContent?.trim();
      return !labelled;
    }).map((c) => c.outerHTML.slice(0, 80));
  });
  expect(unnamed).toEqual([]);
  // Tab through the page: the Train button is reached, and Enter on it starts training.
  let reached = false;
  for (let i = 0; i < 200 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Train');
  }
  expect(reached).toBe(true);
  await page.close();
});
