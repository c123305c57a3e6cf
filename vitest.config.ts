import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Three projects (the tiers of package.json's test:unit, test:lessons, test:browser; `npm test` runs all three):
// engine/data/worker/state unit tests under Node on tfjs's CPU backend (many compare against stock tfjs on it
// exactly); the lessons' claims under Node on the WASM backend, the fastest here, whose results are the CPU
// backend's within the lessons' margins (TEST_BACKEND=cpu runs them on the CPU backend instead); and browser tests
// that drive the built app in headless Chromium (tests/browser/global-setup.ts builds it, serves it, finds the
// browser). The unit project compiles Svelte's runes (*.svelte.ts) with the svelte plugin as client code and
// resolves `svelte` to its client runtime (the 'browser' condition), so state classes and their effects are
// tested with the reactivity the page has.
export default defineConfig({
  test: {
    projects: [
      {
        // vitest's Node environment is a server one, where runes would compile to plain fields without effects
        plugins: [svelte({ dynamicCompileOptions: () => ({ generate: 'client' }) })],
        ssr: { resolve: { conditions: ['browser'] } },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          setupFiles: ['tests/setup-node.ts'],
          exclude: ['tests/browser/**', 'tests/lessons/**'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'lessons',
          environment: 'node',
          include: ['tests/lessons/**/*.test.ts'],
          setupFiles: ['tests/setup-node.ts'],
          env: { TEST_BACKEND: process.env.TEST_BACKEND ?? 'wasm' },
          testTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // One Chromium at a time: SwiftShader already uses every core.
          fileParallelism: false,
        },
      },
    ],
  },
});
