// The float16 kernels in real Chromium on WebGL and WebGPU (both SwiftShader here): bit for bit equal to the JS
// oracle, which tests/engine/float16.test.ts checks against an independent one.
import { beforeAll, describe, expect, it } from 'vitest';
import { roundFloat16Array } from '../../src/engine/precision/float16';
import { probeBits, tieBits } from '../engine/precision/float16-oracle';
import { useFixtureBrowser } from './browser';
import type { KernelInput, KernelOutput } from './fixtures/float16-kernels';
import type { PathsOutput } from './fixtures/float16-paths';
import type { TrainingOutput } from './fixtures/float16-training';

const fixture = useFixtureBrowser();

// 100k random patterns over the whole float32 range (half of them near binary16's exponents), the issue's
// special values, and every binary16 tie ± 1 float32 ulp (about 190k more)
const input = Uint32Array.from([...probeBits(50_000, 11), ...tieBits()]);
const expected = new Uint32Array(roundFloat16Array(new Float32Array(input.buffer)).buffer);
const isNaNBits = (b: number) => (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;

/** Indices where `bits` differs from the oracle (any NaN matches any NaN), with the first few described. */
function mismatches(bits: number[]) {
  const wrong: number[] = [];
  for (let i = 0; i < expected.length; i++) {
    if (bits[i] !== expected[i] && !(isNaNBits(bits[i]) && isNaNBits(expected[i]))) wrong.push(i);
  }
  const f = (b: number) => new Float32Array(Uint32Array.of(b).buffer)[0];
  // where the WGSL spec leaves the result open: beyond binary16's finite range (|x| ≥ 65520), Infinity, NaN
  const outOfRange = (i: number) => !(Math.abs(f(input[i])) < 65520);
  const inRange = wrong.filter((i) => !outOfRange(i));
  const examples = [...inRange, ...wrong].slice(0, 3).map((i) => `${f(input[i])} → ${f(bits[i])} (oracle ${f(expected[i])})`);
  return { count: wrong.length, inRange: inRange.length, examples };
}

/** In-range mismatches by kind: below the flush threshold, subnormal range, normal range; ties apart. */
function mismatchKinds(bits: number[]) {
  const f = (b: number) => new Float32Array(Uint32Array.of(b).buffer)[0];
  const ties = new Set(Array.from(tieBits()).filter((_, i) => Math.floor(i / 2) % 3 === 1));
  const kinds: Record<string, number> = {};
  const samples: Record<string, string[]> = {};
  for (let i = 0; i < expected.length; i++) {
    const a = Math.abs(f(input[i]));
    if (!(a < 65520) || bits[i] === expected[i]) continue;
    const band = a <= 2 ** -25 ? 'flushes (≤2^-25)' : a < 2 ** -14 ? 'subnormal' : 'normal';
    const kind = `${band}${ties.has(input[i]) ? ', tie' : ''}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    (samples[kind] ??= []).length < 3 && samples[kind].push(`${f(input[i])} → ${f(bits[i])} (oracle ${f(expected[i])})`);
  }
  return { kinds, samples };
}

const kernelOutputs: Partial<Record<'webgl' | 'webgpu', KernelOutput>> = {};

describe.each(['webgl', 'webgpu'] as const)('float16 kernels on %s', (backend) => {
  it('roundFloat16 equals the JS oracle bit for bit', async () => {
    const out = await fixture<KernelOutput>('float16-kernels', { backend, bits: Array.from(input) } satisfies KernelInput);
    kernelOutputs[backend] = out;
    expect(out.backend).toBe(backend);
    expect(out.round).toHaveLength(input.length);
    expect(mismatches(out.round)).toEqual({ count: 0, inRange: 0, examples: [] });
    expect(out.leakedTensors).toBe(0);
  });
});

describe.each(['webgl', 'webgpu'] as const)('roundFloat16 of a rank-2 odd-sized tensor on %s', (backend) => {
  it('keeps the shape and rounds every element', () => {
    const out = kernelOutputs[backend]!;
    if (out.timings) console.log('[float16] WebGPU timings (ms per call):', JSON.stringify(out.timings));
    expect(out.oddShape.shape).toEqual([3, 5]);
    expect(out.oddShape.bits).toEqual(Array.from(expected.slice(0, 15)).map((b, i) => (isNaNBits(b) ? out.oddShape.bits[i] : b)));
  });
});

describe('float16 storage paths', () => {
  let out: PathsOutput;
  beforeAll(async () => {
    out = await fixture<PathsOutput>('float16-paths', { bits: Array.from(input) });
    const { webgl, matMul, webgpu } = out;
    console.log('[float16] WebGL read-backs, float32 / half / float32 again:', [webgl.float32.readBack, webgl.half.readBack, webgl.float32Again.readBack].map(String).join(' | '));
    console.log(`[float16] WebGL half textures vs exact rounding on ${input.length} values:`, JSON.stringify(mismatches(out.halfTextureBits)), JSON.stringify(mismatchKinds(out.halfTextureBits)));
    console.log('[float16] WebGL half textures, values not rounded to nearest even:', JSON.stringify(webgl.half.deviations), 'bytes for 256×256 float32 / half:', webgl.float32.bytesFor256x256, webgl.half.bytesFor256x256);
    console.log(`[float16] WebGL ${matMul.n}×${matMul.n} matMul: float32 ${matMul.float32Ms.toFixed(1)} ms, half textures ${matMul.halfMs.toFixed(1)} ms (half/float32 = ${(matMul.halfMs / matMul.float32Ms).toFixed(2)})`);
    console.log('[float16] WebGPU:', JSON.stringify(webgpu, null, 1));
    console.log('[float16] WebGL paths:', JSON.stringify(out.webglPaths, null, 1));
  });

  it('WebGL: half-float textures really store binary16, and switch off again between runs in one page', () => {
    const { float32, half, float32Again } = out.webgl;
    expect(float32.halfFloat).toBe(false);
    expect(float32.readBack[0]).toBe(Math.fround(1 / 3));
    expect(half.halfFloat).toBe(true);
    expect(half.readBack[0]).toBe(0.333251953125);
    expect(half.bytesFor256x256 * 2).toBe(float32.bytesFor256x256);
    expect(float32Again.halfFloat).toBe(false);
    expect(out.webglPaths.float16?.path).toBe('webgl-f16-textures');
    expect(out.webglPaths.mixed?.path).toBe('emulated');
    expect(out.leakedTensors).toBe(0);
  });

  it('WebGPU: names whether the adapter has shader-f16, and says both policies are emulated', () => {
    const { detection, mixed, float16 } = out.webgpu;
    // the step has no float16 WebGPU kernels, so the path is the same with or without shader-f16
    expect(float16?.path).toBe('emulated');
    expect(mixed?.path).toBe('emulated');
    expect(detection.why).toMatch(detection.available ? /offers shader-f16/ : /does not offer the shader-f16 feature/);
    expect(float16?.why).toContain(detection.why);
  });
});

describe.each(['webgl', 'webgpu'] as const)('a short mixed_float16 run on %s', (backend) => {
  it('trains (the loss falls), keeps loss-scale state on the device, and reports the path used', async () => {
    const out = await fixture<TrainingOutput>('float16-training', { backend, steps: 41 });
    console.log(`[float16] mixed_float16 on ${backend}: path ${out.path?.path}; losses ${out.losses.map((l) => l.toFixed(4)).join(' ')}; [scale, good, skipped] ${out.lossScale}; why: ${out.path?.why}`);
    expect(out.backend).toBe(backend);
    expect(out.path?.path).toBe('emulated'); // neither SwiftShader backend offers a faithful mixed float16 path
    expect(out.losses.at(-1)!).toBeLessThan(out.losses[0] * 0.8);
    // 41 steps with growth every 10: doubled four times, nothing skipped
    expect(out.lossScale).toEqual([2 ** 19, 1, 0]);
    expect(out.leakedTensors).toBe(0);
  });
});
