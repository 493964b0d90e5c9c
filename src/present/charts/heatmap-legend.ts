/**
 * The heatmap's legend, one row under the grid: what the colours mean, swatches from the lowest value to the highest
 * (the midpoint in the middle on a diverging scale) with their values, the hatch for cells without a value, and the
 * base-case marker.
 */
import { LEGEND_FONT_PX } from './frame.ts';
import { divergingColor, type ColourScale } from './heatmap-colour.ts';
import { formatCompact } from './number-format.ts';
import { COLOR } from './palette.ts';
import { element, text, textWidth } from './svg-markup.ts';

/** The legend's top below the grid's bottom, px. */
export const LEGEND_DROP_PX = 44;
/** Swatches: width and height (px), outline width (px). */
const SWATCH_WIDTH_PX = 22;
const SWATCH_HEIGHT_PX = 12;
const SWATCH_EDGE_WIDTH_PX = 0.5;
/** The hatch swatch for cells without a value, px. */
const MISSING_SWATCH_WIDTH_PX = 16;
/** Baselines below the legend's top: the entries, the values under the swatches, px. */
const ENTRY_BASELINE_PX = 10;
const VALUE_BASELINE_PX = 26;
/** Values under the swatches, px. */
const VALUE_FONT_PX = 10.5;
/** Gaps: after the title, after the swatches, from the hatch swatch to its label, px. */
const TITLE_GAP_PX = 12;
const SWATCHES_GAP_PX = 24;
const MISSING_LABEL_GAP_PX = 22;
/** Width given to the "no value" entry, its swatch and label and the gap after, px. */
const MISSING_ENTRY_WIDTH_PX = 90;

export interface HeatmapLegend {
  scale: ColourScale;
  unit: string;
  /** The grid's left edge and the legend's top, px. */
  left: number;
  top: number;
  /** The id of the hatch pattern, when some cell has no value. */
  hatchId: string | undefined;
  /** The marker's legend entry. */
  marker: string | undefined;
}

export function heatmapLegend(legend: HeatmapLegend): string[] {
  const { scale, unit, left } = legend;
  const { side, midpoint, spread, swatches } = scale;
  const legendY = legend.top;
  const parts: string[] = [];
  const midText = formatCompact(midpoint, unit);
  const legendTitle =
    side === 0
      ? `Colour: red below, blue above ${midText}`
      : `Colour: every cell ${side > 0 ? 'above' : 'below'} ${midText}; deeper = further`;
  const entry = (x: number, label: string) =>
    text(
      {
        class: 'legend legend-label',
        x,
        y: legendY + ENTRY_BASELINE_PX,
        'font-size': LEGEND_FONT_PX,
        fill: COLOR.text,
      },
      label,
    );
  parts.push(
    text(
      {
        class: 'legend legend-title',
        x: left,
        y: legendY + ENTRY_BASELINE_PX,
        'font-size': LEGEND_FONT_PX,
        fill: COLOR.text,
      },
      legendTitle,
    ),
  );
  const legendX = left + textWidth(legendTitle, LEGEND_FONT_PX) + TITLE_GAP_PX;
  for (let k = 0; k < swatches; k++) {
    parts.push(
      element('rect', {
        class: 'legend legend-swatch',
        x: legendX + k * SWATCH_WIDTH_PX,
        y: legendY,
        width: SWATCH_WIDTH_PX,
        height: SWATCH_HEIGHT_PX,
        fill: divergingColor(scale.swatchAt(k)),
        stroke: COLOR.swatchEdge,
        'stroke-width': SWATCH_EDGE_WIDTH_PX,
      }),
    );
  }
  const legendValue = (value: number, x: number, anchor: string) =>
    text(
      {
        class: 'legend legend-label',
        x,
        y: legendY + VALUE_BASELINE_PX,
        'text-anchor': anchor,
        'font-size': VALUE_FONT_PX,
        fill: COLOR.muted,
      },
      formatCompact(value, unit),
    );
  // Swatches run from low values (left) to high (right) in both cases.
  parts.push(legendValue(side === 0 ? midpoint - spread : scale.min, legendX, 'start'));
  if (side === 0) parts.push(legendValue(midpoint, legendX + (swatches * SWATCH_WIDTH_PX) / 2, 'middle'));
  parts.push(legendValue(side === 0 ? midpoint + spread : scale.max, legendX + swatches * SWATCH_WIDTH_PX, 'end'));
  let nextX = legendX + swatches * SWATCH_WIDTH_PX + SWATCHES_GAP_PX;
  if (legend.hatchId !== undefined) {
    parts.push(
      element('rect', {
        class: 'legend legend-swatch',
        x: nextX,
        y: legendY,
        width: MISSING_SWATCH_WIDTH_PX,
        height: SWATCH_HEIGHT_PX,
        fill: `url(#${legend.hatchId})`,
        stroke: COLOR.swatchEdge,
        'stroke-width': SWATCH_EDGE_WIDTH_PX,
      }),
    );
    parts.push(entry(nextX + MISSING_LABEL_GAP_PX, 'no value'));
    nextX += MISSING_ENTRY_WIDTH_PX;
  }
  if (legend.marker !== undefined) parts.push(entry(nextX, legend.marker));
  return parts;
}
