// Running Debian's Python with torch from the tests: where it is, a clear failure when torch is missing, a
// process whose output is kept, and a free TCP port for DistributedDataParallel's rendezvous.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

/** Debian's python3-torch installs for this interpreter, not for any other python3 on PATH. */
export const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';

/** Fails with what to do when torch, numpy or onnx is missing (scripts/test.ts installs them where it can). */
export function requireTorch(): void {
  const check = spawnSync(PYTHON, ['-c', 'import torch, numpy, onnx'], { encoding: 'utf8' });
  if (check.status !== 0) {
    throw new Error(`The Python tier needs PyTorch, numpy and onnx for ${PYTHON}, and importing them failed ` +
      `(${(check.stderr || check.error?.message || '').trim().split('\n').pop()}). Install Debian's packages: ` +
      '`sudo apt-get install -y python3-torch python3-onnx` (npm test does this itself when run as root), ' +
      'or set TORCH_PYTHON to an interpreter that has them.');
  }
}

const run = promisify(execFile);

/** Runs python with `args`; resolves to stdout, rejects with stderr's tail when it exits non-zero. */
export async function python(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  try {
    const { stdout } = await run(PYTHON, args, { ...options, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${PYTHON} ${args.join(' ')} failed: ${(e.stderr ?? e.message).slice(-3000)}`);
  }
}

/** Starts python without waiting: for the processes of a distributed run. */
export function pythonProcess(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The JSON after "RESULT " in a script's output. */
export function resultLine(stdout: string): Record<string, number | null> {
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`the script printed no RESULT line:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length));
}
