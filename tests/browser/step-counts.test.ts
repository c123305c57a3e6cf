// Dropout masks drawn on the device remove the per-step upload JS masks make on WebGL, one per dropout layer.
// (Measured 2026-12-01, SwiftShader: 3.4 → 0.4 uploads per step, float32 and mixed_float16; the 0.4 left is not
// dropout's and was there before.)
import { writeFileSync, mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { StepCounts } from './fixtures/step-counts';
import { useFixtureBrowser } from './browser';

const fixture = useFixtureBrowser();

it('device dropout masks upload nothing per step; JS masks upload one per dropout layer', async () => {
  const counts = await fixture<StepCounts[]>('step-counts');
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/step-counts.json', JSON.stringify(counts, null, 2));
  for (const c of counts) console.info(`${c.precision}, ${c.deviceDropout ? 'device' : 'JS'} masks: ${c.perStep.uploads} uploads, ${c.perStep.dispatches} programs per step`);
  for (const precision of ['float32', 'mixed_float16']) {
    const js = counts.find((c) => c.precision === precision && !c.deviceDropout)!;
    const device = counts.find((c) => c.precision === precision && c.deviceDropout)!;
    // three dropout layers in the model
    expect(js.perStep.uploads - device.perStep.uploads).toBeCloseTo(3, 5);
    expect(device.perStep.uploads).toBeLessThan(1);
  }
});
