// Optimizer updates as single WebGPU dispatches, registered as tfjs kernels for the webgpu backend. Each reads a
// weight, its gradient and its slots and writes the new weight and slots, with the arithmetic of optimizers.ts
// in the same order (so results agree with stock tfjs to float32 rounding); hyperparameters travel in the
// uniform buffer tfjs writes for every dispatch anyway, so no step uploads a scalar. Adam's running powers
// β₁ᵗ, β₂ᵗ live in one [2] tensor on the device, read by every weight's update and advanced by one more dispatch.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runFused, type FusedProgram } from './fused-dispatch-webgpu';

export const FUSED_SGD = 'SandboxFusedSgd';
export const FUSED_MOMENTUM = 'SandboxFusedMomentum';
export const FUSED_ADAM = 'SandboxFusedAdam';
export const FUSED_ADAM_POWERS = 'SandboxFusedAdamPowers';
export const FUSED_RMSPROP = 'SandboxFusedRmsProp';

const WORKGROUP = 256;

const elementwise = (key: string, inputs: string[], outputs: string[], uniforms: string[], body: string): FusedProgram => ({
  key, inputs, outputs, uniforms: uniforms.map((n) => [n, 'f32']), workgroupSize: WORKGROUP, body,
});

/** w ← −lr·g + w */
const SGD = elementwise('fusedSgd', ['W', 'G'], ['W2'], ['negLr'], 'W2[i] = u.negLr * G[i] + W[i];');

/** a ← m·a + g;  w ← −lr·a + w */
const MOMENTUM = elementwise('fusedMomentum', ['W', 'G', 'A'], ['W2', 'A2'], ['negLr', 'momentum'], `
  let a = u.momentum * A[i] + G[i];
  A2[i] = a;
  W2[i] = u.negLr * a + W[i];`);

/** m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← (m̂ / (√v̂ + ε))·(−lr) + w, with P = [β₁ᵗ, β₂ᵗ] */
const ADAM = elementwise('fusedAdam', ['W', 'G', 'M', 'V', 'P'], ['W2', 'M2', 'V2'],
  ['negLr', 'beta1', 'oneMinusBeta1', 'beta2', 'oneMinusBeta2', 'epsilon'], `
  let g = G[i];
  let m = M[i] * u.beta1 + g * u.oneMinusBeta1;
  let v = V[i] * u.beta2 + (g * g) * u.oneMinusBeta2;
  let mHat = m / (1.0 - P[0]);
  let vHat = v / (1.0 - P[1]);
  M2[i] = m;
  V2[i] = v;
  W2[i] = (mHat / (sqrt(vHat) + u.epsilon)) * u.negLr + W[i];`);

/** P ← P·[β₁, β₂] */
const ADAM_POWERS = elementwise('fusedAdamPowers', ['P'], ['P2'], ['beta1', 'beta2'],
  'P2[i] = P[i] * select(u.beta2, u.beta1, i == 0u);');

/** s ← ρs + (1−ρ)g²;  w ← w − lr·g / √(s + ε) */
const RMSPROP = elementwise('fusedRmsProp', ['W', 'G', 'S'], ['W2', 'S2'], ['lr', 'rho', 'oneMinusRho', 'epsilon'], `
  let g = G[i];
  let s = S[i] * u.rho + (g * g) * u.oneMinusRho;
  S2[i] = s;
  W2[i] = W[i] - (g * u.lr) / sqrt(s + u.epsilon);`);

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

/** A kernel running `program` over every element of input `w`, outputs shaped like the inputs named in `like`. */
function kernel(program: FusedProgram, inputNames: string[], like: string[], attrNames: string[]): tf.KernelFunc {
  return (({ inputs, backend, attrs }: KernelArgs) => {
    const ins = inputNames.map((n) => inputs[n]!);
    const shapeOf = (n: string) => inputs[n]!.shape;
    const count = shapeOf(like[0]).reduce((a, b) => a * b, 1);
    return runFused(backend as WebGPUBackend, program, {
      inputs: ins,
      outputs: like.map((n) => ({ shape: shapeOf(n), dtype: 'float32' })),
      uniforms: attrNames.map((a) => (attrs as Record<string, number>)[a]),
      count,
    });
  }) as unknown as tf.KernelFunc;
}

const KERNELS: tf.KernelConfig[] = [
  { kernelName: FUSED_SGD, backendName: 'webgpu', kernelFunc: kernel(SGD, ['w', 'g'], ['w'], ['negLr']) },
  { kernelName: FUSED_MOMENTUM, backendName: 'webgpu', kernelFunc: kernel(MOMENTUM, ['w', 'g', 'a'], ['w', 'a'], ['negLr', 'momentum']) },
  {
    kernelName: FUSED_ADAM, backendName: 'webgpu',
    kernelFunc: kernel(ADAM, ['w', 'g', 'm', 'v', 'p'], ['w', 'm', 'v'], ['negLr', 'beta1', 'oneMinusBeta1', 'beta2', 'oneMinusBeta2', 'epsilon']),
  },
  { kernelName: FUSED_ADAM_POWERS, backendName: 'webgpu', kernelFunc: kernel(ADAM_POWERS, ['p'], ['p'], ['beta1', 'beta2']) },
  { kernelName: FUSED_RMSPROP, backendName: 'webgpu', kernelFunc: kernel(RMSPROP, ['w', 'g', 's'], ['w', 's'], ['lr', 'rho', 'oneMinusRho', 'epsilon']) },
];

/** Registers the kernels once (tfjs keeps them in a global registry, by kernel and backend name). */
export function registerFusedOptimizerKernels(): void {
  for (const config of KERNELS) {
    if (!tf.getKernel(config.kernelName, 'webgpu')) tf.registerKernel(config);
  }
}
