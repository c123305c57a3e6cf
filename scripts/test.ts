// `npm test`: type-checks the TypeScript and Svelte code (`npm run check`, svelte-check), makes sure a Chromium
// is there for the browser tests and PyTorch for the Python tier (installing Debian's packages when this machine
// allows it), then runs every test: unit and lesson tests under Node, the exported PyTorch script against the
// engine, browser tests against the built app. A type error fails it before any test runs.
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

/** Debian's python3-torch and python3-onnx install for /usr/bin/python3 (not for other python3s on PATH). */
const TORCH_PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
const hasTorch = () => spawnSync(TORCH_PYTHON, ['-c', 'import torch, numpy, onnx'], { stdio: 'ignore' }).status === 0;

function ensureTorch(): void {
  if (hasTorch()) return;
  if (canInstallWithApt()) {
    console.log('No PyTorch for the Python tier: installing Debian\'s python3-torch, python3-sklearn and python3-onnx…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'python3-torch', 'python3-sklearn', 'python3-onnx'],
      { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (hasTorch()) return;
  }
  throw new Error(`The Python tier (tests/python/) needs PyTorch, numpy and onnx for ${TORCH_PYTHON}, and importing them failed ` +
    '(nor could Debian\'s packages be installed here). Install them (sudo apt-get install python3-torch python3-onnx), ' +
    'set TORCH_PYTHON to an interpreter that has them, or run the other tiers alone: npm test -- --project unit --project browser.');
}

const args = process.argv.slice(2);
// `npm test -- --project unit` (say) needs no Python; any run that includes the python project does
const projects = args.flatMap((a, i) => (a === '--project' ? [args[i + 1]] : a.startsWith('--project=') ? [a.slice(10)] : []));
const chromium = ensureChromium();
if (projects.length === 0 || projects.includes('python')) ensureTorch();
console.log(`Browser tests will use ${chromium}`);
const vitest = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium, TORCH_PYTHON } });
process.exitCode = vitest.status ?? 1;
