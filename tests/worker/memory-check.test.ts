// The worker's own memory check before a run's tensors exist: an A/B pair too large together is refused on
// every backend (a link or a lesson reaches the worker without the page's check), each arm alone is not.
import { describe, expect, it } from 'vitest';
import { conv2d, dropout, flatten, presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec, LayerSpec } from '../../src/engine/model/spec';
import { checkRunMemory } from '../../src/worker/memory-check';

function mnist(layers: LayerSpec[]): ExperimentSpec {
  const spec = presetSpec('mnist-cnn');
  if (spec.dataset.kind !== 'images') throw new Error('images');
  spec.dataset.trainSize = 60_000;
  spec.model.layers = layers;
  spec.training.batchSize = 850;
  return spec;
}

describe('checkRunMemory', () => {
  const a = mnist([conv2d(64, 3, 'relu', 'same'), flatten]);
  const b = mnist([conv2d(64, 3, 'relu', 'same'), dropout(0.5), flatten]);
  it.each(['cpu', 'webgl', 'wasm'] as const)('refuses the pair together on %s, not either arm alone', (backend) => {
    expect(() => checkRunMemory([a], backend)).not.toThrow();
    expect(() => checkRunMemory([b], backend)).not.toThrow();
    expect(() => checkRunMemory([a, b], backend)).toThrow(/^A and B train at once and need about 2\.3 GB together: .* Use batch size 784 or less on both/);
  });
});
