// Which float16 path a run takes, decided when it is prepared, before any of its tensors exist: on WebGL a run
// whose every arm is float16 gets tfjs's half-float textures (real float16 storage), every other run gets the
// ordinary float32 textures back; on WebGPU the adapter is asked for shader-f16, so the report can name what it offers. Each arm then gets a report of
// its path, in words, and of what its weights and activations take in memory.
import type { BackendName } from '../engine/backend';
import { chooseFloat16Path, precisionMemory, type Float16Capabilities } from '../engine/precision/hardware-path';
import { summarize } from '../engine/model/summary';
import type { ExperimentSpec } from '../engine/model/spec';
import type { Trainer } from '../engine/train/trainer';
import { probeWebGlStorage, setWebGlHalfTextures } from '../engine/precision/webgl-f16';
import { detectShaderF16 } from '../engine/precision/webgpu-f16';
import type { PrecisionReport } from './protocol';

let halfTextures = false;

/** What the run's float16 paths are chosen from. Call after the backend is selected and the old run disposed. */
export async function prepareFloat16(specs: ExperimentSpec[], backend: BackendName): Promise<Float16Capabilities> {
  const wantHalf = backend === 'webgl' && specs.every((s) => s.training.precision === 'float16');
  if (wantHalf !== halfTextures) {
    await setWebGlHalfTextures(wantHalf);
    halfTextures = wantHalf;
  }
  if (backend === 'webgl') return { backend, webglProbe: wantHalf ? await probeWebGlStorage() : { halfFloat: false, deviations: [] } };
  if (backend === 'webgpu' && specs.some((s) => s.training.precision !== 'float32')) {
    // named in the report; the step has no float16 kernels, so the run is emulated either way
    return { backend, shaderF16: await detectShaderF16() };
  }
  return { backend };
}

/** The arm's policy, path and memory estimate. */
export function precisionReport(trainer: Trainer, caps: Float16Capabilities): PrecisionReport {
  const { precision, lossScaling, batchSize } = trainer.spec.training;
  let path = chooseFloat16Path(precision, caps);
  if (path && caps.backend === 'webgl' && precision === 'float16' && !halfTextures) {
    path = { ...path, why: `This paired run also trains a policy that is not float16, and tfjs's WebGL backend keeps every tensor in one texture type, so half-float textures stay off. ${path.why.replace(/^This WebGL context did not give half-float textures\. /, '')}` };
  }
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  const activations = summarize(trainer.spec).layers.reduce((n, l) => n + size(l.outputShape), 0) * batchSize;
  const memory = precisionMemory(precision, path?.path ?? null, {
    weights: trainer.network.trainable.reduce((n, v) => n + v.size, 0),
    optimizerSlots: trainer.step.optimizer.slots.reduce((n, v) => n + v.size, 0),
    activations,
  });
  return { policy: precision, lossScaling: { ...lossScaling }, path, memory };
}
