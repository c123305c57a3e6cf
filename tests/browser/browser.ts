// Opens the served app in headless Chromium for a test; screenshots go to test-results/screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from '../../scripts/headless';

export const SCREENSHOTS = 'test-results/screenshots';

export const launch = () => launchChromium(inject('chromiumPath'));

/**
 * A page on the served app (in `on`: a browser, or a context to share storage between pages); console errors
 * and page crashes are collected for the test to assert on.
 */
export async function openApp(on: Browser | BrowserContext, path = '', viewport = { width: 1400, height: 1000 }) {
  const page = 'newContext' in on ? await on.newPage({ viewport }) : await on.newPage();
  if (!('newContext' in on)) await page.setViewportSize(viewport);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(new URL(path, inject('appUrl')).href);
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
