import { svelte } from '@sveltejs/vite-plugin-svelte';
import { cp, readFile, stat } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { threadedWasmFactory } from './build-plugins/threaded-wasm.ts';

const DATASETS = resolve('datasets');

/** Serves datasets/ at <base>datasets/ in dev and copies it into the build, so the app works offline anywhere. */
function datasets(): Plugin {
  let outDir = 'dist';
  return {
    name: 'sandbox-datasets',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]);
        const at = path.indexOf('/datasets/');
        if (at < 0) return next();
        const file = normalize(join(DATASETS, path.slice(at + '/datasets/'.length)));
        if (!file.startsWith(DATASETS) || !(await stat(file).catch(() => null))?.isFile()) return next();
        res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.end(await readFile(file));
      });
    },
    async closeBundle() {
      await cp(DATASETS, join(outDir, 'datasets'), { recursive: true });
    },
  };
}

/**
 * Cross-origin isolation (COOP + COEP), which browsers require before they give a page SharedArrayBuffer: with it
 * the WASM backend runs on several threads, without it on one. A static host must send the same two headers.
 */
const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  // Relative asset URLs: the build runs from any sub-path of any static host.
  base: './',
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  plugins: [svelte(), datasets(), threadedWasmFactory()],
  // The training and search workers load tfjs-backend-wasm, so they need the threaded factory's fix too.
  worker: { format: 'es', plugins: () => [threadedWasmFactory()] },
  // The dev server pre-bundles dependencies with Rolldown before any plugin sees them: fix the factory there too.
  optimizeDeps: {
    rolldownOptions: { plugins: [threadedWasmFactory()] },
    // The dev server finds dependencies to pre-bundle by crawling from the build inputs, which misses what only
    // the workers and the test fixtures import. A server that starts from a cache without them bundles them on
    // first import and reloads every open page: the browser tests start one server per file, and a fixture whose
    // worker was reloaded mid-start failed or hung its test. Listed, they are bundled with the rest.
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu', 'chart.js', 'fflate', 'idb', 'papaparse'],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // Every page the build emits: the sandbox, the embeddable widget, and the example post that embeds it; and
    // the <training-sandbox-widget> element as one script with a stable name, beside embed.html, for hosts to load.
    rolldownOptions: {
      input: {
        main: resolve('index.html'), embed: resolve('embed.html'), blog: resolve('examples/blog-post.html'),
        'training-sandbox-widget': resolve('src/embed/element.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'training-sandbox-widget' ? '[name].js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
