import { defineConfig } from 'vitest/config';

// Two projects: engine/data/worker unit tests on tfjs's CPU backend under Node, and browser tests that drive
// the built app in headless Chromium (tests/browser/setup.ts builds it, serves it and finds the browser).
export default defineConfig({
  test: {
    projects: [
      {
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
