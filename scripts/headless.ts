// Headless Chromium with WebGPU and WebGL on SwiftShader, as ../shared/TESTING.md found to work on machines
// without a GPU; on a machine with one, the same flags leave the real GPU in use for WebGL.
import { chromium, type Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-webgpu-adapter=swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  // a generated test pattern as the camera, allowed without a prompt (the webcam capture's tests)
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
];

/** Playwright gives every launch a fresh, empty profile of its own. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * `vite build` as the CLI runs it. Vite (and with it Svelte's compiler) builds for production only where NODE_ENV
 * is unset or 'production', and the callers here have set it: vitest to 'test', run-ts.mjs's module runner to
 * 'development'. Their build kept Svelte's dev-mode checks, about 15% more code on the main thread, so the tests
 * and the benchmark measured a page no user gets.
 */
async function productionBuild() {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ logLevel: 'warn', mode: 'production' });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/** Builds the app (unless told not to) and serves dist/ on a free local port. */
export async function serveBuiltApp(rebuild = true): Promise<{ url: string; close: () => Promise<void> }> {
  if (rebuild) await productionBuild();
  const server: PreviewServer = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { url, close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())) };
}
