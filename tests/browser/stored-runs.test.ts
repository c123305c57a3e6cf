// Kept runs under faults, in Chromium's real IndexedDB: damaged records in the app's own database skipped with a
// notice; a save that fills the disk keeps nothing of itself; two pages saving at once lose nothing.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleRun } from '../state/run-fixtures';
import { summarizeRun } from '../../src/state/run-record';
import { launch, openApp, screenshot } from './browser';
import { closeFixtureServer, runFixture } from './fixture-server';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeFixtureServer();
});

/** Writes records and summaries into the app's database as they lie on disk, bypassing every check. */
async function writeRaw(page: Page, entries: { record: unknown; summary: unknown }[]) {
  await page.evaluate((items) => new Promise<void>((resolve, reject) => {
    const request = indexedDB.open('training-sandbox', 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('runs', { keyPath: 'id' });
      request.result.createObjectStore('summaries', { keyPath: 'id' });
    };
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(['runs', 'summaries'], 'readwrite');
      for (const { record, summary } of items) {
        tx.objectStore('runs').put(record);
        tx.objectStore('summaries').put(summary);
      }
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), entries);
}

it('skips damaged records in the app with a notice naming each, and shows the good one', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, errors } = await openApp(context);
  const good = sampleRun({ id: 'run-good', name: 'Good run' });
  // its list entry has no status; and one whose list entry is fine but whose record lost its curves
  const badSummary = { ...summarizeRun(sampleRun({ id: 'run-bad-summary', name: 'Bad summary' })), status: 'exploded' };
  const badRecord = sampleRun({ id: 'run-bad-record', name: 'Bad record' });
  await writeRaw(page, [
    { record: good, summary: summarizeRun(good) },
    { record: { ...sampleRun({ id: 'run-bad-summary', name: 'Bad summary' }) }, summary: badSummary },
    { record: { ...badRecord, curves: null }, summary: summarizeRun(badRecord) },
  ]);
  await page.reload();
  await page.getByRole('tab', { name: /Compare runs/ }).click();
  const notices = page.getByTestId('skipped-run');
  await expect.poll(() => notices.allTextContents(), { timeout: 30_000 }).toEqual([
    'A saved run "Bad summary" is damaged (its list entry lacks an id, name, date, status or spec) and was skipped.',
  ]);
  expect(await page.locator('li .meta').count()).toBe(2); // the good run, and the bad record's list entry
  // choosing the run whose record is damaged: it is skipped when read, with a notice, and nothing breaks
  await page.getByRole('checkbox', { name: /Bad record/ }).check();
  await expect.poll(() => notices.count(), { timeout: 30_000 }).toBe(2);
  expect((await notices.allTextContents())[1]).toMatch(/^A saved run "Bad record" is damaged and was skipped: curves must be an object/);
  await page.getByRole('checkbox', { name: /Good run/ }).check();
  await screenshot(page, 'stored-runs-damaged');
  expect(errors).toEqual([]);
  await context.close();
});

it('a save that hits a full disk part-way keeps none of its runs and says why', async () => {
  const result = await runFixture<{ message: string; kept: string[]; direct: string }>(browser, 'run-store-faults', { step: 'quota' });
  expect(result.message).toBe('Could not save 3 runs: the browser\'s storage for this page is full: delete or export old runs, or free disk space.');
  expect(result.kept).toEqual([]);
  expect(result.direct).toBe('no error'); // and the store still works afterwards
});

it('two pages saving runs at the same time lose none', async () => {
  const url = await runFixture<string>(browser, 'run-store-faults', { step: 'url' });
  const context = await browser.newContext();
  const pages = await Promise.all([context.newPage(), context.newPage()]);
  await Promise.all(pages.map((p) => p.goto(url)));
  const call = <T>(page: Page, input: object) => page.evaluate((i) => (window as unknown as { fixture: (a: unknown) => Promise<unknown> }).fixture(i), input) as Promise<T>;
  for (const p of pages) await p.waitForFunction(() => typeof (window as unknown as { fixture?: unknown }).fixture === 'function');
  await call(pages[0], { step: 'clear' });
  const messages = await Promise.all([call(pages[0], { step: 'saveMany', prefix: 'left', count: 20 }), call(pages[1], { step: 'saveMany', prefix: 'right', count: 20 })]);
  expect(messages).toEqual([null, null]);
  const ids = await call<string[]>(pages[0], { step: 'list' });
  expect(ids).toHaveLength(40);
  expect(new Set(ids)).toEqual(new Set([...Array.from({ length: 20 }, (_, i) => `left-${i}`), ...Array.from({ length: 20 }, (_, i) => `right-${i}`)]));
  await context.close();
});
