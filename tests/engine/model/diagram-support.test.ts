// Which models the network diagram draws: dense MLPs on a 2D plane; everything else refused with its reason.
import { describe, expect, it } from 'vitest';
import { DIAGRAM_LIMITS, diagramSupport } from '../../../src/engine/model/diagram-support';
import { batchNorm, dense, dropout, presetSpec } from '../../../src/engine/model/presets';

const reason = (support: ReturnType<typeof diagramSupport>) => (support.drawable ? '' : support.reason);

describe('diagramSupport', () => {
  it('draws the 2D sets\' MLPs (classification and regression), dropout included', () => {
    for (const id of ['spiral-mlp', 'circle-mlp', 'xor-mlp', 'moons-mlp', 'bumps-regression']) {
      expect(diagramSupport(presetSpec(id)), id).toEqual({ drawable: true });
    }
    const spec = presetSpec('circle-mlp');
    spec.model.layers = [dense(8), dropout(0.2), dense(4)];
    expect(diagramSupport(spec).drawable).toBe(true);
    spec.model.layers = [];
    expect(diagramSupport(spec).drawable).toBe(true); // inputs straight into the output
  });

  it('refuses images, wide tables, non-dense layers, too deep or too wide models, each with its reason', () => {
    expect(reason(diagramSupport(presetSpec('mnist-mlp')))).toMatch(/at most 8 inputs; MNIST.* has 28×28×1/);
    expect(reason(diagramSupport(presetSpec('mnist-cnn')))).toMatch(/at most 8 inputs/);
    expect(reason(diagramSupport(presetSpec('penguins-mlp')))).toMatch(/(plane of two inputs|at most 8 inputs)/);
    const spec = presetSpec('circle-mlp');
    spec.model.layers = [dense(8), batchNorm];
    expect(reason(diagramSupport(spec))).toMatch(/layer 2 is batchNormalization/);
    spec.model.layers = Array.from({ length: DIAGRAM_LIMITS.hiddenLayers + 1 }, () => dense(4));
    expect(reason(diagramSupport(spec))).toMatch(/at most 8 hidden layers; this model has 9/);
    spec.model.layers = [dense(DIAGRAM_LIMITS.units + 1)];
    expect(reason(diagramSupport(spec))).toMatch(/a layer of 257/);
  });
});
