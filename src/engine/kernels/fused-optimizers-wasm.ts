// The fused optimizer kernels of fused-optimizers-webgpu.ts, registered under the same names for tfjs's WASM
// backend: one loop over the WASM heap per weight instead of about 14 tensor ops, each of which walks every
// element and allocates its result. On the 784-512-512-10 MLP at batch 256 (Node, one core) Adam's tensor ops
// took about 12 of the step's 70 kernel-ms; the loop does the same arithmetic in a few.
//
// Written in JS, not WASM: tfjs-backend-wasm ships no such kernel and this project does not compile WASM. The
// arithmetic is optimizers.ts's, in its order, on the float32 hyperparameters, but in double precision, rounded to
// float32 once per stored value: rounding every operation with Math.fround made the Adam loop 3.5× slower under
// V8 (11.3 against 3.2 ms for 670k weights). The results stay within float32 rounding of the tensor-op step's
// (tests/engine/kernels/fused-optimizers-wasm.test.ts).
import * as tf from '@tensorflow/tfjs';
import { FUSED_ADAM, FUSED_ADAM_POWERS, FUSED_MOMENTUM, FUSED_RMSPROP, FUSED_SGD } from './fused-optimizers-webgpu';

type Info = tf.TensorInfo;

/** The parts of tfjs-backend-wasm 4.22.0 these kernels use (rowGather in wasm-training.ts uses the same). */
interface WasmHeap {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(id: tf.DataId): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): Info;
}

type KernelArgs = { inputs: Record<string, Info>; attrs?: Record<string, number>; backend: tf.KernelBackend };

const f = Math.fround;

/**
 * A kernel over every element: `inputs` (named as the WebGPU kernel's) and outputs shaped like `like`, their float32
 * views passed to `body` with the float32-rounded attributes.
 */
function kernel(inputNames: string[], like: string[], attrNames: string[],
  body: (ins: Float32Array[], outs: Float32Array[], a: number[], count: number) => void): tf.KernelFunc {
  return ((args: KernelArgs) => {
    const heap = args.backend as unknown as WasmHeap;
    const infos = inputNames.map((n) => args.inputs[n]);
    for (const [k, t] of infos.entries()) {
      if (t.dtype !== 'float32') throw new Error(`The fused optimizer on WASM takes float32 tensors; ${inputNames[k]} is ${t.dtype}.`);
    }
    const outputs = like.map((n) => heap.makeOutput(args.inputs[n].shape, 'float32'));
    // views made after every output is allocated: allocating may grow the heap and replace its buffer
    const buffer = heap.wasm.HEAPU8.buffer;
    const view = (t: Info) => new Float32Array(buffer, heap.dataIdMap.get(t.dataId)!.memoryOffset, tf.util.sizeFromShape(t.shape));
    const count = tf.util.sizeFromShape(args.inputs[like[0]].shape);
    body(infos.map(view), outputs.map(view), attrNames.map((n) => f((args.attrs as Record<string, number>)[n])), count);
    return outputs;
  }) as unknown as tf.KernelFunc;
}

/** w ← −lr·g + w */
const sgd = kernel(['w', 'g'], ['w'], ['negLr'], ([W, G], [W2], [negLr], n) => {
  for (let i = 0; i < n; i++) W2[i] = negLr * G[i] + W[i];
});

/** a ← m·a + g;  w ← −lr·a + w */
const momentum = kernel(['w', 'g', 'a'], ['w', 'a'], ['negLr', 'momentum'], ([W, G, A], [W2, A2], [negLr, m], n) => {
  for (let i = 0; i < n; i++) {
    const a = f(m * A[i] + G[i]); // the stored accumulation is what the weight's update uses
    A2[i] = a;
    W2[i] = negLr * a + W[i];
  }
});

/** m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← (m̂ / (√v̂ + ε))·(−lr) + w, with P = [β₁ᵗ, β₂ᵗ] */
const adam = kernel(['w', 'g', 'm', 'v', 'p'], ['w', 'm', 'v'], ['negLr', 'beta1', 'oneMinusBeta1', 'beta2', 'oneMinusBeta2', 'epsilon'],
  ([W, G, M, V, P], [W2, M2, V2], [negLr, b1, omb1, b2, omb2, eps], n) => {
    const bias1 = f(1 - P[0]);
    const bias2 = f(1 - P[1]);
    for (let i = 0; i < n; i++) {
      const g = G[i];
      const m = f(M[i] * b1 + g * omb1);
      const v = f(V[i] * b2 + g * g * omb2);
      M2[i] = m;
      V2[i] = v;
      W2[i] = ((m / bias1) / (Math.sqrt(v / bias2) + eps)) * negLr + W[i];
    }
  });

/** P ← P·[β₁, β₂] */
const adamPowers = kernel(['p'], ['p'], ['beta1', 'beta2'], ([P], [P2], [b1, b2]) => {
  P2[0] = P[0] * b1;
  P2[1] = P[1] * b2;
});

/** s ← ρs + (1−ρ)g²;  w ← w − lr·g / √(s + ε) */
const rmsProp = kernel(['w', 'g', 's'], ['w', 's'], ['lr', 'rho', 'oneMinusRho', 'epsilon'], ([W, G, S], [W2, S2], [lr, rho, omr, eps], n) => {
  for (let i = 0; i < n; i++) {
    const g = G[i];
    const s = f(S[i] * rho + g * g * omr);
    S2[i] = s;
    W2[i] = W[i] - (g * lr) / Math.sqrt(s + eps);
  }
});

const KERNELS: tf.KernelConfig[] = [
  { kernelName: FUSED_SGD, backendName: 'wasm', kernelFunc: sgd },
  { kernelName: FUSED_MOMENTUM, backendName: 'wasm', kernelFunc: momentum },
  { kernelName: FUSED_ADAM, backendName: 'wasm', kernelFunc: adam },
  { kernelName: FUSED_ADAM_POWERS, backendName: 'wasm', kernelFunc: adamPowers },
  { kernelName: FUSED_RMSPROP, backendName: 'wasm', kernelFunc: rmsProp },
];

/** Registers the kernels once for 'wasm' (tfjs keeps them in a global registry, by kernel and backend name). */
export function registerWasmOptimizerKernels(): void {
  for (const config of KERNELS) {
    if (!tf.getKernel(config.kernelName, 'wasm')) tf.registerKernel(config);
  }
}
