// Dropout masks drawn on the device remove the per-step upload JS masks make on WebGL, one per dropout layer.
// (Measured 2026-12-01, SwiftShader: 3.4 → 0.4 uploads per step, float32 and mixed_float16; the 0.4 left is not
// dropout's and was there before.)
import { writeFileSync, mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { LayoutCase } from './fixtures/dataset-layout';
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

// What one step converts between tfjs's packed and unpacked WebGL textures, and what a large split costs it.
// device-data.ts uploads a split in chunks of 10,000 examples and joins them on the device: joined packed, the
// batch gather (which reads unpacked textures) converted the whole split every step, and 10,500 MNIST images
// trained at 274 examples/s against 863 for 10,000. Adam's g² through tf.square (unpacked only on WebGL)
// converted every kernel's gradient twice a step (square.ts). Both measured on SwiftShader WebGL, 2026-12-04.
it('a WebGL step converts no weight or split between texture layouts, and a split of several upload chunks costs it nothing more', async () => {
  const cases = await fixture<LayoutCase[]>('dataset-layout');
  for (const c of cases) console.info(`${c.examples} examples: ${c.programsPerStep} programs per step, largest layout conversion ${c.largestConversion} values (the split holds ${c.splitSize})`);
  const [one, several] = cases;
  expect(several.splitSize).toBeGreaterThan(10_000 * 784);
  expect(several.programsPerStep).toBe(one.programsPerStep);
  // activations and the batch itself are converted (at most the 64×784 inputs, packed for the first product),
  // never a kernel (the first is 784×128) or a split
  for (const c of cases) expect(c.largestConversion).toBeLessThanOrEqual(64 * 784);
  // and the joined split holds the images, scaled to [0, 1], across the join
  for (const c of cases) expect(c.joinError).toBeLessThan(1e-6);
});
