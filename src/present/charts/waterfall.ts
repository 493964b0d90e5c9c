/**
 * A waterfall (sum-of-the-parts bridge): one bar per step from the running sum (a total from zero), dashed connectors
 * between them, signed value labels, category labels under the bars (wrapped, or rotated when the bands are narrow),
 * a zero line and an optional reference line.
 */
import type { WaterfallChart } from './chart-spec.ts';
import { closeFrame, DEFAULT_WIDTH_PX, noData, openFrame, type ChartSvgOptions } from './frame.ts';
import { formatCompact, tickFormatter } from './number-format.ts';
import { COLOR } from './palette.ts';
import { linearScale, niceTicks } from './scales.ts';
import { CHAR_WIDTH, element, escapeXml, HALO, LINE_HEIGHT_PX, px, text, wrap } from './svg-markup.ts';
import { valueAxisLeft, valueGrid } from './value-axis.ts';
import { referenceLine } from './waterfall-reference.ts';

/** Chart height when the options give none, px. */
const DEFAULT_HEIGHT_PX = 400;
/** About this many intervals on the value axis. */
const TICK_COUNT = 6;
/** From the plot's right end to the chart's edge, px. */
const RIGHT_MARGIN_PX = 16;
/** From the title block to the plot's top, px. */
const PLOT_TOP_GAP_PX = 18;
/** Room below the lowest tick, above the category labels, px. */
const PLOT_BOTTOM_PAD_PX = 16;
/** A bar fills this share of its band, up to a maximum width (px). */
const BAR_SHARE_OF_BAND = 0.64;
const MAX_BAR_WIDTH_PX = 90;
/** Category labels: font size (px), lines when wrapped, and a band narrower than this (px) rotates them. */
const CATEGORY_FONT_PX = 11;
const CATEGORY_MAX_LINES = 3;
const ROTATE_BELOW_BAND_PX = 44;
/** A wrapped category label's horizontal padding within its band, px. */
const CATEGORY_PAD_PX = 6;
/** A rotated label: characters at most, its angle (degrees, counterclockwise), and cos of it. */
const ROTATED_MAX_CHARS = 28;
const ROTATION_DEG = 40;
const COS_ROTATION = 0.766;
/** Height of a rotated label as a share of its width (sin 40° ≈ 0.64, plus room). */
const ROTATED_HEIGHT_SHARE = 0.72;
/** Space under the plot for the labels: above rotated ones, and above the wrapped lines, px. */
const ROTATED_LABEL_ROOM_PX = 16;
const WRAPPED_LABEL_ROOM_PX = 14;
/** Baselines below the plot's bottom: a rotated label's anchor, a wrapped label's first line, px. */
const ROTATED_LABEL_DROP_PX = 12;
/** A rotated label keeps this far from the chart's left edge, px. */
const ROTATED_LABEL_EDGE_PX = 4;
const WRAPPED_LABEL_DROP_PX = 14;
/** Value labels: font size between these (px), fitted to the band, and their baseline off the bar's end, px. */
const VALUE_FONT_MIN_PX = 8;
const VALUE_FONT_MAX_PX = 11;
const VALUE_LABEL_ABOVE_PX = 5;
/** A value label's padding within its band, px. */
const VALUE_LABEL_PAD_PX = 2;
const VALUE_LABEL_BELOW_PX = 13;
/** Minimum drawn bar height, px, so a zero step still shows. */
const MIN_BAR_HEIGHT_PX = 1;
const CONNECTOR_DASH = '2 2';

