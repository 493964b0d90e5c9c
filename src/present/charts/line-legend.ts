/**
 * A line chart's legend under the subtitle: a stroke sample (dashed for projections) and the series name per entry,
 * left to right, wrapping onto more rows as needed.
 */
import { EDGE_PX, LEGEND_FONT_PX } from './frame.ts';
import { COLOR } from './palette.ts';
import { element, text, textWidth } from './svg-markup.ts';

/** The dash pattern of a projection, on the chart and in the legend (dash, gap), px. */
export const PROJECTION_DASH = '6 4';
/** The stroke sample's length and width, px. */
const SAMPLE_LENGTH_PX = 24;
const SAMPLE_WIDTH_PX = 2.5;
/** From an entry's start to its name, and from its name to the next entry, px. */
const NAME_OFFSET_PX = 30;
const ENTRY_GAP_PX = 18;
/** Rows are this far apart; a name's baseline sits this far below its sample, px. */
const ROW_HEIGHT_PX = 16;
const NAME_DROP_PX = 4;

export interface LegendSeries {
  name: string;
  style: 'history' | 'projection';
  color: string;
}

/** The legend's elements, its first row's sample at `top` (px); `bottom` is where the last row's space ends, px. */
export function lineLegend(series: LegendSeries[], width: number, top: number): { parts: string[]; bottom: number } {
  const rows: { x: number; row: number; s: LegendSeries }[] = [];
  let lx = EDGE_PX;
  let row = 0;
  for (const s of series) {
    const itemWidth = NAME_OFFSET_PX + textWidth(s.name, LEGEND_FONT_PX) + ENTRY_GAP_PX;
    if (lx + itemWidth > width - EDGE_PX && lx > EDGE_PX) {
      row++;
      lx = EDGE_PX;
    }
    rows.push({ x: lx, row, s });
    lx += itemWidth;
  }
  const parts: string[] = [];
  for (const item of rows) {
    const ly = top + item.row * ROW_HEIGHT_PX;
    parts.push(
      element('line', {
        class: 'legend legend-swatch',
        x1: item.x,
        x2: item.x + SAMPLE_LENGTH_PX,
        y1: ly,
        y2: ly,
        stroke: item.s.color,
        'stroke-width': SAMPLE_WIDTH_PX,
        'stroke-dasharray': item.s.style === 'projection' ? PROJECTION_DASH : undefined,
      }),
    );
    parts.push(
      text(
        {
          class: 'legend legend-label',
          x: item.x + NAME_OFFSET_PX,
          y: ly + NAME_DROP_PX,
          'font-size': LEGEND_FONT_PX,
          fill: COLOR.text,
        },
        item.s.name,
      ),
    );
  }
  return { parts, bottom: top + (row + 1) * ROW_HEIGHT_PX };
}
