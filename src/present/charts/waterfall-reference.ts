/**
 * A waterfall's reference line (e.g. the share price): dashed across the plot on a white casing, so it shows on dark
 * bars, with its label at whichever end of the line, above or below it, is clear of the bars and their value labels.
 */
import type { WaterfallChart } from './chart-spec.ts';
import { formatCompact } from './number-format.ts';
import { COLOR } from './palette.ts';
import { element, HALO, text, textWidth } from './svg-markup.ts';

/** The reference label, px. */
const LABEL_FONT_PX = 11;
/** Estimated label widths are stretched by this share, as the label is bold. */
const BOLD_WIDTH_FACTOR = 1.05;
/** Room kept clear above and below a bar for its value label, px. */
const VALUE_LABEL_ROOM_PX = 18;
/** The label's baseline above or below the line, px. */
const LABEL_ABOVE_PX = 6;
const LABEL_BELOW_PX = 14;
/** The label's box, from the line to its far edge, px. */
const LABEL_BOX_NEAR_PX = 2;
const LABEL_BOX_FAR_PX = 18;
/** The label's inset from the plot's ends, px. */
const LABEL_INSET_PX = 4;
/** The white casing under the line: width (px) and opacity. */
const CASING_WIDTH_PX = 3.5;
const CASING_OPACITY = 0.8;
const LINE_WIDTH_PX = 1.5;
const LINE_DASH = '6 4';

/** A bar's extent on the chart, px. */
export interface BarBox {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/** The casing, the line and the label for `reference` at height `ry` (px), across the plot from `left` to `right`. */
export function referenceLine(
  reference: NonNullable<WaterfallChart['reference']>,
  unit: string,
  ry: number,
  left: number,
  right: number,
  bars: BarBox[],
): string[] {
  const boxes = bars.map((b) => ({
    x0: b.x0,
    x1: b.x1,
    y0: b.top - VALUE_LABEL_ROOM_PX,
    y1: b.bottom + VALUE_LABEL_ROOM_PX,
  }));
  const overlap = (x0: number, x1: number, y0: number, y1: number) =>
    boxes.reduce(
      (sum, b) =>
        sum +
        Math.max(0, Math.min(b.x1, x1) - Math.max(b.x0, x0)) * Math.max(0, Math.min(b.y1, y1) - Math.max(b.y0, y0)),
      0,
    );
  const label = `${reference.label} ${formatCompact(reference.value, unit)}`;
  const labelWidth = textWidth(label, LABEL_FONT_PX) * BOLD_WIDTH_FACTOR;
  const endX = right - LABEL_BOX_NEAR_PX;
  const startX = left + LABEL_INSET_PX;
  const above = [ry - LABEL_BOX_FAR_PX, ry - LABEL_BOX_NEAR_PX] as const;
  const below = [ry + LABEL_BOX_NEAR_PX, ry + LABEL_BOX_FAR_PX] as const;
  const spots = [
    { x: endX, anchor: 'end', y: ry - LABEL_ABOVE_PX, box: [endX - labelWidth, right, ...above] },
    {
      x: startX,
      anchor: 'start',
      y: ry - LABEL_ABOVE_PX,
      box: [left + LABEL_BOX_NEAR_PX, startX + labelWidth, ...above],
    },
    { x: endX, anchor: 'end', y: ry + LABEL_BELOW_PX, box: [endX - labelWidth, right, ...below] },
    {
      x: startX,
      anchor: 'start',
      y: ry + LABEL_BELOW_PX,
      box: [left + LABEL_BOX_NEAR_PX, startX + labelWidth, ...below],
    },
  ] as const;
  // The first clear spot, else the least covered one.
  const spot = spots.reduce((best, c) => (overlap(...c.box) < overlap(...best.box) ? c : best), spots[0]);
  return [
    element('line', {
      class: 'reference-casing',
      x1: left,
      x2: right,
      y1: ry,
      y2: ry,
      stroke: COLOR.background,
      'stroke-width': CASING_WIDTH_PX,
      'stroke-opacity': CASING_OPACITY,
    }),
    element('line', {
      class: 'reference',
      'data-value': String(reference.value),
      x1: left,
      x2: right,
      y1: ry,
      y2: ry,
      stroke: COLOR.reference,
      'stroke-width': LINE_WIDTH_PX,
      'stroke-dasharray': LINE_DASH,
    }),
    text(
      {
        class: 'reference-label',
        x: spot.x,
        y: spot.y,
        'text-anchor': spot.anchor,
        'font-size': LABEL_FONT_PX,
        'font-weight': 'bold',
        fill: COLOR.reference,
        ...HALO,
      },
      label,
    ),
  ];
}
