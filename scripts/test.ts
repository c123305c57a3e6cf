// `npm test`: type-checks the TypeScript and Svelte code (`npm run check`, svelte-check), makes sure a Chromium
// is there for the browser tests (installing Debian's package when this machine allows it), then runs every
// test: unit tests under Node, browser tests against the built app. A type error fails it before any test runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { findChromium } from './chromium';

function canInstallWithApt(): boolean {
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  return hasApt && process.getuid?.() === 0;
}

function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist. Point it at a Chromium or Chrome executable.`);
  }
  if (canInstallWithApt()) {
    console.log('No Chromium found: installing Debian\'s chromium package for the browser tests…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error('The browser tests need Chromium and none was found (nor could Debian\'s package be installed here). ' +
    'Install it (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.');
}

const check = spawnSync('npm', ['run', 'check'], { stdio: 'inherit' });
if (check.status !== 0) {
  console.error('npm run check (svelte-check) found type errors: fix them first; the tests did not run.');
  process.exit(check.status ?? 1);
}

const chromium = ensureChromium();
console.log(`Browser tests will use ${chromium}`);
const vitest = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } });
process.exitCode = vitest.status ?? 1;
