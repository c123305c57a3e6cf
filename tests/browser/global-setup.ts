// Builds the app once, serves dist/ on a free port and hands its URL (and the browser's path) to the tests.
import type { TestProject } from 'vitest/node';
import { findChromium } from '../../scripts/chromium';
import { serveBuiltApp } from '../../scripts/headless';

export default async function setup(project: TestProject) {
  const chromium = findChromium();
  if (!chromium) {
    throw new Error('No Chromium found for the browser tests. Install Debian\'s "chromium" package, or set CHROMIUM_PATH to a Chromium or Chrome executable.');
  }
  const app = await serveBuiltApp(!process.env.SKIP_BUILD);
  project.provide('appUrl', app.url);
  project.provide('chromiumPath', chromium);
  return app.close;
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    chromiumPath: string;
  }
}
