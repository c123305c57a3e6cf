import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

const THREADED_FACTORY = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;

/**
 * tfjs-backend-wasm starts each pthread worker from `factory.toString()`, the source text of its Emscripten
 * factory. Once bundled, that text refers to names the bundler renamed or hoisted out of the function (its CommonJS
 * shims), so every thread died with "ReferenceError: e is not defined". This plugin hands the bundler a module that
 * builds the factory from the file's own, untouched text at run time, so `toString()` gives back a function that
 * stands alone, as Emscripten expects.
 */
export function threadedWasmFactory(): Plugin {
  return {
    name: 'sandbox-threaded-wasm-factory',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0];
      if (!THREADED_FACTORY.test(file)) return null;
      const source = await readFile(file, 'utf8');
      // The file declares `var WasmBackendModuleThreadedSimd = (() => …)()` and then exports it the CommonJS or
      // AMD way; with neither `module` nor `define` in scope only the declaration runs, and the body returns it.
      return `const factory = new Function(${JSON.stringify(`${source}\nreturn WasmBackendModuleThreadedSimd;`)})();\nexport default factory;\n`;
    },
  };
}
