// Builds the app once, serves dist/ on a free port and hands its URL (and the browser's path) to the tests.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { build, preview, type PreviewServer } from 'vite';
import { findChromium } from '../../scripts/chromium';

let server: PreviewServer | undefined;

export default async function setup(project: TestProject) {
  const chromium = findChromium();
  if (!chromium) {
    throw new Error('No Chromium found for the browser tests. Install Debian\'s "chromium" package, or set CHROMIUM_PATH to a Chromium or Chrome executable.');
  }
  if (!process.env.SKIP_BUILD || !existsSync('dist/index.html')) await build({ logLevel: 'warn' });
  server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('appUrl', url);
  project.provide('chromiumPath', chromium);
  return async () => {
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    chromiumPath: string;
  }
}
