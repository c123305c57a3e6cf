// Whether the training step uses its fused WebGPU kernels (kernels/fused-*.ts), and in words why or why not.
// They run only where all of these hold: the SANDBOX_FAST_PATH flag is on (a tfjs environment flag, on by
// default, so a benchmark or a test can compare both paths in one page), the backend is WebGPU, and the tfjs in
// the page is exactly the version whose internals the kernels use, with every one of them there
// (kernels/tfjs-internals.ts). Anywhere else the stock step (plain tensor ops) runs, and the report says why.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { checkTfjsInternals, FUSED_TFJS_VERSION, liveProbe, type TfjsProbe } from '../kernels/tfjs-internals';

export const FAST_PATH_FLAG = 'SANDBOX_FAST_PATH';

tf.env().registerFlag(FAST_PATH_FLAG, () => true);

export function setFastPath(enabled: boolean): void {
  tf.env().set(FAST_PATH_FLAG, enabled);
}

/** Which training step runs on WebGPU, for the backend report. */
export interface FastPathStatus {
  /** True when the fused kernels run. */
  fused: boolean;
  /** Why, in words: what was checked, or what differs. */
  reason: string;
}

/** The verdict for one backend object, made once: a run re-checks through fastPathStatus(). */
const verdicts = new WeakMap<object, string[]>();

function problemsOf(backend: object, probe: () => TfjsProbe): string[] {
  let problems = verdicts.get(backend);
  if (!problems) verdicts.set(backend, (problems = checkTfjsInternals(probe())));
  return problems;
}

/** The status of the fused path on the active backend, checked afresh (the run's start calls this). */
export function fastPathStatus(probe: () => TfjsProbe = liveProbe): FastPathStatus {
  if (!tf.env().getBool(FAST_PATH_FLAG)) return { fused: false, reason: `The stock training step runs: the fused WebGPU kernels are switched off (tfjs flag ${FAST_PATH_FLAG}).` };
  if (tf.getBackend() !== 'webgpu') return { fused: false, reason: `The stock training step runs: the fused kernels are for WebGPU, and the backend is ${tf.getBackend()}.` };
  verdicts.delete(tf.backend());
  const problems = problemsOf(tf.backend(), probe);
  if (problems.length) {
    return { fused: false, reason: `The stock training step runs: the fused WebGPU kernels are written against tfjs ${FUSED_TFJS_VERSION}'s internals, and here ${problems.join('; ')}.` };
  }
  return { fused: true, reason: `Fused WebGPU kernels run: tfjs is ${FUSED_TFJS_VERSION} and has every internal they use.` };
}

/** The active WebGPU backend when the fused kernels may run on it, else null (use the plain tensor ops). */
export function fusedWebGpu(): WebGPUBackend | null {
  if (!tf.env().getBool(FAST_PATH_FLAG) || tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend();
  return problemsOf(backend, liveProbe).length ? null : (backend as unknown as WebGPUBackend);
}
