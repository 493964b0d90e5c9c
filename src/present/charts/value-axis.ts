/**
 * The vertical value axis shared by the waterfall and line charts: tick labels right-aligned left of the plot, each
 * with a horizontal grid line across it.
 */
import { COLOR } from './palette.ts';
import { element, text, textWidth } from './svg-markup.ts';
import { TICK_FONT_PX } from './frame.ts';

/** From the chart's left edge to the widest tick label, px. */
const AXIS_EDGE_PX = 14;
/** From a tick label's end to the plot, px. */
const TICK_LABEL_GAP_PX = 8;
/** A tick label's baseline below its grid line, centring the text on it, px. */
const TICK_LABEL_DROP_PX = 4;

/** The plot's left edge: room for the widest tick label, px. */
export function valueAxisLeft(ticks: number[], format: (value: number) => string): number {
  return AXIS_EDGE_PX + Math.max(...ticks.map((t) => textWidth(format(t), TICK_FONT_PX))) + TICK_LABEL_GAP_PX;
}

/** A grid line across the plot, from `left` to `plotRight` (px), and a tick label for every tick. */
export function valueGrid(
  parts: string[],
  ticks: number[],
  y: (value: number) => number,
  left: number,
  plotRight: number,
  format: (value: number) => string,
): void {
  for (const tick of ticks) {
    parts.push(
      element('line', {
        class: 'grid',
        'data-tick': String(tick),
        x1: left,
        x2: plotRight,
        y1: y(tick),
        y2: y(tick),
        stroke: COLOR.grid,
        'stroke-width': 1,
      }),
    );
    parts.push(
      text(
        {
          class: 'axis tick-label',
          x: left - TICK_LABEL_GAP_PX,
          y: y(tick) + TICK_LABEL_DROP_PX,
          'text-anchor': 'end',
          'font-size': TICK_FONT_PX,
          fill: COLOR.muted,
        },
        format(tick),
      ),
    );
  }
}
