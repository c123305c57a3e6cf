// The memory estimate (engine/model/memory-estimate.ts) within 30% of the GPU bytes tfjs holds at the peak of
// a training step and an evaluation, on WebGL and on WebGPU (the unit test holds it on the CPU backend). The
// GPU tensor counts were fitted on these six shapes (measured 0.83–1.04 on WebGL, 0.82–1.18 on WebGPU), so a
// shape unlike them (other layers, larger kernels) is less certain than these figures.
import { expect, it } from 'vitest';
import { useFixtureBrowser } from './browser';
import type { PeakInput, PeakOutput } from './fixtures/memory-peak';

const fixture = useFixtureBrowser();

for (const backend of ['webgl', 'webgpu'] as const) {
  it(`estimates the peak within 30% of tf.memory().numBytesInGPU on ${backend}`, { timeout: 600_000 }, async () => {
    const out = await fixture<PeakOutput>('memory-peak', { backend } satisfies PeakInput);
    expect(out.backend).toBe(backend);
    for (const c of out.cases) console.log(`${backend}: ${c.name}: estimate ${c.estimate} B (${c.peakIn}), numBytesInGPU ${c.measured} B (step ${c.stepPeak}, evaluation ${c.evaluationPeak}), ratio ${c.ratio.toFixed(3)}`);
    expect(out.leftTensors).toBe(0);
    for (const c of out.cases) {
      expect(c.ratio, c.name).toBeGreaterThan(0.7);
      expect(c.ratio, c.name).toBeLessThan(1.3);
    }
  });
}
