// Runs a TypeScript script (`node scripts/run-ts.mjs scripts/x.ts`). Node 20 cannot strip types itself, so Vite's
// module runner transpiles the script and resolves the extensionless imports of src/, letting scripts share
// src/ code with the app and the tests instead of keeping a copy.
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/run-ts.mjs <script.ts>');
  process.exit(2);
}
// The script sees its own arguments as if it had been run directly: argv = [node, script, ...args].
process.argv.splice(1, 1);
try {
  await runnerImport(resolve(file), { configFile: false, logLevel: 'warn' });
} catch (error) {
  // The scripts throw Errors whose message says what to do; a stack trace would only bury it.
  console.error(`\n${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
