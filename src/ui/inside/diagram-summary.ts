// The network diagram in words, for screen readers and as the figure's caption: the layers, units that are zero
// over the whole plane, the output's range, and the strongest link.
import type { DiagramLayer, NetworkDiagram } from '../../engine/evaluate/network-diagram';

const unitName = (layer: DiagramLayer, u: number) => (layer.name === 'input' ? `x${'₁₂₃₄₅₆₇₈'[u] ?? u + 1}` : layer.name === 'output' ? 'the output' : `${layer.name} unit ${u + 1}`);

function range(values: Float32Array, from: number, to: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  return [lo, hi];
}

export function diagramSummary(diagram: NetworkDiagram, epoch: number): string {
  const points = diagram.resolution ** 2;
  const hidden = diagram.layers.slice(1, -1);
  const output = diagram.layers[diagram.layers.length - 1];
  const shape = hidden.map((l) => `${l.name} (${l.units} ${l.activation}${l.drawn < l.units ? `, first ${l.drawn} drawn` : ''})`);
  const sentences = [`Network at epoch ${epoch.toFixed(1)}: inputs x₁, x₂ → ${[...shape, output.activation === 'probability' ? 'output P(class 1)' : 'output value'].join(' → ')}.`];
  for (const layer of hidden) {
    let flat = 0;
    for (let u = 0; u < layer.drawn; u++) {
      const [lo, hi] = range(layer.values, u * points, (u + 1) * points);
      if (hi - lo < 1e-6) flat += 1;
    }
    if (flat > 0) sentences.push(`${layer.name}: ${flat} of ${layer.drawn} drawn units give the same output everywhere on the plane${layer.activation === 'relu' ? ' (dead ReLUs when it is 0)' : ''}.`);
  }
  const [lo, hi] = range(output.values, 0, points);
  sentences.push(`Over the plane the output ranges from ${lo.toFixed(2)} to ${hi.toFixed(2)}.`);
  let best = { size: -1, text: '' };
  let negative = 0;
  let total = 0;
  diagram.links.forEach((weights, l) => {
    const to = diagram.layers[l + 1].drawn;
    weights.forEach((w, k) => {
      total += 1;
      if (w < 0) negative += 1;
      if (Math.abs(w) > best.size) {
        best = { size: Math.abs(w), text: `${unitName(diagram.layers[l], Math.floor(k / to))} → ${unitName(diagram.layers[l + 1], k % to)}, weight ${w.toFixed(2)}` };
      }
    });
  });
  if (total > 0) sentences.push(`Strongest link: ${best.text}; ${negative} of ${total} drawn links are negative.`);
  return sentences.join(' ');
}
