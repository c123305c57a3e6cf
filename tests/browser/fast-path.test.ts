// The fused WebGPU kernels' guard in Chromium (WebGPU on SwiftShader here, or a real GPU): as installed the fused
// step runs and tf.profile() names its dispatches; when the guard sees another version or a missing backend
// member, the stock step runs, with the same losses, and the reason names what differs.
import { expect, it } from 'vitest';
import { useFixtureBrowser } from './browser';
import type { FastPathOutput } from './fixtures/fast-path';

const fixture = useFixtureBrowser();

const FUSED_KERNELS = ['SandboxFusedAdam', 'SandboxFusedAdamPowers', 'SandboxSoftmaxCrossEntropy', 'SandboxAccumulateLossAndCorrect', 'SandboxBiasActivationGrad'];
const FUSED_PROGRAMS = ['fusedAdam', 'fusedAdamPowers', 'fusedSoftmaxXent', 'fusedAccumulateLossCorrect'];

it('runs the fused step as installed, the stock step when anything differs, and says which', async () => {
  const out = await fixture<FastPathOutput>('fast-path');
  const { installed, otherVersion, hiddenMember, shadowed, restored } = out;
  console.log(`[fast-path] timestamp-query: ${out.timestampQuery}; tf.time kernelMs fused ${installed.time.kernelMs}, stock ${otherVersion.time.kernelMs}`);
  console.log('[fast-path] tripped:', otherVersion.status.reason, '|', hiddenMember.status.reason, '|', shadowed.status.reason);
  expect(out.backend).toBe('webgpu');

  expect(installed.status.fused).toBe(true);
  expect(installed.status.reason).toMatch(/^Fused WebGPU kernels run: tfjs is 4\.22\.0 and has every internal they use\.$/);
  expect(installed.kernels).toEqual(expect.arrayContaining(FUSED_KERNELS));
  // the fused dispatches join tfjs's timers: their program keys appear beside tfjs's own programs
  expect(installed.timedPrograms).toEqual(expect.arrayContaining(FUSED_PROGRAMS));
  expect(installed.time.programs).toEqual(expect.arrayContaining(FUSED_PROGRAMS));
  expect(installed.time.kernelMs).toBeGreaterThanOrEqual(0);
  if (out.timestampQuery) expect(installed.time.kernelMs).toBeGreaterThan(0);

  for (const [tripped, differs] of [[otherVersion, /tfjs-backend-webgpu is 4\.23\.0, not 4\.22\.0/], [hiddenMember, /WebGPU backend has no makeUniforms \(method\)/]] as const) {
    expect(tripped.status.fused).toBe(false);
    expect(tripped.status.reason).toMatch(/^The stock training step runs: the fused WebGPU kernels are written against tfjs 4\.22\.0's internals, and here /);
    expect(tripped.status.reason).toMatch(differs);
    expect(tripped.kernels.filter((k) => k.startsWith('Sandbox'))).toEqual([]);
    expect(tripped.timedPrograms.filter((p) => p.startsWith('fused'))).toEqual([]);
    expect(tripped.kernels.length).toBeGreaterThan(10); // tfjs's own kernels, one per op
    // the stock step trains the same network on the same batch: the same losses to float32 rounding
    tripped.losses.forEach((loss, k) => expect(Math.abs(loss - installed.losses[k]) / installed.losses[k]).toBeLessThan(1e-4));
  }
  expect(installed.losses[2]).toBeLessThan(installed.losses[0]);

  expect(shadowed).toEqual({ status: { fused: false, reason: expect.stringMatching(/WebGPU backend has no getQueryTime \(method\)/) }, declined: true });
  expect(restored.fused).toBe(true);
  expect(out.leakedTensors).toBe(0);
});
