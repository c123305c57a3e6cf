import { svelte } from '@sveltejs/vite-plugin-svelte';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Four projects (npm test runs them all; package.json's test:* scripts run one tier): engine/data/worker/state
// unit tests under Node on tfjs's CPU backend (many compare against stock tfjs on it exactly); the lessons' claims
// under Node on the WASM backend, the fastest here, whose results are the CPU backend's within the lessons'
// margins (TEST_BACKEND=cpu runs them on the CPU backend instead); the exported PyTorch script against the engine
// (tests/python/, Debian's python3-torch); and browser tests that drive the built app in headless Chromium
// (tests/browser/global-setup.ts builds it, serves it, finds the browser). The unit project compiles Svelte's
// runes (*.svelte.ts) with the svelte plugin as client code and resolves `svelte` to its client runtime (the
// 'browser' condition), so state classes and their effects are tested with the reactivity the page has.
//
// Tiers run one after another (sequence.groupOrder): the Node tiers on every core (vitest's default keeps one core
// free, which on a 2-core machine is one worker), then Python (two files at a time), then the browser (one file at
// a time, which uses every core by itself). The unit tier runs its files without a fresh module graph each
// (isolate: false): tfjs and its WASM module load once per worker instead of once per file (measured here: 130 s →
// 41–44 s for the tier), and setup-node.ts still runs before every file, so each file starts on its own backend.
const NODE_WORKERS = Math.max(2, availableParallelism() - 1);

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
          sequence: { groupOrder: 0 },
          maxWorkers: NODE_WORKERS,
          isolate: false,
          include: ['tests/**/*.test.ts'],
          setupFiles: ['tests/setup-node.ts'],
          exclude: ['tests/browser/**', 'tests/lessons/**', 'tests/python/**'],
          testTimeout: 120_000,
        },
      },
      {
        // The exported PyTorch script run by Debian's python3-torch (scripts/test.ts installs it where it can).
        test: {
          name: 'python',
          environment: 'node',
          sequence: { groupOrder: 2 },
          include: ['tests/python/**/*.test.ts'],
          setupFiles: ['tests/setup-node.ts'],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          // Two files at a time: most of a file's time is the engine's side under Node (one core: WASM and the
          // CPU backend run on the calling thread), and its Python processes are short (measured here: the tier
          // 30 s one file at a time, 18 s two at a time). Not more: the DDP test's processes each take every core.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'lessons',
          environment: 'node',
          sequence: { groupOrder: 1 },
          maxWorkers: NODE_WORKERS,
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
          sequence: { groupOrder: 3 },
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
