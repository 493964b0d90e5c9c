/**
 * A line chart of daily series: history solid, projections dashed, a legend under the subtitle, a linear or log value
 * axis, a time axis (years, quarters or months), and dated event markers (e.g. the as-of date, a halving).
 */
import type { LineChart } from './chart-spec.ts';
import { parseIsoDay } from '../../units/calendar-day.ts';
import { closeFrame, DEFAULT_WIDTH_PX, noData, openFrame, TICK_FONT_PX, type ChartSvgOptions } from './frame.ts';
import { lineLegend, PROJECTION_DASH } from './line-legend.ts';
import { tickFormatter } from './number-format.ts';
import { COLOR, SERIES_COLORS } from './palette.ts';
import { linearScale, logTicks, niceTicks } from './scales.ts';
import { element, HALO, px, text, textWidth } from './svg-markup.ts';
import { timeTicks } from './time-ticks.ts';
import { valueAxisLeft, valueGrid } from './value-axis.ts';

/** Chart height when the options give none, px. */
const DEFAULT_HEIGHT_PX = 360;
/** About this many intervals on a linear value axis. */
const TICK_COUNT = 5;
/** A single day is widened by this many days each way. */
const SINGLE_DAY_PAD_DAYS = 15;
/** From the title block to the legend's first row, and from its last row to the plot, px. */
const LEGEND_TOP_GAP_PX = 4;
const PLOT_TOP_GAP_PX = 14;
/** From the plot's right end to the chart's edge, and from its bottom to the chart's, px. */
const RIGHT_MARGIN_PX = 20;
const BOTTOM_MARGIN_PX = 28;
/** Time ticks: tick length below the axis, the label's baseline below the axis, a minor grid line's width, px. */
const TIME_TICK_LENGTH_PX = 4;
const TIME_LABEL_DROP_PX = 17;
const MINOR_GRID_WIDTH_PX = 0.5;
/** Event markers: label font, gap from the line to the label, line overhang above the plot, px. */
const EVENT_FONT_PX = 10.5;
const EVENT_LABEL_GAP_PX = 4;
const EVENT_OVERHANG_PX = 4;
/** Event labels: the first baseline below the plot's top, and the step between staggered labels, px. */
const EVENT_LABEL_DROP_PX = 8;
const EVENT_LABEL_STEP_PX = 13;
const EVENT_DASH = '3 3';
/** Series: stroke widths of history and projections, and the dot for a one-point series, px. */
const HISTORY_WIDTH_PX = 1.6;
const PROJECTION_WIDTH_PX = 2;
const DOT_RADIUS_PX = 3;

