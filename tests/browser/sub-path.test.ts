// The build served from a sub-path of a host, as on a static site: dist/ under /some/sub/path/ and nothing at
// the root. The app loads, its worker starts, MNIST's files come from the sub-path, and a CNN trains; any
// request outside the sub-path (an absolute URL in the build) is answered 404 and fails the test.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, screenshot, trainTinyMnistCnn } from './browser';

const PREFIX = '/some/sub/path/';
const DIST = resolve('dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.md': 'text/markdown',
};

let server: Server;
let base: string;
const outside: string[] = [];

/** dist/ under PREFIX (index.html for the bare prefix); 404 for everything else, noted in `outside`. */
function serveDistUnderPrefix(): Promise<string> {
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    const file = path.startsWith(PREFIX) ? normalize(join(DIST, path.slice(PREFIX.length) || 'index.html')) : null;
    const found = file?.startsWith(DIST) ? await stat(file).catch(() => null) : null;
    if (!file || !found?.isFile()) {
      if (!path.startsWith(PREFIX)) outside.push(path);
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': found.size });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`)));
}

let browser: Browser;
beforeAll(async () => {
  base = await serveDistUnderPrefix();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

it('trains MNIST from the build served under a sub-path, requesting nothing outside it', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  const datasetRequests: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => r.url().includes('/datasets/') && datasetRequests.push(new URL(r.url()).pathname));
  await page.goto(base);
  await trainTinyMnistCnn(page, 'wasm'); // WASM: its .wasm files must come from under the sub-path too
  expect(await page.getByTestId('run-status').textContent()).toMatch(/^Finished/);
  expect(datasetRequests.length).toBeGreaterThan(0);
  expect(datasetRequests.every((p) => p.startsWith(`${PREFIX}datasets/`))).toBe(true);
  await screenshot(page, 'sub-path-mnist');
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});
