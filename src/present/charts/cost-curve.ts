/**
 * A cost curve (the sector's supply curve): each company a bar from its cumulative share before it to the share after
 * it (its width = its share of the universe), as tall as its unit cost, cheapest first; the share axis in percent
 * below, the cost axis left, ticker labels in or over the bars, and a reference line (the BTC price) across.
 */
import type { CostCurveChart } from './chart-spec.ts';
import { closeFrame, DEFAULT_WIDTH_PX, noData, openFrame, TICK_FONT_PX, type ChartSvgOptions } from './frame.ts';
import { formatCompact, tickFormatter } from './number-format.ts';
import { SERIES_COLORS, COLOR } from './palette.ts';
import { linearScale, niceTicks } from './scales.ts';
import { element, escapeXml, HALO, text, textWidth } from './svg-markup.ts';
import { valueAxisLeft, valueGrid } from './value-axis.ts';
import { referenceLine } from './waterfall-reference.ts';

/** Chart height when the options give none, px. */
const DEFAULT_HEIGHT_PX = 380;
/** About this many intervals on the cost axis. */
const TICK_COUNT = 6;
const RIGHT_MARGIN_PX = 16;
const PLOT_TOP_GAP_PX = 18;
/** Below the plot: the share ticks and the axis title, px. */
const BOTTOM_PX = 44;
const SHARE_TICK_DROP_PX = 14;
const AXIS_TITLE_DROP_PX = 32;
/** Share axis ticks, as fractions. */
const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];
/** A gap between neighbouring bars, px (half on each side). */
const BAR_GAP_PX = 1;
const LABEL_FONT_PX = 11;
/** A label's baseline above its bar's top, px. */
const LABEL_ABOVE_PX = 5;

export function renderCostCurve(spec: CostCurveChart, options: ChartSvgOptions): string {
  const width = options.width ?? DEFAULT_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const steps = spec.steps.filter((s) => Number.isFinite(s.value) && s.to > s.from);
  const frame = openFrame(
    spec,
    width,
    height,
    spec.unit,
    `Cost curve of ${steps.length} companies in ${spec.unit}, by ${spec.widthLabel}.`,
  );
  if (steps.length === 0) {
    noData(frame);
    return closeFrame(spec, frame);
  }
  const reference = spec.reference && Number.isFinite(spec.reference.value) ? spec.reference : undefined;
  const extent = [0, ...steps.map((s) => s.value), ...(reference ? [reference.value] : [])];
  const ticks = niceTicks(Math.min(...extent), Math.max(...extent), TICK_COUNT);
  const formatTick = tickFormatter(ticks, spec.unit);
  const left = valueAxisLeft(ticks, formatTick);
  const right = width - RIGHT_MARGIN_PX;
  const plotTop = frame.top + PLOT_TOP_GAP_PX;
  const plotBottom = height - BOTTOM_PX;
  const y = linearScale([ticks[0] as number, ticks[ticks.length - 1] as number], [plotBottom, plotTop]);
  const x = linearScale([0, 1], [left, right]);
  const parts = frame.parts;

  valueGrid(parts, ticks, y, left, right, formatTick);
  const boxes = steps.map((step, i) => {
    const x0 = x(step.from) + BAR_GAP_PX / 2;
    const x1 = Math.max(x0 + BAR_GAP_PX, x(step.to) - BAR_GAP_PX / 2);
    const top = y(Math.max(0, step.value));
    const bottom = y(Math.min(0, step.value));
    const valueText = formatCompact(step.value, spec.unit);
    parts.push(
      element(
        'rect',
        {
          class: 'mark',
          'data-value': String(step.value),
          'data-label': step.label,
          x: x0,
          y: top,
          width: x1 - x0,
          height: Math.max(1, bottom - top),
          fill: SERIES_COLORS[i % SERIES_COLORS.length],
        },
        element(
          'title',
          {},
          escapeXml(`${step.label}: ${valueText}, ${formatShare(step.to - step.from)} of ${spec.widthLabel}`),
        ),
      ),
    );
    return { x0, x1, top, bottom, step };
  });
  for (const tick of SHARE_TICKS) {
    parts.push(
      text(
        {
          class: 'axis tick-label',
          x: x(tick),
          y: plotBottom + SHARE_TICK_DROP_PX,
          'text-anchor': 'middle',
          'font-size': TICK_FONT_PX,
          fill: COLOR.muted,
        },
        formatShare(tick),
      ),
    );
  }
  parts.push(
    text(
      {
        class: 'axis axis-title',
        x: (left + right) / 2,
        y: plotBottom + AXIS_TITLE_DROP_PX,
        'text-anchor': 'middle',
        'font-size': TICK_FONT_PX,
        fill: COLOR.text,
      },
      `Cumulative ${spec.widthLabel}`,
    ),
  );
  parts.push(element('line', { class: 'zero-line', x1: left, x2: right, y1: y(0), y2: y(0), stroke: COLOR.zero }));
  if (reference) parts.push(...referenceLine(reference, spec.unit, y(reference.value), left, right, boxes));
  // Labels last, over the reference line (they have a halo); one wider than its bar is left out (its title has it).
  for (const box of boxes) {
    if (textWidth(box.step.label, LABEL_FONT_PX) > box.x1 - box.x0 + LABEL_FONT_PX) continue;
    parts.push(
      text(
        {
          class: 'category-label',
          x: (box.x0 + box.x1) / 2,
          y: box.top - LABEL_ABOVE_PX,
          'text-anchor': 'middle',
          'font-size': LABEL_FONT_PX,
          fill: COLOR.text,
          ...HALO,
        },
        box.step.label,
      ),
    );
  }
  return closeFrame(spec, frame);
}

function formatShare(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
