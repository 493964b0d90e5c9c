/**
 * A scatter: one labelled dot per point on two linear value axes, with grid lines both ways, tick labels left and
 * under the plot, and the axis titles. Points whose coordinates are not finite are left out (and counted in the
 * description).
 */
import type { ScatterChart } from './chart-spec.ts';
import { AXIS_TITLE_FONT_PX, closeFrame, DEFAULT_WIDTH_PX, noData, openFrame, TICK_FONT_PX } from './frame.ts';
import type { ChartSvgOptions } from './frame.ts';
import { formatCompact, tickFormatter } from './number-format.ts';
import { COLOR, SERIES_COLORS } from './palette.ts';
import { linearScale, niceTicks } from './scales.ts';
import { element, escapeXml, HALO, text } from './svg-markup.ts';
import { valueAxisLeft, valueGrid } from './value-axis.ts';

/** Chart height when the options give none, px. */
const DEFAULT_HEIGHT_PX = 380;
/** About this many intervals on each axis. */
const TICK_COUNT = 5;
const RIGHT_MARGIN_PX = 24;
/** From the title block to the plot's top, px. */
const PLOT_TOP_GAP_PX = 16;
/** Below the plot: the x tick labels' baseline, then the x axis title's, px. */
const X_TICK_DROP_PX = 16;
const X_TITLE_DROP_PX = 34;
const PLOT_BOTTOM_ROOM_PX = 46;
/** A dot's radius and its label's offset to the right and up, px. */
const DOT_RADIUS_PX = 5;
const LABEL_DX_PX = 8;
const LABEL_DY_PX = -6;
/** Beyond this share of the plot's width a label goes left of its dot. */
const LABEL_FLIP_SHARE = 0.8;

export function renderScatter(spec: ScatterChart, options: ChartSvgOptions): string {
  const width = options.width ?? DEFAULT_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const points = spec.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const left = spec.points.length - points.length;
  const frame = openFrame(
    spec,
    width,
    height,
    `${spec.y.label} (${spec.unit}) against ${spec.x.label} (${spec.x.unit})`,
    `Scatter of ${points.length} points` + (left > 0 ? `; ${left} without both values left out.` : '.'),
  );
  if (points.length === 0) {
    noData(frame);
    return closeFrame(spec, frame);
  }
  const xTicks = niceTicks(Math.min(0, ...points.map((p) => p.x)), Math.max(...points.map((p) => p.x)), TICK_COUNT);
  const yTicks = niceTicks(Math.min(0, ...points.map((p) => p.y)), Math.max(...points.map((p) => p.y)), TICK_COUNT);
  const formatX = tickFormatter(xTicks, spec.x.unit);
  const formatY = tickFormatter(yTicks, spec.unit);
  const plotLeft = valueAxisLeft(yTicks, formatY);
  const plotRight = width - RIGHT_MARGIN_PX;
  const plotTop = frame.top + PLOT_TOP_GAP_PX;
  const plotBottom = height - PLOT_BOTTOM_ROOM_PX;
  const x = linearScale([xTicks[0] as number, xTicks.at(-1) as number], [plotLeft, plotRight]);
  const y = linearScale([yTicks[0] as number, yTicks.at(-1) as number], [plotBottom, plotTop]);
  const parts = frame.parts;
  valueGrid(parts, yTicks, y, plotLeft, plotRight, formatY);
  for (const tick of xTicks) {
    parts.push(
      element('line', {
        class: 'grid',
        'data-tick': String(tick),
        x1: x(tick),
        x2: x(tick),
        y1: plotTop,
        y2: plotBottom,
        stroke: COLOR.grid,
        'stroke-width': 1,
      }),
      text(
        {
          class: 'axis tick-label',
          x: x(tick),
          y: plotBottom + X_TICK_DROP_PX,
          'text-anchor': 'middle',
          'font-size': TICK_FONT_PX,
          fill: COLOR.muted,
        },
        formatX(tick),
      ),
    );
  }
  parts.push(
    text(
      {
        class: 'axis axis-title',
        x: (plotLeft + plotRight) / 2,
        y: plotBottom + X_TITLE_DROP_PX,
        'text-anchor': 'middle',
        'font-size': AXIS_TITLE_FONT_PX,
        fill: COLOR.text,
      },
      `${spec.x.label} (${spec.x.unit})`,
    ),
  );
  const labelFlipX = plotLeft + (plotRight - plotLeft) * LABEL_FLIP_SHARE;
  points.forEach((point, i) => {
    const label = `${point.label}: ${formatCompact(point.x, spec.x.unit)}, ${formatCompact(point.y, spec.unit)}`;
    parts.push(
      element(
        'circle',
        {
          class: 'mark',
          'data-value': String(point.y),
          'data-x': String(point.x),
          'data-label': point.label,
          cx: x(point.x),
          cy: y(point.y),
          r: DOT_RADIUS_PX,
          fill: SERIES_COLORS[i % SERIES_COLORS.length],
        },
        element('title', {}, escapeXml(label)),
      ),
      text(
        {
          class: 'value-label',
          // Right of the dot, or left of it in the plot's right part, so the label stays inside the chart.
          x: x(point.x) + (x(point.x) > labelFlipX ? -LABEL_DX_PX : LABEL_DX_PX),
          y: y(point.y) + LABEL_DY_PX,
          'text-anchor': x(point.x) > labelFlipX ? 'end' : 'start',
          'font-size': TICK_FONT_PX,
          fill: COLOR.text,
          ...HALO,
        },
        point.label,
      ),
    );
  });
  return closeFrame(spec, frame);
}
