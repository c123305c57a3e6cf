// Real float16 storage on WebGL: tfjs's half-float textures (WEBGL_FORCE_F16_TEXTURES). Shaders still compute in
// float32 (highp), but every tensor a kernel writes lands in an RGBA16F/R16F texture, so each stored value is a
// binary16 — weights, activations, gradients and optimizer slots alike: tfjs picks one texture type for all.
//
// tfjs reads the flag when it allocates and when it releases a texture, so flipping it under a live backend
// would put float32 textures into the half-float pool. The backend is therefore recreated, between runs, with
// the flag on or off; every tensor on the old one must be disposed first.
import * as tf from '@tensorflow/tfjs';
import { roundToFloat16 } from './float16';

/** Same priority as tfjs's own registration of 'webgl'. */
const WEBGL_PRIORITY = 2;

/**
 * Recreates tfjs's webgl backend with half-float textures on or off, and makes it active if webgl was active.
 * Throws, saying what to do, if tensors still live on the current webgl backend: they would be lost.
 */
export async function setWebGlHalfTextures(on: boolean): Promise<void> {
  const current = tf.engine().registry['webgl'] as tf.MathBackendWebGL | undefined;
  const live = current ? current.numDataIds() : 0;
  if (live > 0) {
    throw new Error(`${live} tensors still live on the WebGL backend; recreating it with half-float textures ${on ? 'on' : 'off'} would lose them. Dispose the model, the data and any kept tensors first, then switch.`);
  }
  const wasActive = tf.getBackend() === 'webgl';
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  tf.env().set('WEBGL_FORCE_F16_TEXTURES', on);
  // WEBGL_RENDER_FLOAT32_ENABLED is derived from the flag above only the first time it is read, then cached
  tf.env().set('WEBGL_RENDER_FLOAT32_ENABLED', on ? false : tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE'));
  // tfjs uploads tiny tensors as float32 uniforms only with float32 textures (4 values), as its own flag default says
  tf.env().set('WEBGL_SIZE_UPLOAD_UNIFORM', on ? 0 : 4);
  if (tf.findBackendFactory('webgl')) tf.removeBackend('webgl');
  tf.registerBackend('webgl', () => new tf.MathBackendWebGL(), WEBGL_PRIORITY);
  if (wasActive || on) {
    if (!(await tf.setBackend('webgl'))) throw new Error('The WebGL backend did not restart: the browser may have refused a new WebGL context.');
    await tf.ready();
  }
}

/** What a write and read-back through the active WebGL backend shows about its texture storage. */
export interface WebGlStorageProbe {
  /** Values come back rounded to binary16: the textures are half floats. */
  halfFloat: boolean;
  /** The probe values, and what came back for each. */
  written: number[];
  readBack: number[];
  /** With half floats: where the read-back differs from exact binary16 rounding, e.g. "65520 → NaN, not Infinity". */
  deviations: string[];
  /**
   * Bytes the texture manager allocated for one new [256, 256] tensor (it counts by physical texture type):
   * 262,144 for float32, 131,072 for half floats; 0 if it reused a free texture of that shape.
   */
  bytesFor256x256: number;
}

// 1/3 shows the rounding, 65520 the overflow, 1 + 2^-11 and 1 + 3·2^-11 ties to even, the rest the subnormal
// end: 2^-24 stays, 2^-25 (a tie) and 1e-8 go to 0, just above 2^-25 goes up to 2^-24, 3.9e-7 to 7·2^-24
const PROBE = [1 / 3, 65504, 65520, 1 + 2 ** -11, 1 + 3 * 2 ** -11, -2.5, 2 ** -24, 2 ** -25, 1e-8, 2.9802326e-8, -3.874348e-7];

/**
 * Writes values through a kernel (uploads are float32; a kernel's output is a render texture, the storage that
 * matters), reads them back and checks them against exact binary16 rounding. WebGL backend only.
 */
export async function probeWebGlStorage(): Promise<WebGlStorageProbe> {
  if (tf.getBackend() !== 'webgl') throw new Error(`probeWebGlStorage needs the webgl backend active, not ${tf.getBackend()}.`);
  const backend = tf.backend() as tf.MathBackendWebGL;
  // tfjs runs small ops on CPU-resident inputs in JS (WEBGL_CPU_FORWARD), which would never touch a texture
  const forward = tf.env().getBool('WEBGL_CPU_FORWARD');
  tf.env().set('WEBGL_CPU_FORWARD', false);
  const out = tf.tidy(() => tf.mul(tf.tensor1d(PROBE), tf.scalar(1)));
  const readBack = Array.from(await out.data());
  out.dispose();
  tf.env().set('WEBGL_CPU_FORWARD', forward);
  const f32 = Array.from(Float32Array.from(PROBE));
  const halves = f32.map(roundToFloat16);
  const allocated = () => (backend.memory() as tf.MemoryInfo & { numBytesInGPUAllocated: number }).numBytesInGPUAllocated;
  const allocatedBefore = allocated();
  const big = tf.fill([256, 256], 2); // one kernel, one render texture, allocated as it runs
  const bytesFor256x256 = allocated() - allocatedBefore;
  big.dispose();
  // float32 storage would give 1/3 back exactly as written
  const halfFloat = readBack[0] !== f32[0];
  return {
    halfFloat,
    written: f32,
    readBack,
    deviations: halfFloat ? f32.flatMap((x, i) => (Object.is(readBack[i], halves[i]) ? [] : [`${x} → ${readBack[i]}, not ${halves[i]}`])) : [],
    bytesFor256x256,
  };
}
