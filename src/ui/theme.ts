// Every visual constant in one place. Colours are the Okabe–Ito palette, safe for the common colour blindnesses;
// nothing is told by colour alone (lines also differ by dash, predictions by ✓/✗).
export const COLORS = {
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  ink: '#1d2433',
  muted: '#5b6577',
  grid: '#e3e7ee',
} as const;

/** Class colours for 2D sets: class 0 orange, class 1 blue, as in Playground. */
export const CLASS_COLORS = [COLORS.orange, COLORS.blue] as const;
/** Class colours for tables of more classes: the two above first, then the rest of the palette, then repeats. */
const MORE_CLASSES = [COLORS.orange, COLORS.blue, COLORS.green, COLORS.vermillion, COLORS.purple, COLORS.sky, COLORS.yellow, COLORS.ink];
export const classColor = (index: number) => MORE_CLASSES[index % MORE_CLASSES.length];

/** Series styles: training solid, validation dashed, so they differ without colour. */
export const SERIES = {
  train: { color: COLORS.blue, dash: [] as number[] },
  validation: { color: COLORS.vermillion, dash: [6, 4] as number[] },
} as const;

/** One colour per compared run, in order. */
export const RUN_COLORS = [COLORS.blue, COLORS.vermillion, COLORS.green, COLORS.purple, COLORS.orange, COLORS.sky] as const;

export const CHART = {
  /** Fewest milliseconds between two redraws while training. */
  redrawEveryMs: 200,
  /** Points a line keeps on screen at most (Chart.js LTTB decimation). */
  maxPoints: 400,
  height: 180,
} as const;

export const BOUNDARY_VIEW = { size: 320, pointRadius: 3 } as const;
export const IMAGE_GRID = { scale: 2 } as const;

/** Saliency overlays: the map in vermillion, opacity its strength to this power (below 1 shows weaker pixels). */
export const SALIENCY_VIEW = { scale: 3, rgb: [213, 94, 0] as const, gamma: 0.7 } as const;
/** Conv filters and feature maps: pixels per drawn filter and per drawn map (width). */
export const CONV_VIEW = { filterPx: 40, mapPx: 56 } as const;
/**
 * The network diagram: each neuron's heatmap is neuronPx square; columns (layers) columnGap apart, neurons
 * rowGap apart, under a header of headerPx for the layer names, padX each side for the outer columns' names; links up to maxLinkPx wide (|weight| at the
 * diagram's largest), blue positive, orange negative, as the class colours.
 */
export const DIAGRAM_VIEW = { neuronPx: 30, columnGap: 56, rowGap: 6, headerPx: 30, padX: 28, maxLinkPx: 4, heatStrength: 0.9, font: '10px system-ui, sans-serif' } as const;
