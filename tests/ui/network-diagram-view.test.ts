// The diagram's layout, colour scale and text alternative on a hand-made diagram: sizes follow the layer widths,
// a dead ReLU unit maps to white (0.5), the summary names the flat units, the output's range and the strongest link.
import { describe, expect, it } from 'vitest';
import type { NetworkDiagram } from '../../src/engine/evaluate/network-diagram';
import { diagramLayout, heatScale } from '../../src/ui/inside/diagram-paint';
import { diagramSummary } from '../../src/ui/inside/diagram-summary';
import { DIAGRAM_VIEW as V } from '../../src/ui/theme';

const diagram: NetworkDiagram = {
  resolution: 2, extent: 1,
  layers: [
    { name: 'input', activation: 'input', units: 2, drawn: 2, values: Float32Array.of(-0.5, 0.5, -0.5, 0.5, 0.5, 0.5, -0.5, -0.5) },
    // unit 2 is 0 everywhere: a dead ReLU
    { name: 'dense_1', activation: 'relu', units: 3, drawn: 3, values: Float32Array.of(0, 1, 2, 4, 0, 0, 0, 0, 1, 1, 0, 0) },
    { name: 'output', activation: 'probability', units: 1, drawn: 1, values: Float32Array.of(0.1, 0.2, 0.8, 0.9) },
  ],
  links: [Float32Array.of(1, -1, 0.5, 0.2, 0.1, -3), Float32Array.of(0.4, 0, -0.3)],
  biases: [Float32Array.of(0, 0, 0), Float32Array.of(0)],
};

describe('network diagram view', () => {
  it('lays out one column per layer, centred on the tallest', () => {
    const layout = diagramLayout(diagram);
    expect(layout.neurons.map((c) => c.length)).toEqual([2, 3, 1]);
    expect(layout.width).toBe(2 * V.padX + 3 * V.neuronPx + 2 * V.columnGap);
    expect(layout.height).toBe(V.headerPx + 3 * V.neuronPx + 2 * V.rowGap + 2);
    const middle = layout.neurons[1][1].y;
    expect(layout.neurons[2][0].y).toBe(middle); // the single output sits level with the middle unit
    expect(layout.neurons[1][0].x).toBe(V.padX + V.neuronPx + V.columnGap);
  });

  it('scales inputs by the extent, hidden layers by their largest output, probabilities as they are', () => {
    const [input, hidden, output] = diagram.layers.map((l) => heatScale(l, diagram.extent));
    expect(input(1)).toBe(1);
    expect(input(-0.5)).toBe(0.25);
    expect(hidden(4)).toBe(1);
    expect(hidden(0)).toBe(0.5); // a dead unit is white
    expect(output(0.8)).toBe(0.8);
  });

  it('says the network in words', () => {
    const text = diagramSummary(diagram, 2.5);
    expect(text).toMatch(/^Network at epoch 2\.5: inputs x₁, x₂ → dense_1 \(3 relu\) → output P\(class 1\)\./);
    expect(text).toMatch(/dense_1: 1 of 3 drawn units give the same output everywhere/);
    expect(text).toMatch(/output ranges from 0\.10 to 0\.90/);
    expect(text).toMatch(/Strongest link: x₂ → dense_1 unit 3, weight -3\.00; 3 of 9 drawn links are negative/);
  });
});