export function renderWaterfall(spec: WaterfallChart, options: ChartSvgOptions): string {
  const width = options.width ?? DEFAULT_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const steps = spec.steps.filter((s) => Number.isFinite(s.value));
  const frame = openFrame(spec, width, height, spec.unit, `Waterfall of ${steps.length} steps in ${spec.unit}.`);
  if (steps.length === 0) {
    noData(frame);
    return closeFrame(spec, frame);
  }

  // Running sum: a total starts from zero and resets the sum to its value.
  let running = 0;
  const bars = steps.map((step) => {
    const from = step.total ? 0 : running;
    const to = step.total ? step.value : running + step.value;
    running = to;
    return { ...step, from, to };
  });
  const reference = spec.reference && Number.isFinite(spec.reference.value) ? spec.reference : undefined;
  const extent = [0, ...bars.flatMap((b) => [b.from, b.to]), ...(reference ? [reference.value] : [])];
  const ticks = niceTicks(Math.min(...extent), Math.max(...extent), TICK_COUNT);
  const domain: [number, number] = [ticks[0] as number, ticks[ticks.length - 1] as number];
  const formatTick = tickFormatter(ticks, spec.unit);

  const left = valueAxisLeft(ticks, formatTick);
  const right = RIGHT_MARGIN_PX;
  const plotWidth = width - left - right;
  const band = plotWidth / bars.length;
  const barWidth = Math.min(band * BAR_SHARE_OF_BAND, MAX_BAR_WIDTH_PX);

  // Category labels: wrapped under the bars, or rotated when the bands are narrow.
  const labelFont = CATEGORY_FONT_PX;
  const rotate = band < ROTATE_BELOW_BAND_PX;
  const wrapped = bars.map((b) =>
    wrap(b.label, (band - CATEGORY_PAD_PX) / (labelFont * CHAR_WIDTH), CATEGORY_MAX_LINES),
  );
  const longest = Math.max(...bars.map((b) => Math.min(b.label.length, ROTATED_MAX_CHARS)));
  const bottom = rotate
    ? ROTATED_LABEL_ROOM_PX + longest * labelFont * CHAR_WIDTH * ROTATED_HEIGHT_SHARE
    : WRAPPED_LABEL_ROOM_PX + Math.max(...wrapped.map((w) => w.length)) * LINE_HEIGHT_PX;
  const plotTop = frame.top + PLOT_TOP_GAP_PX;
  const plotBottom = height - bottom;
  const y = linearScale(domain, [plotBottom - PLOT_BOTTOM_PAD_PX, plotTop]);
  const bandX = (i: number) => left + band * i + band / 2;
  const parts = frame.parts;

  valueGrid(parts, ticks, y, left, width - right, formatTick);

  const valueLabels: string[] = [];
  // One character more than the longest value, for the + of a rise.
  const longestValue = Math.max(...bars.map((b) => formatCompact(b.value, spec.unit).length + 1));
  const valueFont = Math.max(
    VALUE_FONT_MIN_PX,
    Math.min(VALUE_FONT_MAX_PX, (band - VALUE_LABEL_PAD_PX) / (longestValue * CHAR_WIDTH)),
  );
  bars.forEach((bar, i) => {
    const top = y(Math.max(bar.from, bar.to));
    const barHeight = Math.max(MIN_BAR_HEIGHT_PX, Math.abs(y(bar.from) - y(bar.to)));
    const fill = bar.total ? COLOR.total : bar.value >= 0 ? COLOR.up : COLOR.down;
    const x = bandX(i) - barWidth / 2;
    const valueText = formatCompact(bar.value, spec.unit);
    parts.push(
      element(
        'rect',
        {
          class: 'mark',
          'data-value': String(bar.value),
          'data-label': bar.label,
          x,
          y: top,
          width: barWidth,
          height: barHeight,
          fill,
        },
        element('title', {}, escapeXml(`${bar.label}: ${valueText}`)),
      ),
    );
    const shown = bar.total || bar.value < 0 ? valueText : `+${valueText}`;
    const labelY = bar.value >= 0 ? top - VALUE_LABEL_ABOVE_PX : top + barHeight + VALUE_LABEL_BELOW_PX;
    valueLabels.push(
      text(
        {
          class: 'value-label',
          x: bandX(i),
          y: labelY,
          'text-anchor': 'middle',
          'font-size': Math.round(valueFont * 10) / 10,
          'font-weight': bar.total ? 'bold' : undefined,
          fill: COLOR.text,
          ...HALO,
        },
        shown,
      ),
    );
    const next = bars[i + 1];
    if (next && !next.total) {
      parts.push(
        element('line', {
          class: 'connector',
          x1: x + barWidth,
          x2: bandX(i + 1) - barWidth / 2,
          y1: y(bar.to),
          y2: y(bar.to),
          stroke: COLOR.axis,
          'stroke-width': 1,
          'stroke-dasharray': CONNECTOR_DASH,
        }),
      );
    }
    if (rotate) {
      // At −40°, a label reaches left by its width × cos 40°: keep it inside the chart.
      const room = Math.min(
        ROTATED_MAX_CHARS,
        Math.floor((bandX(i) - ROTATED_LABEL_EDGE_PX) / (labelFont * CHAR_WIDTH * COS_ROTATION)),
      );
      const label = bar.label.length > room ? `${bar.label.slice(0, Math.max(1, room - 1))}…` : bar.label;
      const ly = plotBottom + ROTATED_LABEL_DROP_PX;
      parts.push(
        text(
          {
            class: 'category-label',
            x: bandX(i),
            y: ly,
            'text-anchor': 'end',
            'font-size': labelFont,
            fill: COLOR.text,
            transform: `rotate(-${ROTATION_DEG} ${px(bandX(i))} ${px(ly)})`,
          },
          label,
        ),
      );
    } else {
      parts.push(
        text(
          {
            class: 'category-label',
            x: bandX(i),
            y: plotBottom + WRAPPED_LABEL_DROP_PX,
            'text-anchor': 'middle',
            'font-size': labelFont,
            fill: COLOR.text,
          },
          wrapped[i] as string[],
        ),
      );
    }
  });

  // Zero and reference lines over the bars, under the value labels (they have a halo).
  parts.push(
    element('line', {
      class: 'zero-line',
      x1: left,
      x2: width - right,
      y1: y(0),
      y2: y(0),
      stroke: COLOR.zero,
      'stroke-width': 1,
    }),
  );
  if (reference) {
    const boxes = bars.map((bar, i) => ({
      x0: bandX(i) - barWidth / 2,
      x1: bandX(i) + barWidth / 2,
      top: y(Math.max(bar.from, bar.to)),
      bottom: y(Math.min(bar.from, bar.to)),
    }));
    parts.push(...referenceLine(reference, spec.unit, y(reference.value), left, width - right, boxes));
  }

  parts.push(...valueLabels);

  return closeFrame(spec, frame);
}
