// Kept runs in Chromium's real IndexedDB: saving, listing, renaming, deleting, surviving a reload, and the
// export → clear → import round trip giving back equal records.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunRecord, RunSummary } from '../../src/state/run-record';
import { divergedRun, regressionRun } from '../state/run-fixtures';
import { launch } from './browser';
import { closeFixtureServer, runFixture } from './fixture-server';

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** Runs one step of the fixture on the one page this file keeps open (so that a reload keeps its storage). */
async function step<T>(name: string): Promise<T> {
  await page.waitForFunction(() => typeof (window as unknown as { fixture?: unknown }).fixture === 'function', null, { timeout: 60_000 });
  return page.evaluate((s) => (window as unknown as { fixture: (a: unknown) => Promise<unknown> }).fixture({ step: s }), name) as Promise<T>;
}

beforeAll(async () => {
  browser = await launch();
  const url = await runFixture<string>(browser, 'run-store', { step: 'url' });
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
});
afterAll(async () => {
  await browser?.close();
  await closeFixtureServer();
});

const renamed = regressionRun({ name: 'Bumps, wider', createdAt: '2025-03-02T10:00:00.000Z' });
const diverged = divergedRun({ createdAt: '2025-03-03T10:00:00.000Z' });

it('saves, lists newest first without the heavy fields, renames and deletes', async () => {
  const result = await step<{ available: boolean; list: RunSummary[]; records: RunRecord[]; renameMissing: string }>('write');
  expect(result.available).toBe(true);
  expect(result.list.map((s) => [s.id, s.name])).toEqual([['run-d', 'Too fast'], ['run-r', 'Bumps, wider']]);
  expect(result.list[1]).not.toHaveProperty('curves');
  expect(result.list[1].headline).toEqual({ label: 'mse', value: 0.3125 });
  expect(result.records).toEqual([diverged, renamed]);
  expect(result.renameMissing).toMatch(/^Could not rename the run: no saved run has id run-a \(deleted in another tab\?\); reload the list\.$/);
});

it('still has them after a reload', async () => {
  await page.reload();
  const result = await step<{ list: RunSummary[]; records: RunRecord[] }>('read');
  expect(result.list.map((s) => s.id)).toEqual(['run-d', 'run-r']);
  expect(result.records).toEqual([diverged, renamed]);
});

it('gives equal records back after export, clear and import', async () => {
  const result = await step<{ before: RunRecord[]; afterClear: RunSummary[]; problems: string[]; after: RunRecord[] }>('roundTrip');
  expect(result.afterClear).toEqual([]);
  expect(result.problems).toEqual([]);
  expect(result.after).toEqual(result.before);
  expect(result.after[0].curves.trainLoss[1].y).toBeNaN();
});

it('says why runs cannot be kept where IndexedDB is missing or newer', async () => {
  const result = await step<Record<string, unknown>>('unavailable');
  expect(result.future).toMatch(/^Runs cannot be kept in this browser: a newer version of the sandbox has upgraded the saved runs: reload the page to get it\./);
  expect(result.futureAvailable).toBe(false);
  expect(result.none).toMatch(/this browser offers no IndexedDB/);
  expect(result.noneReason).toBe('this browser offers no IndexedDB (some turn it off in private browsing)');
  expect(pageErrors).toEqual([]);
});
