import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Two projects: engine/data/worker/state unit tests on tfjs's CPU backend under Node, and browser tests that
// drive the built app in headless Chromium (tests/browser/global-setup.ts builds it, serves it and finds the
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
          exclude: ['tests/browser/**'],
          testTimeout: 120_000,
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
