// Draws a network diagram (engine/evaluate/network-diagram.ts) on one canvas: links first (colour by the
// weight's sign, width and opacity by its size), then each neuron as its heatmap over the plane, then the layer
// names. Pure layout in diagramLayout, so the sizes can be checked without a canvas.
import type { DiagramLayer, NetworkDiagram } from '../../engine/evaluate/network-diagram';
import { divergingColor } from '../colormap';
import { COLORS, DIAGRAM_VIEW as V } from '../theme';

export interface DiagramLayout {
  width: number;
  height: number;
  /** Top-left corner of each drawn neuron, per layer. */
  neurons: { x: number; y: number }[][];
}

/** Columns left to right; each column's neurons centred vertically on the tallest one. */
export function diagramLayout(diagram: NetworkDiagram): DiagramLayout {
  const tallest = Math.max(...diagram.layers.map((l) => l.drawn));
  const columnHeight = (n: number) => n * V.neuronPx + (n - 1) * V.rowGap;
  const height = V.headerPx + columnHeight(tallest) + 2;
  const neurons = diagram.layers.map((layer, l) => {
    const top = V.headerPx + (columnHeight(tallest) - columnHeight(layer.drawn)) / 2;
    return Array.from({ length: layer.drawn }, (_, u) => ({ x: V.padX + l * (V.neuronPx + V.columnGap), y: top + u * (V.neuronPx + V.rowGap) }));
  });
  const width = 2 * V.padX + diagram.layers.length * V.neuronPx + (diagram.layers.length - 1) * V.columnGap;
  return { width, height, neurons };
}

/**
 * The value a neuron's pixel takes on the diverging map, t in [0, 1] (0.5 is zero): inputs over the plane's
 * extent, P(class 1) as it is, any other layer over its own largest |output| (so a dead ReLU stays white).
 */
export function heatScale(layer: DiagramLayer, extent: number): (v: number) => number {
  if (layer.activation === 'probability') return (v) => v;
  let largest = layer.activation === 'input' ? extent : 1e-6;
  if (layer.activation !== 'input') for (const v of layer.values) largest = Math.max(largest, Math.abs(v));
  return (v) => 0.5 + v / (2 * largest);
}

export function paintDiagram(canvas: HTMLCanvasElement, diagram: NetworkDiagram) {
  const layout = diagramLayout(diagram);
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, layout.width, layout.height);
  paintLinks(ctx, diagram, layout);
  const r = diagram.resolution;
  const cell = document.createElement('canvas');
  cell.width = cell.height = r;
  const cellCtx = cell.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  diagram.layers.forEach((layer, l) => {
    const scale = heatScale(layer, diagram.extent);
    layout.neurons[l].forEach(({ x, y }, u) => {
      const image = cellCtx.createImageData(r, r);
      for (let p = 0; p < r * r; p++) {
        image.data.set([...divergingColor(scale(layer.values[u * r * r + p]), V.heatStrength), 255], p * 4);
      }
      cellCtx.putImageData(image, 0, 0);
      ctx.drawImage(cell, x, y, V.neuronPx, V.neuronPx);
      ctx.strokeStyle = COLORS.muted;
      ctx.lineWidth = 1;
      ctx.strokeRect(x - 0.5, y - 0.5, V.neuronPx + 1, V.neuronPx + 1);
    });
    ctx.fillStyle = COLORS.ink;
    ctx.font = V.font;
    ctx.textAlign = 'center';
    const centre = (layout.neurons[l][0]?.x ?? 0) + V.neuronPx / 2;
    // centred on the column, but kept inside the canvas: the first and last columns' labels are wider than the margin
    const label = (text: string, y: number) => {
      const half = ctx.measureText(text).width / 2;
      ctx.fillText(text, Math.min(Math.max(centre, half), layout.width - half), y);
    };
    label(layer.name === 'input' ? 'x₁, x₂' : layer.name, 11);
    const note = layer.drawn < layer.units ? `${layer.drawn} of ${layer.units}` : layer.activation === 'input' ? 'inputs' : layer.activation === 'probability' ? 'P(class 1)' : layer.activation;
    ctx.fillStyle = COLORS.muted;
    label(note, 23);
  });
}

/** Every link between drawn neurons: right edge of the one to the left edge of the next. */
function paintLinks(ctx: CanvasRenderingContext2D, diagram: NetworkDiagram, layout: DiagramLayout) {
  let largest = 1e-9;
  for (const w of diagram.links) for (const v of w) largest = Math.max(largest, Math.abs(v));
  diagram.links.forEach((weights, l) => {
    const to = diagram.layers[l + 1].drawn;
    layout.neurons[l].forEach((a, i) => {
      layout.neurons[l + 1].forEach((b, j) => {
        const w = weights[i * to + j];
        const size = Math.abs(w) / largest;
        ctx.strokeStyle = w >= 0 ? COLORS.blue : COLORS.orange;
        ctx.globalAlpha = 0.25 + 0.75 * size;
        ctx.lineWidth = 0.4 + size * (V.maxLinkPx - 0.4);
        ctx.beginPath();
        ctx.moveTo(a.x + V.neuronPx, a.y + V.neuronPx / 2);
        ctx.lineTo(b.x, b.y + V.neuronPx / 2);
        ctx.stroke();
      });
    });
  });
  ctx.globalAlpha = 1;
}
