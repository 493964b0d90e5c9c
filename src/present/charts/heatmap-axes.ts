/**
 * The heatmap's grid geometry and its axes: column labels under the grid and row labels left of it, each thinned to
 * what fits, and the two axis titles (the row title rotated along the grid's left side).
 */
import type { HeatmapChart } from './chart-spec.ts';
import { AXIS_TITLE_FONT_PX, EDGE_PX, TICK_FONT_PX } from './frame.ts';
import { tickFormatter } from './number-format.ts';
import { COLOR } from './palette.ts';
import { CHAR_WIDTH, LINE_HEIGHT_PX, px, text, textWidth, wrap } from './svg-markup.ts';

/** Room for the rotated row title, left of the row labels, px. */
const ROW_TITLE_ROOM_PX = 18;
/** The rotated row title's centre from the chart's left edge, px. */
const ROW_TITLE_X_PX = 16;
/** Room right of the row labels (they end ROW_LABEL_GAP_PX before the grid), px. */
const ROW_LABELS_PAD_PX = 8;
const ROW_LABEL_GAP_PX = 6;
/** A row label's baseline below its row's middle, px. */
const ROW_LABEL_DROP_PX = 4;
/** Baselines below the grid: the column labels, the column title, px. */
const COLUMN_LABEL_DROP_PX = 14;
const COLUMN_TITLE_DROP_PX = 31;
/** Least space between neighbouring column labels, px. */
const COLUMN_LABEL_GAP_PX = 6;

/** The grid of cells, px. */
export interface CellGrid {
  left: number;
  top: number;
  /** The grid's width; a column's is width / columns. */
  width: number;
  cellWidth: number;
  cellHeight: number;
  /** Number of columns (x values) and rows (y values). */
  columns: number;
  rows: number;
}

/** The left edge of column `i` (fractional between columns). */
export function cellX(grid: CellGrid, i: number): number {
  return grid.left + grid.cellWidth * i;
}

/** The top edge of row `j` (fractional between rows). */
export function cellY(grid: CellGrid, j: number): number {
  return grid.top + grid.cellHeight * j;
}

/** The bottom edge of the grid. */
export function gridBottom(grid: CellGrid): number {
  return grid.top + grid.cellHeight * grid.rows;
}

/** The tick labels of the columns (x) and rows (y). */
export function axisLabels(spec: HeatmapChart): { x: string[]; y: string[] } {
  const formatX = tickFormatter(spec.x.values, spec.x.unit);
  const formatY = tickFormatter(spec.y.values, spec.y.unit);
  return { x: spec.x.values.map(formatX), y: spec.y.values.map(formatY) };
}

/** The grid's left edge: room for the row title and the widest row label, px. */
export function gridLeft(rowLabels: string[]): number {
  return (
    EDGE_PX + ROW_TITLE_ROOM_PX + Math.max(0, ...rowLabels.map((l) => textWidth(l, TICK_FONT_PX))) + ROW_LABELS_PAD_PX
  );
}

/** Column and row labels, thinned to what fits, and the axis titles. */
export function heatmapAxes(spec: HeatmapChart, grid: CellGrid, labels: { x: string[]; y: string[] }): string[] {
  const parts: string[] = [];
  const { cellWidth, cellHeight, left } = grid;
  const plotBottom = gridBottom(grid);
  const xEvery = Math.max(
    1,
    Math.ceil((Math.max(...labels.x.map((l) => textWidth(l, TICK_FONT_PX))) + COLUMN_LABEL_GAP_PX) / cellWidth),
  );
  labels.x.forEach((label, i) => {
    if (i % xEvery !== 0) return;
    parts.push(
      text(
        {
          class: 'axis tick-label',
          x: cellX(grid, i) + cellWidth / 2,
          y: plotBottom + COLUMN_LABEL_DROP_PX,
          'text-anchor': 'middle',
          'font-size': TICK_FONT_PX,
          fill: COLOR.muted,
        },
        label,
      ),
    );
  });
  const yEvery = Math.max(1, Math.ceil(LINE_HEIGHT_PX / cellHeight));
  labels.y.forEach((label, j) => {
    if (j % yEvery !== 0) return;
    parts.push(
      text(
        {
          class: 'axis tick-label',
          x: left - ROW_LABEL_GAP_PX,
          y: cellY(grid, j) + cellHeight / 2 + ROW_LABEL_DROP_PX,
          'text-anchor': 'end',
          'font-size': TICK_FONT_PX,
          fill: COLOR.muted,
        },
        label,
      ),
    );
  });
  parts.push(
    text(
      {
        class: 'axis axis-title',
        x: left + grid.width / 2,
        y: plotBottom + COLUMN_TITLE_DROP_PX,
        'text-anchor': 'middle',
        'font-size': AXIS_TITLE_FONT_PX,
        fill: COLOR.text,
      },
      spec.x.label,
    ),
  );
  const yTitleX = ROW_TITLE_X_PX;
  const yTitleY = grid.top + (cellHeight * grid.rows) / 2;
  const yTitle = wrap(spec.y.label, (cellHeight * grid.rows) / (AXIS_TITLE_FONT_PX * CHAR_WIDTH), 1)[0] as string;
  parts.push(
    text(
      {
        class: 'axis axis-title',
        x: yTitleX,
        y: yTitleY,
        'text-anchor': 'middle',
        'font-size': AXIS_TITLE_FONT_PX,
        fill: COLOR.text,
        transform: `rotate(-90 ${px(yTitleX)} ${px(yTitleY)})`,
      },
      yTitle,
    ),
  );
  return parts;
}
