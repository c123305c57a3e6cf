// The L2, L1 and early-stopping lessons in the browser on WASM (unless LESSON_BACKEND says webgl: lesson-pair.ts),
// as tests/lessons/regularization.test.ts holds them under Node: each B goes the way its claim says from the shared
// overfitting baseline A, read from the lesson banner's figures for this run, with about half the margin the Node
// tier asks. Figures logged, for the ranges the claims state.
import { expect, it } from 'vitest';
import { screenshot, useBrowser } from './browser';
import { LESSON_BACKEND, ON, lessonOn, runLessonPair } from './lesson-pair';

const browser = useBrowser();

it(`the L2 lesson on ${ON}: the penalty keeps the first layer's weights small`, async () => {
  const { page, errors, figures } = await runLessonPair(browser(), lessonOn('l2'));
  console.info(`L2 lesson on ${ON}: dense_1 norm A ${figures.a.toFixed(2)}, B ${figures.b.toFixed(2)}`);
  expect(figures.holds).toBe(true);
  expect(figures.b).toBeLessThan(0.8 * figures.a);
  expect(errors).toEqual([]);
  await page.close();
}, 700_000);

it(`the L1 lesson on ${ON}: the penalty leaves many first-layer weights at zero`, async () => {
  const { page, errors, figures } = await runLessonPair(browser(), lessonOn('l1'));
  console.info(`L1 lesson on ${ON}: dense_1 below 1e-3 A ${(figures.a * 100).toFixed(1)}%, B ${(figures.b * 100).toFixed(1)}%`);
  expect(figures.holds).toBe(true);
  expect(figures.a).toBeLessThan(0.05);
  expect(figures.b).toBeGreaterThan(0.3);
  expect(errors).toEqual([]);
  await page.close();
}, 700_000);

it(`the early-stopping lesson on ${ON}: B stops early with a lower validation loss`, async () => {
  const { page, errors, figures } = await runLessonPair(browser(), lessonOn('early-stopping'));
  const status = await page.getByTestId('run-status').textContent();
  console.info(`early-stopping lesson on ${ON}: validation loss A ${figures.a.toFixed(3)}, B ${figures.b.toFixed(3)}; status "${status}"`);
  expect(figures.holds).toBe(true);
  expect(figures.b).toBeLessThan(figures.a - 0.02);
  // the page says that B stopped early, and where; A (no early stopping) ran to the end and gets no such line
  const notes = await page.getByTestId('early-stop-note').allTextContents();
  expect(notes).toHaveLength(1);
  const [, stoppedAt, of] = notes[0].match(/^B stopped early after epoch (\d+) of (\d+): the validation loss/) ?? [];
  expect(Number(stoppedAt)).toBeGreaterThan(0);
  expect(Number(stoppedAt)).toBeLessThan(Number(of));
  await screenshot(page, 'early-stopping-note-1280');
  await page.setViewportSize({ width: 360, height: 800 });
  await screenshot(page, 'early-stopping-note-360');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
  await page.close();
}, 700_000);
