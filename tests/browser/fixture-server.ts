// Serves fixture pages (tests/browser/fixtures/*.html) through Vite's dev server, so a browser test can run a
// project module in real Chromium (WebGL, WebGPU, IndexedDB) without going through the app's UI.
// A fixture page imports what it tests and sets `window.fixture = async (input) => result`.
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

let server: ViteDevServer | null = null;

async function devServer(): Promise<string> {
  if (!server) {
    server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
    await server.listen();
  }
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the Vite dev server did not report a URL');
  return url;
}

/** A fixture page that has set `window.fixture`, and the uncaught errors it raised since they were last taken. */
export interface FixturePage {
  page: Page;
  errors: string[];
}

export async function openFixture(browser: Browser, name: string): Promise<FixturePage> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL(`tests/browser/fixtures/${name}.html`, await devServer()).href);
  await page.waitForFunction(() => typeof (window as unknown as { fixture?: unknown }).fixture === 'function', null, { timeout: 60_000 });
  return { page, errors };
}

/** Runs the page's `window.fixture(input)` once, returning what it returns; an error the page raised meanwhile fails it. */
export async function callFixture<T>({ page, errors }: FixturePage, name: string, input?: unknown): Promise<T> {
  errors.length = 0;
  const result = await page.evaluate((arg) => (window as unknown as { fixture: (a: unknown) => Promise<unknown> }).fixture(arg), input);
  if (errors.length) throw new Error(`fixture ${name} raised: ${errors.join('; ')}`);
  return result as T;
}

/** Opens fixtures/<name>.html in a page of its own, runs its fixture once and closes the page. */
export async function runFixture<T>(browser: Browser, name: string, input?: unknown): Promise<T> {
  const opened = await openFixture(browser, name);
  try {
    return await callFixture<T>(opened, name, input);
  } finally {
    await opened.page.close();
  }
}

export async function closeFixtureServer() {
  await server?.close();
  server = null;
}
