// The float16 kernels in real Chromium on WebGL and WebGPU (both SwiftShader here): bit for bit equal to the JS
// oracle, which tests/engine/float16.test.ts checks against an independent one.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundFloat16Array } from '../../src/engine/float16';
import { probeBits, tieBits } from '../engine/float16-oracle';
import { launch } from './browser';
import { closeFixtureServer, runFixture } from './fixture-server';
import type { KernelInput, KernelOutput } from './fixtures/float16-kernels';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeFixtureServer();
});

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

describe.each(['webgl', 'webgpu'] as const)('float16 kernels on %s', (backend) => {
  let out: KernelOutput;
  beforeAll(async () => {
    out = await runFixture<KernelOutput>(browser, 'float16-kernels', { backend, bits: Array.from(input) } satisfies KernelInput);
  });

  it('roundFloat16 equals the JS oracle bit for bit', () => {
    expect(out.backend).toBe(backend);
    expect(out.round).toHaveLength(input.length);
    expect(mismatches(out.round)).toEqual({ count: 0, inRange: 0, examples: [] });
    expect(out.leakedTensors).toBe(0);
  });

  it.runIf(backend === 'webgpu')('exact pack → unpack equals roundFloat16; native pack2x16float / unpack2x16float measured', () => {
    const results = Object.fromEntries(Object.entries(out.packUnpack!).map(([pair, bits]) => [pair, mismatches(bits)]));
    console.log(`[float16] ${input.length} values on WebGPU, mismatches with the exact oracle per pack/unpack conversion:`, JSON.stringify(results, null, 1));
    console.log('[float16] native pack2x16float in-range mismatches by kind:', JSON.stringify(mismatchKinds(out.packUnpack!['native/exact'])));
    console.log('[float16] WebGPU timings (ms per call):', JSON.stringify(out.timings));
    expect(results['exact/exact']).toEqual({ count: 0, inRange: 0, examples: [] });
  });
});
