// The diverging map under the decision boundary: class 0 orange, undecided white, class 1 blue (Okabe–Ito),
// pale enough that the points stay readable on top.
import { CLASS_COLORS } from './theme';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const [LOW, HIGH] = CLASS_COLORS.map(rgb);
const WHITE = [255, 255, 255];

/** RGB for t in [0, 1]: 0 → pale orange, 0.5 → white, 1 → pale blue. `strength` is how far from white the ends go. */
export function divergingColor(t: number, strength = 0.55): [number, number, number] {
  const clamped = Math.min(1, Math.max(0, t));
  const end = clamped < 0.5 ? LOW : HIGH;
  const amount = Math.abs(clamped - 0.5) * 2 * strength;
  return [0, 1, 2].map((k) => Math.round(WHITE[k] + (end[k] - WHITE[k]) * amount)) as [number, number, number];
}

/** Full-strength colour for a point of value t in [0, 1]. */
export function pointColor(t: number): string {
  const [r, g, b] = divergingColor(t, 1);
  return `rgb(${r} ${g} ${b})`;
}

/** WCAG relative luminance of an sRGB colour (channels 0–255). */
function luminance([r, g, b]: number[]): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * `hex` laid over white at opacity `alpha`, and the ink (black or white) that reads best on it. One of the two
 * always reaches a contrast of at least 4.58:1, above WCAG's 4.5.
 */
export function shadeWithInk(hex: string, alpha: number): { background: string; ink: string } {
  const blended = rgb(hex).map((c) => Math.round(255 + (c - 255) * alpha));
  const l = luminance(blended);
  const ink = 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
  return { background: `rgb(${blended.join(' ')})`, ink };
}
