// Serves fixture pages (tests/browser/fixtures/*.html) through Vite's dev server, so a browser test can run a
// project module in real Chromium (WebGL, WebGPU, IndexedDB) without going through the app's UI.
// A fixture page imports what it tests and sets `window.fixture = async (input) => result`.
import type { Browser } from 'playwright-core';
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

/** Opens fixtures/<name>.html and runs its `window.fixture(input)`, returning what it returns. */
export async function runFixture<T>(browser: Browser, name: string, input?: unknown): Promise<T> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(new URL(`tests/browser/fixtures/${name}.html`, await devServer()).href);
    await page.waitForFunction(() => typeof (window as unknown as { fixture?: unknown }).fixture === 'function', null, { timeout: 60_000 });
    const result = await page.evaluate((arg) => (window as unknown as { fixture: (a: unknown) => Promise<unknown> }).fixture(arg), input);
    if (errors.length) throw new Error(`fixture ${name} raised: ${errors.join('; ')}`);
    return result as T;
  } finally {
    await page.close();
  }
}

export async function closeFixtureServer() {
  await server?.close();
  server = null;
}
