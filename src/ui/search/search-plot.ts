// What the search's plots share: each axis (a searched setting, or the metric) maps its values to [0, 1], log
// where the range is log, options by their order; and the plots' visual constants in one place.
import type { SearchSpec } from '../../engine/search/plan';
import { paramLabel, type Dimension } from '../../engine/search/space';
import { COLORS } from '../theme';

export const PLOT = {
  line: COLORS.sky, best: COLORS.vermillion, axis: COLORS.muted, text: COLORS.ink, grid: COLORS.grid,
  font: '12px system-ui, sans-serif', pad: { top: 40, bottom: 22, side: 44 }, height: 260,
} as const;

export interface Axis {
  label: string;
  /** A value's place along the axis, 0 (bottom) to 1 (top); NaN for a value it cannot place. */
  scale(value: number | string | null | undefined): number;
  /** Labels at the ends (and the options for a choice). */
  ticks: { at: number; text: string }[];
}

const short = (x: number) => (Math.abs(x) >= 0.01 && Math.abs(x) < 1000 ? String(Number(x.toPrecision(3))) : x.toExponential(1));

export function dimensionAxis(d: Dimension): Axis {
  const label = paramLabel(d.param);
  if (d.kind === 'values') {
    const n = Math.max(1, d.values.length - 1);
    return {
      label, scale: (v) => (d.values.indexOf(v as never) < 0 ? NaN : d.values.length === 1 ? 0.5 : d.values.indexOf(v as never) / n),
      ticks: d.values.map((v, i) => ({ at: d.values.length === 1 ? 0.5 : i / n, text: String(v) })),
    };
  }
  const f = (x: number) => (d.log ? Math.log(x) : x);
  const span = f(d.max) - f(d.min) || 1;
  return {
    label, scale: (v) => (typeof v === 'number' ? (f(v) - f(d.min)) / span : NaN),
    ticks: [{ at: 0, text: short(d.min) }, { at: 1, text: short(d.max) }],
  };
}

/** The metric's axis over the values it took (accuracy from its lowest to its highest, loss likewise). */
export function metricAxis(label: string, values: number[]): Axis {
  const finite = values.filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  const span = hi - lo || 1;
  return {
    label, scale: (v) => (typeof v === 'number' && Number.isFinite(v) ? (v - lo) / span : NaN),
    ticks: [{ at: 0, text: short(lo) }, { at: 1, text: short(hi) }],
  };
}

export const axesOf = (search: SearchSpec) => search.dimensions.map(dimensionAxis);
