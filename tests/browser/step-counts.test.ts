// Dropout masks drawn on the device leave no per-step upload on WebGL, where JS masks uploaded one per layer.
import { writeFileSync, mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { StepCounts } from './fixtures/step-counts';
import { useFixtureBrowser } from './browser';

const fixture = useFixtureBrowser();

it('uploads nothing per step with device dropout masks; JS masks upload one per dropout layer', async () => {
  const counts = await fixture<StepCounts[]>('step-counts');
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/step-counts.json', JSON.stringify(counts, null, 2));
  for (const c of counts) console.info(`${c.precision}, ${c.deviceDropout ? 'device' : 'JS'} masks: ${c.perStep.uploads} uploads, ${c.perStep.dispatches} programs per step`);
  for (const precision of ['float32', 'mixed_float16']) {
    const js = counts.find((c) => c.precision === precision && !c.deviceDropout)!;
    const device = counts.find((c) => c.precision === precision && c.deviceDropout)!;
    expect(js.perStep.uploads).toBeGreaterThanOrEqual(3);
    expect(device.perStep.uploads).toBe(0);
  }
});
