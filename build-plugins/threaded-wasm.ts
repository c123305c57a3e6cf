import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

const THREADED_FACTORY = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;

// tfjs's C++ caps the thread count at half of `navigator.hardwareConcurrency` (it assumes two hyperthreads per
// core), whatever `setThreadsCount` asks: 2 threads on a 4-core laptop, where the page asks for every core but
// one (engine/backend-wasm.ts: 3). So the factory reports twice the logical cores, and the page's count decides.
const CORES_FOR_CAP = 'function _emscripten_num_logical_cores(){if(ENVIRONMENT_IS_NODE)return require("os").cpus().length;return navigator["hardwareConcurrency"]}';
const CORES_UNCAPPED = 'function _emscripten_num_logical_cores(){if(ENVIRONMENT_IS_NODE)return require("os").cpus().length;return 2*navigator["hardwareConcurrency"]}';

/**
 * tfjs-backend-wasm starts each pthread worker from `factory.toString()`, the source text of its Emscripten
 * factory. Once bundled, that text refers to names the bundler renamed or hoisted out of the function (its CommonJS
 * shims), so every thread died with "ReferenceError: e is not defined". This plugin hands the bundler a module that
 * builds the factory from the file's own, untouched text at run time, so `toString()` gives back a function that
 * stands alone, as Emscripten expects. It also lifts tfjs's cap on the thread count (see CORES_FOR_CAP).
 */
export function threadedWasmFactory(): Plugin {
  return {
    name: 'sandbox-threaded-wasm-factory',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0];
      if (!THREADED_FACTORY.test(file)) return null;
      const shipped = await readFile(file, 'utf8');
      if (!shipped.includes(CORES_FOR_CAP)) this.error(`${file}: its core count function changed; check the thread cap (build-plugins/threaded-wasm.ts)`);
      const source = shipped.replace(CORES_FOR_CAP, CORES_UNCAPPED);
      // The file declares `var WasmBackendModuleThreadedSimd = (() => …)()` and then exports it the CommonJS or
      // AMD way; with neither `module` nor `define` in scope only the declaration runs, and the body returns it.
      return `const factory = new Function(${JSON.stringify(`${source}\nreturn WasmBackendModuleThreadedSimd;`)})();\nexport default factory;\n`;
    },
  };
}
