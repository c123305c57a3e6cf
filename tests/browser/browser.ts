// Opens the served app in headless Chromium for a test; screenshots go to test-results/screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from '../../scripts/headless';
import { callFixture, closeFixtureServer, openFixture, runFixture, type FixturePage } from './fixture-server';

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

/** A form control of the app by its exact label. */
export const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** "Loss, training 0.693 → 0.412; …" → [0.693, 0.412] */
export async function trainingLossSpan(page: Page): Promise<[number, number]> {
  const text = await page.getByTestId('summary-loss').textContent();
  const match = text?.match(/training ([\d.]+) → ([\d.]+)/);
  if (!match) throw new Error(`no training loss in "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

/**
 * Presses Train and waits until the run status matches `end` (Finished by default). The button waits for the
 * worker's backend probe, which SwiftShader can make slow on a busy machine.
 */
export async function trainToEnd(page: Page, end = /^Finished/, timeout = 240_000) {
  await page.getByRole('button', { name: 'Train', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout, interval: 500 }).toMatch(end);
}

/**
 * The MNIST CNN preset for one epoch of 256 images (a few batches), trained to the end: on WebGL unless told, or
 * on WASM for a test about the page rather than the GPU (about 4× faster than SwiftShader's WebGL here).
 */
export async function trainTinyMnistCnn(page: Page, backend: 'webgl' | 'wasm' = 'webgl') {
  await field(page, 'Preset').selectOption('mnist-cnn');
  await field(page, 'Training examples').fill('256');
  await field(page, 'Test examples').fill('64');
  await field(page, 'Epochs').fill('1');
  await field(page, 'Backend').selectOption(backend);
  await trainToEnd(page);
}

/** For a file of tests that open their own pages: one browser for the file, closed after it. Returns its getter. */
export function useBrowser(): () => Browser {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser;
}

/**
 * For a file of fixture tests: one browser for the file (useBrowser), and the fixture server closed after it. Returns the
 * runner: `fixture('name', input)` opens fixtures/name.html in that browser and returns what its fixture returns.
 * With `onePage`, every call to a fixture runs in the same page, opened on the first: tfjs keeps the backend it
 * started and the WebGPU pipelines it compiled (about 0.1 s each on SwiftShader, a hundred for a small model),
 * which a fresh page would compile again. For fixtures that leave no state behind them but tfjs's caches.
 */
export function useFixtureBrowser({ onePage = false } = {}) {
  const browser = useBrowser();
  const pages = new Map<string, Promise<FixturePage>>();
  afterAll(closeFixtureServer);
  return async <T>(name: string, input?: unknown): Promise<T> => {
    if (!onePage) return runFixture<T>(browser(), name, input);
    if (!pages.has(name)) pages.set(name, openFixture(browser(), name));
    return callFixture<T>(await pages.get(name)!, name, input);
  };
}

/** localStorage for the fault tests: the debug hooks on, and a lost device offered rather than continued by itself. */
export const FAULT_STORAGE = { 'sandbox-debug': '1', 'sandbox-auto-continue': '0' };

/**
 * For a file whose tests share one page context (one IndexedDB, so a reload finds what an earlier page stored):
 * one browser and one context for the file, closed after it, its pages starting with `storage` in localStorage.
 * Returns a getter for the context.
 */
export function useAppContext(viewport = { width: 1280, height: 900 }, storage: Record<string, string> = {}): () => BrowserContext {
  const browser = useBrowser();
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser().newContext({ viewport });
    await context.addInitScript((entries) => {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, storage);
  });
  return () => context;
}
