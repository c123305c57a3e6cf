import { defineConfig } from 'vitest/config';

// Three projects: engine/data/worker unit tests on tfjs's CPU backend under Node, the exported PyTorch script
// against the engine (tests/python/), and browser tests that drive the built app in headless Chromium
// (tests/browser/setup.ts builds it, serves it and finds the browser).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          setupFiles: ['tests/setup-node.ts'],
          exclude: ['tests/browser/**', 'tests/python/**'],
          testTimeout: 120_000,
        },
      },
      {
        // The exported PyTorch script run by Debian's python3-torch (scripts/test.ts installs it where it can).
        test: {
          name: 'python',
          environment: 'node',
          include: ['tests/python/**/*.test.ts'],
          setupFiles: ['tests/setup-node.ts'],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          // Each file starts Python processes that use every core.
          fileParallelism: false,
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
