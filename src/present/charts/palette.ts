/**
 * The charts' colours: text and marks with at least 4.5:1 contrast on white, distinct in greyscale print (DESIGN.md
 * §10). Hex strings as SVG `fill` and `stroke` take them.
 */

/** Colours by role. */
export const COLOR = {
  /** Chart background, text halos and the casing under lines drawn on marks. */
  background: '#ffffff',
  text: '#1a1a1a',
  /** Text on deep colours (heatmap cells far from the midpoint). */
  textOnDark: '#ffffff',
  muted: '#555555',
  grid: '#e3e3e3',
  axis: '#8a8a8a',
  zero: '#333333',
  /** Waterfall steps: a rise, a fall, a total. */
  up: '#2e7d32',
  down: '#c62828',
  total: '#37474f',
  reference: '#1565c0',
  event: '#616161',
  /** Heatmap cells without a value: a hatch of `hatch` lines on `missing`. */
  missing: '#eeeeee',
  hatch: '#9e9e9e',
  /** The heatmap's base-case marker. */
  marker: '#000000',
  /** The outline of a legend swatch. */
  swatchEdge: '#bdbdbd',
} as const;

/** Line series colours, in order, repeating past the sixth series. */
export const SERIES_COLORS = ['#1f4e79', '#c2410c', '#2e7d32', '#6a1b9a', '#00838f', '#795548'];