export function renderLine(spec: LineChart, options: ChartSvgOptions): string {
  const width = options.width ?? DEFAULT_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const log = spec.logScale === true;
  const series = spec.series
    .map((s, index) => ({
      ...s,
      color: SERIES_COLORS[index % SERIES_COLORS.length] as string,
      points: s.points
        .map((p) => ({ day: parseIsoDay(p.date), value: p.value }))
        .filter(
          (p): p is { day: NonNullable<typeof p.day>; value: number } =>
            p.day !== undefined && Number.isFinite(p.value) && (!log || p.value > 0),
        ),
    }))
    .filter((s) => s.points.length > 0);
  const subtitle = `${spec.unit}${log ? ' (log scale)' : ''}`;
  const frame = openFrame(
    spec,
    width,
    height,
    subtitle,
    `Line chart of ${series.length} series in ${spec.unit}${log ? ' on a log scale' : ''}.`,
  );
  if (series.length === 0) {
    noData(frame);
    return closeFrame(spec, frame);
  }
  const parts = frame.parts;
  const days = series.flatMap((s) => s.points.map((p) => p.day as number));
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  let firstDay = Math.min(...days);
  let lastDay = Math.max(...days);
  if (lastDay === firstDay) {
    firstDay -= SINGLE_DAY_PAD_DAYS;
    lastDay += SINGLE_DAY_PAD_DAYS;
  }
  const minValue = Math.min(...values);
  const maxValue = Math.max(...values);
  const ticks = log
    ? logTicks(minValue, maxValue)
    : niceTicks(minValue >= 0 ? 0 : minValue, maxValue <= 0 ? 0 : maxValue, TICK_COUNT);
  // Log ticks (1-2-5) read well with three significant digits; linear ones get the digits their step needs.
  const tickText = tickFormatter(log ? [] : ticks, spec.unit);

  const legendTop = frame.top + LEGEND_TOP_GAP_PX;
  const legend = lineLegend(series, width, legendTop);
  parts.push(...legend.parts);

  const plotTop = legend.bottom + PLOT_TOP_GAP_PX;
  const left = valueAxisLeft(ticks, tickText);
  const right = RIGHT_MARGIN_PX;
  const plotBottom = height - BOTTOM_MARGIN_PX;
  const x = linearScale([firstDay, lastDay], [left, width - right]);
  const low = ticks[0] as number;
  const high = ticks[ticks.length - 1] as number;
  const y = log
    ? (v: number) => linearScale([Math.log10(low), Math.log10(high)], [plotBottom, plotTop])(Math.log10(v))
    : linearScale([low, high], [plotBottom, plotTop]);

  valueGrid(parts, ticks, y, left, width - right, tickText);
  for (const tick of timeTicks(firstDay, lastDay, width - left - right)) {
    const tx = x(tick.day);
    parts.push(
      element('line', {
        class: tick.label === undefined ? 'grid grid-minor' : 'grid',
        x1: tx,
        x2: tx,
        y1: plotTop,
        y2: plotBottom,
        stroke: COLOR.grid,
        'stroke-width': tick.label === undefined ? MINOR_GRID_WIDTH_PX : 1,
      }),
    );
    parts.push(
      element('line', {
        class: 'axis',
        x1: tx,
        x2: tx,
        y1: plotBottom,
        y2: plotBottom + TIME_TICK_LENGTH_PX,
        stroke: COLOR.axis,
        'stroke-width': 1,
      }),
    );
    if (tick.label !== undefined)
      parts.push(
        text(
          {
            class: 'axis tick-label',
            x: tx,
            y: plotBottom + TIME_LABEL_DROP_PX,
            'text-anchor': 'middle',
            'font-size': TICK_FONT_PX,
            fill: COLOR.muted,
          },
          tick.label,
        ),
      );
  }
  parts.push(
    element('line', {
      class: 'axis',
      x1: left,
      x2: width - right,
      y1: plotBottom,
      y2: plotBottom,
      stroke: COLOR.axis,
      'stroke-width': 1,
    }),
  );

  // Event markers before the lines, labels staggered when they would collide.
  const markers = (spec.markers ?? [])
    .map((m) => ({ ...m, day: parseIsoDay(m.date) }))
    .filter(
      (m): m is typeof m & { day: NonNullable<typeof m.day> } =>
        m.day !== undefined && m.day >= firstDay && m.day <= lastDay,
    )
    .sort((a, b) => a.day - b.day);
  let previousEnd = -Infinity;
  let level = 0;
  for (const marker of markers) {
    const mx = x(marker.day);
    const labelWidth = textWidth(marker.label, EVENT_FONT_PX);
    const flip = mx + EVENT_LABEL_GAP_PX + labelWidth > width - right;
    const startX = flip ? mx - EVENT_LABEL_GAP_PX - labelWidth : mx + EVENT_LABEL_GAP_PX;
    level = startX < previousEnd + EVENT_LABEL_GAP_PX ? level + 1 : 0;
    previousEnd = startX + labelWidth;
    parts.push(
      element('line', {
        class: 'event-marker',
        'data-date': marker.date,
        x1: mx,
        x2: mx,
        y1: plotTop - EVENT_OVERHANG_PX,
        y2: plotBottom,
        stroke: COLOR.event,
        'stroke-width': 1,
        'stroke-dasharray': EVENT_DASH,
      }),
    );
    parts.push(
      text(
        {
          class: 'event-label',
          x: flip ? mx - EVENT_LABEL_GAP_PX : mx + EVENT_LABEL_GAP_PX,
          y: plotTop + EVENT_LABEL_DROP_PX + level * EVENT_LABEL_STEP_PX,
          'text-anchor': flip ? 'end' : 'start',
          'font-size': EVENT_FONT_PX,
          fill: COLOR.event,
          ...HALO,
        },
        marker.label,
      ),
    );
  }

  for (const s of series) {
    const last = s.points[s.points.length - 1] as { day: number; value: number };
    const common = {
      class: 'mark',
      'data-value': String(last.value),
      'data-series': s.name,
      'data-style': s.style,
      'data-points': String(s.points.length),
    };
    if (s.points.length === 1) {
      parts.push(element('circle', { ...common, cx: x(last.day), cy: y(last.value), r: DOT_RADIUS_PX, fill: s.color }));
      continue;
    }
    const d = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(x(p.day))} ${px(y(p.value))}`).join('');
    parts.push(
      element('path', {
        ...common,
        d,
        fill: 'none',
        stroke: s.color,
        'stroke-width': s.style === 'projection' ? PROJECTION_WIDTH_PX : HISTORY_WIDTH_PX,
        'stroke-dasharray': s.style === 'projection' ? PROJECTION_DASH : undefined,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      }),
    );
  }
  return closeFrame(spec, frame);
}
