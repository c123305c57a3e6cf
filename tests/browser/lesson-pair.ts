// Runs a ready lesson in the built app (on LESSON_BACKEND) and reads the figures its banner shows for this run: the lesson
// browser tests hold each claim with what a person sees, judged by the same function (lesson-claims.ts).
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { encodeLink } from '../../src/state/link/link';
import { findLesson } from '../../src/state/lessons';
import type { LinkState } from '../../src/state/link/types';
import { openApp } from './browser';

export interface LessonFigures {
  a: number;
  b: number;
  holds: boolean;
}

/**
 * The backend the lesson tests train on: WASM unless LESSON_BACKEND says 'webgl'. On a machine without a GPU,
 * SwiftShader's WebGL is these same CPU cores emulating a GPU, and a lesson trains about 5× slower on it than on
 * WASM in the same browser (the L2 lesson pair: 58.8 s against 11.5 s); the lesson browser tests were most of
 * `npm test`'s time. Their claims are the engine's, which the Node tier holds on WASM and the CPU backend; what
 * the browser adds is the page: the banner's figures, judged as a reader sees them. Training on WebGL and WebGPU
 * is held by the app, resume and fault tests; on a machine with a GPU, `LESSON_BACKEND=webgl npm test -- --project
 * browser` holds every lesson there too (the overfitting lesson on SwiftShader's WebGL: 58 s against 12 s).
 */
export const LESSON_BACKEND: 'wasm' | 'webgl' = process.env.LESSON_BACKEND === 'webgl' ? 'webgl' : 'wasm';
/** The backend's name as the tests' titles and logs give it. */
export const ON = LESSON_BACKEND === 'webgl' ? 'WebGL' : 'WASM';

/** The lesson's link state with both sides on LESSON_BACKEND; `change` may shrink it (examples, epochs) for a test. */
export function lessonOn(id: string, change: (lesson: LinkState) => void = () => {}): LinkState {
  const lesson = findLesson(id);
  if (!lesson) throw new Error(`no lesson "${id}" in lessons.ts`);
  for (const side of [lesson.spec, lesson.variant]) if (side) side.training.backend = LESSON_BACKEND;
  change(lesson);
  return lesson;
}

/** This run's figures from the banner, once it has both (polled: the evaluation arrives after "Finished"). */
export async function bannerFigures(page: Page, timeout = 30_000): Promise<LessonFigures> {
  const figures = page.getByTestId('lesson-run-figures');
  await expect.poll(() => figures.getAttribute('data-holds'), { timeout }).toMatch(/^(true|false)$/);
  return {
    a: Number(await figures.getAttribute('data-a')),
    b: Number(await figures.getAttribute('data-b')),
    holds: (await figures.getAttribute('data-holds')) === 'true',
  };
}

/**
 * Opens the lesson, trains A and B to the end and returns the banner's figures with the page (for more checks);
 * the test closes the page. Errors on the page are collected in `errors`.
 */
export async function runLessonPair(browser: Browser, lesson: LinkState, timeout = 600_000) {
  const { page, errors } = await openApp(browser, encodeLink(lesson), { width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Train A and B', exact: true }).click({ timeout: 90_000 });
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout, interval: 1000 }).toMatch(/^Finished/);
  return { page, errors, figures: await bannerFigures(page) };
}
