// `npm test`: type-checks the TypeScript and Svelte code (`npm run check`, svelte-check), makes sure a Chromium
// is there for the browser tests, PyTorch for the Python tier and Fashion-MNIST's official files for the shipped
// data's oracle (installing Debian's packages, in one step, when this machine allows it), then runs every test: unit and lesson tests under Node, the exported PyTorch script against the
// engine, browser tests against the built app. A type error fails it before any test runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium';

/** Debian's dataset-fashion-mnist: tests/data/shipped-datasets.test.ts compares the shipped test split with it. */
const FASHION_MNIST_TEST_IMAGES = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';

function canInstallWithApt(): boolean {
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  return hasApt && process.getuid?.() === 0;
}

/**
 * Installs Debian packages in one apt step (each `apt-get update` costs seconds). Where that fails and optional
 * packages were among them, tries again without those, so an oracle the tests can skip never costs a tier they
 * need; what is still missing afterwards is reported by the checks that follow, each naming its fix.
 */
function aptInstall(needed: string[], optional: string[]): void {
  if (needed.length + optional.length === 0 || !canInstallWithApt()) return;
  const install = (packages: string[]) => {
    console.log(`Installing Debian's ${packages.join(', ')} for the tests…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0;
  };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  if (!install([...needed, ...optional]) && optional.length > 0 && needed.length > 0) install(needed);
}

function chromiumOrThrow(): string {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist. Point it at a Chromium or Chrome executable.`);
  }
  throw new Error('The browser tests need Chromium and none was found (nor could Debian\'s package be installed here). ' +
    'Install it (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.');
}

/** Debian's python3-torch and python3-onnx install for /usr/bin/python3 (not for other python3s on PATH). */
const TORCH_PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
const hasTorch = () => spawnSync(TORCH_PYTHON, ['-c', 'import torch, numpy, onnx'], { stdio: 'ignore' }).status === 0;

function torchOrThrow(): void {
  if (hasTorch()) return;
  throw new Error(`The Python tier (tests/python/) needs PyTorch, numpy and onnx for ${TORCH_PYTHON}, and importing them failed ` +
    '(nor could Debian\'s packages be installed here). Install them (sudo apt-get install python3-torch python3-onnx), ' +
    'set TORCH_PYTHON to an interpreter that has them, or run the other tiers alone: npm test -- --project unit --project browser.');
}

const check = spawnSync('npm', ['run', 'check'], { stdio: 'inherit' });
if (check.status !== 0) {
  console.error('npm run check (svelte-check) found type errors: fix them first; the tests did not run.');
  process.exit(check.status ?? 1);
}

const args = process.argv.slice(2);
// `npm test -- --project unit` (say) needs no Python; any run that includes the python project does
const projects = args.flatMap((a, i) => (a === '--project' ? [args[i + 1]] : a.startsWith('--project=') ? [a.slice(10)] : []));
const runs = (project: string) => projects.length === 0 || projects.includes(project);
// What this machine lacks, installed together where it can be: Chromium (browser tier), PyTorch and its
// companions (Python tier), and Fashion-MNIST's official files, the oracle a unit test holds the shipped
// Fashion-MNIST to (without them that one test is skipped and says why).
aptInstall([
  ...(findChromium() || process.env.CHROMIUM_PATH ? [] : ['chromium']),
  ...(runs('python') && !hasTorch() ? ['python3-torch', 'python3-sklearn', 'python3-onnx'] : []),
], runs('unit') && !existsSync(FASHION_MNIST_TEST_IMAGES) ? ['dataset-fashion-mnist'] : []);
const chromium = chromiumOrThrow();
if (runs('python')) torchOrThrow();
console.log(`Browser tests will use ${chromium}`);
const vitest = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium, TORCH_PYTHON } });
process.exitCode = vitest.status ?? 1;
