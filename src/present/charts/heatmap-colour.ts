/**
 * The heatmap's colour scale, diverging around a midpoint (e.g. the share price): red below, blue above, near white
 * at it. Values on both sides: one symmetric scale (equal distances, equal colours). All on one side (every target
 * below the share price, say): that side's hue from light at the nearest value to deep at the farthest, so the grid
 * still shows its gradient. Positions on the scale run from −1 (deep red) through 0 (near white) to +1 (deep blue).
 */

/** The diverging scale's ends and middle as RGB (ColorBrewer RdBu): below the midpoint red, above it blue. */
const BELOW_RGB = [178, 24, 43] as const;
const ABOVE_RGB = [33, 102, 172] as const;
const MIDDLE_RGB = [247, 247, 247] as const;
/** On a one-sided scale, the nearest value sits this far from the middle, so it still shows the side's hue. */
const ONE_SIDED_FLOOR = 0.2;
/** On a one-sided scale where every value is the same, they all sit this far from the middle. */
const ONE_SIDED_FLAT = 0.6;
/** Legend swatches: this many on a diverging scale (an odd number, so one sits on the midpoint), else this many. */
const DIVERGING_SWATCHES = 9;
const ONE_SIDED_SWATCHES = 5;

export interface ColourScale {
  /** Lowest and highest finite value, 0 when there are none. */
  min: number;
  max: number;
  /** The spec's midpoint when finite, else halfway between min and max. */
  midpoint: number;
  /** The larger distance from the midpoint to min or max. */
  spread: number;
  /** 0: values on both sides of the midpoint (or none off it); 1: all at or above it; −1: all at or below it. */
  side: number;
  /** Legend swatches, from the lowest value to the highest. */
  swatches: number;
  /** A value's position on the scale, in [−1, 1]. */
  at: (value: number) => number;
  /** The position of legend swatch `k`. */
  swatchAt: (k: number) => number;
}

/** The scale for `cells` (the finite values) around `midpoint` (when finite). */
export function colourScale(cells: number[], midpoint: number | undefined): ColourScale {
  const min = cells.length > 0 ? Math.min(...cells) : 0;
  const max = cells.length > 0 ? Math.max(...cells) : 0;
  const middle = midpoint !== undefined && Number.isFinite(midpoint) ? midpoint : (min + max) / 2;
  const spread = Math.max(Math.abs(max - middle), Math.abs(min - middle));
  const side = min >= middle && max > middle ? 1 : max <= middle && min < middle ? -1 : 0;
  const near = side > 0 ? min : max;
  const far = side > 0 ? max : min;
  const swatches = side === 0 ? DIVERGING_SWATCHES : ONE_SIDED_SWATCHES;
  const at = (value: number): number => {
    if (side === 0) return spread > 0 ? (value - middle) / spread : 0;
    return (
      side * (far === near ? ONE_SIDED_FLAT : ONE_SIDED_FLOOR + ((1 - ONE_SIDED_FLOOR) * (value - near)) / (far - near))
    );
  };
  const swatchAt = (k: number): number =>
    side === 0
      ? -1 + (2 * k) / (swatches - 1)
      : side * (ONE_SIDED_FLOOR + ((1 - ONE_SIDED_FLOOR) * (side > 0 ? k : swatches - 1 - k)) / (swatches - 1));
  return { min, max, midpoint: middle, spread, side, swatches, at, swatchAt };
}

function mix(a: readonly number[], b: readonly number[], t: number): string {
  const channel = (i: number) => Math.round((a[i] as number) + ((b[i] as number) - (a[i] as number)) * t);
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}

/** t in [-1, 1] → colour: −1 deep red, 0 near white, +1 deep blue. */
export function divergingColor(t: number): string {
  const clamped = Math.max(-1, Math.min(1, t));
  return clamped >= 0 ? mix(MIDDLE_RGB, ABOVE_RGB, clamped) : mix(MIDDLE_RGB, BELOW_RGB, -clamped);
}
