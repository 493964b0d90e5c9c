/**
 * A heatmap: one metric over two inputs, a cell per pair coloured on a scale diverging around the midpoint (e.g. the
 * share price), labelled with its value when it fits; cells without a value hatched; the base case marked; a legend
 * under the grid. The grid's height follows its rows unless the options fix the chart's height.
 */
import type { HeatmapChart } from './chart-spec.ts';
import { closeFrame, DEFAULT_WIDTH_PX, noData, openFrame, safeId, titleBlock, type ChartSvgOptions } from './frame.ts';
import { axisLabels, cellX, cellY, gridBottom, gridLeft, heatmapAxes, type CellGrid } from './heatmap-axes.ts';
import { colourScale, divergingColor } from './heatmap-colour.ts';
import { heatmapLegend, LEGEND_DROP_PX } from './heatmap-legend.ts';
import { baseCaseMarker } from './heatmap-marker.ts';
import { formatCompact, formatFixed, unitStyle } from './number-format.ts';
import { COLOR } from './palette.ts';
import { CHAR_WIDTH, element, escapeXml, text } from './svg-markup.ts';

/** From the grid's right end to the chart's edge, px. */
const RIGHT_MARGIN_PX = 16;
/** From the title block to the grid's top, px. */
const GRID_TOP_GAP_PX = 8;
/** Room under the grid: column labels, column title, legend, px. */
const COLUMN_LABELS_ROOM_PX = 18;
const COLUMN_TITLE_ROOM_PX = 20;
const LEGEND_ROOM_PX = 44;
/** Row height when the options give no chart height: the grid aims at this height, rows within these bounds, px. */
const GRID_HEIGHT_PX = 360;
const ROW_HEIGHT_MIN_PX = 14;
const ROW_HEIGHT_MAX_PX = 30;
/** The hatch for cells without a value: pattern size, line width, px. */
const HATCH_SIZE_PX = 6;
const HATCH_WIDTH_PX = 1.5;
/** The white gap drawn around each cell, px. */
const CELL_EDGE_WIDTH_PX = 0.5;
/** Cell labels: at most this size, and this share of the row height (px); padding within the cell (px). */
const CELL_FONT_MAX_PX = 11;
const CELL_FONT_SHARE_OF_ROW = 0.55;
const CELL_PAD_PX = 4;
/** Below this size (px) labels switch to the shorter format; below this one they are left out. */
const CELL_FONT_SHORTEN_BELOW_PX = 8;
const CELL_FONT_MIN_PX = 6;
/** A cell label's baseline below the cell's middle, as a share of its font size (centres the digits). */
const CELL_BASELINE_SHARE = 0.36;
/** Cells further than this from the middle of the colour scale take white labels. */
const WHITE_LABEL_BEYOND = 0.55;
/** The short format: values below this (after the unit's factor) get fixed decimals, larger ones these digits. */
const FIXED_DECIMALS_BELOW = 1000;
const SHORT_SIGNIFICANT_DIGITS = 3;

/**
 * Cell labels: as large as fits; full precision (per-share cents) when there is room, else three digits (with the same
 * decimals on every cell when all are below 1,000), none when tiny.
 */
function cellLabels(cells: number[], unit: string, grid: CellGrid): { format: (v: number) => string; font: number } {
  const fits = (longest: number) =>
    Math.min(
      CELL_FONT_MAX_PX,
      grid.cellHeight * CELL_FONT_SHARE_OF_ROW,
      (grid.cellWidth - CELL_PAD_PX) / Math.max(1, longest * CHAR_WIDTH),
    );
  const longestOf = (format: (v: number) => string) =>
    cells.reduce((longest, v) => Math.max(longest, format(v).length), 1);
  const largest = Math.max(0, ...cells.map((v) => Math.abs(v * unitStyle(unit).factor)));
  const shortFormat =
    largest < FIXED_DECIMALS_BELOW
      ? (v: number) => formatFixed(v, unit, Math.max(0, 2 - Math.floor(Math.log10(Math.max(largest, 1e-9)))))
      : (v: number) => formatCompact(v, unit, SHORT_SIGNIFICANT_DIGITS);
  let format = (v: number) => formatCompact(v, unit);
  let font = fits(longestOf(format));
  if (font < CELL_FONT_SHORTEN_BELOW_PX) {
    format = shortFormat;
    font = fits(longestOf(format));
  }
  return { format, font };
}

export function renderHeatmap(spec: HeatmapChart, options: ChartSvgOptions): string {
  const width = options.width ?? DEFAULT_WIDTH_PX;
  const nx = spec.x.values.length;
  const ny = spec.y.values.length;
  const cells = spec.values.flatMap((row) => row.filter((v): v is number => v !== null && Number.isFinite(v)));
  const hasMissing = spec.values.some(
    (row, j) => j < ny && (row.length < nx || row.slice(0, nx).some((v) => v === null || !Number.isFinite(v))),
  );
  const scale = colourScale(cells, spec.midpoint);

  const labels = axisLabels(spec);
  const left = gridLeft(labels.y);
  const right = RIGHT_MARGIN_PX;
  const bottom = COLUMN_LABELS_ROOM_PX + COLUMN_TITLE_ROOM_PX + LEGEND_ROOM_PX;
  const plotTop = titleBlock(spec.title, width).top + GRID_TOP_GAP_PX;
  const plotWidth = width - left - right;
  const cellWidth = nx > 0 ? plotWidth / nx : plotWidth;
  const cellHeight =
    options.height !== undefined
      ? Math.max(1, (options.height - plotTop - bottom) / Math.max(1, ny))
      : Math.max(ROW_HEIGHT_MIN_PX, Math.min(ROW_HEIGHT_MAX_PX, GRID_HEIGHT_PX / Math.max(1, ny)));
  const height = options.height ?? Math.round(plotTop + cellHeight * ny + bottom);
  const subtitle = `Cells: ${spec.unit}; rows: ${spec.y.label}, columns: ${spec.x.label}`;
  const frame = openFrame(
    spec,
    width,
    height,
    subtitle,
    `Heatmap of ${spec.title} over ${nx} × ${ny} values of ${spec.x.label} and ${spec.y.label}.`,
  );
  if (nx === 0 || ny === 0) {
    noData(frame);
    return closeFrame(spec, frame);
  }
  const grid: CellGrid = { left, top: plotTop, width: plotWidth, cellWidth, cellHeight, columns: nx, rows: ny };
  const hatchId = `${safeId(spec.id)}-hatch`;
  const parts = frame.parts;
  parts.push(
    element(
      'defs',
      {},
      element(
        'pattern',
        {
          id: hatchId,
          width: HATCH_SIZE_PX,
          height: HATCH_SIZE_PX,
          patternUnits: 'userSpaceOnUse',
          patternTransform: 'rotate(45)',
        },
        element('rect', { width: HATCH_SIZE_PX, height: HATCH_SIZE_PX, fill: COLOR.missing }) +
          element('line', {
            x1: 0,
            y1: 0,
            x2: 0,
            y2: HATCH_SIZE_PX,
            stroke: COLOR.hatch,
            'stroke-width': HATCH_WIDTH_PX,
          }),
      ),
    ),
  );

  const { format: cellFormat, font: cellFont } = cellLabels(cells, spec.unit, grid);
  const labelCells = cellFont >= CELL_FONT_MIN_PX;
  for (let j = 0; j < ny; j++) {
    const row = spec.values[j] ?? [];
    for (let i = 0; i < nx; i++) {
      const value = row[i] ?? null;
      const xName = `${spec.x.label} ${formatCompact(spec.x.values[i] as number, spec.x.unit)}`;
      const where = `${xName}, ${spec.y.label} ${formatCompact(spec.y.values[j] as number, spec.y.unit)}`;
      const box = { x: cellX(grid, i), y: cellY(grid, j), width: cellWidth, height: cellHeight };
      if (value === null || !Number.isFinite(value)) {
        parts.push(
          element(
            'rect',
            {
              class: 'missing',
              ...box,
              fill: `url(#${hatchId})`,
              stroke: COLOR.background,
              'stroke-width': CELL_EDGE_WIDTH_PX,
            },
            element('title', {}, escapeXml(`${where}: no value`)),
          ),
        );
        continue;
      }
      const t = scale.at(value);
      const label = cellFormat(value);
      parts.push(
        element(
          'rect',
          {
            class: 'mark',
            'data-value': String(value),
            ...box,
            fill: divergingColor(t),
            stroke: COLOR.background,
            'stroke-width': CELL_EDGE_WIDTH_PX,
          },
          element('title', {}, escapeXml(`${where}: ${label}`)),
        ),
      );
      if (labelCells) {
        parts.push(
          text(
            {
              class: 'cell-label',
              x: cellX(grid, i) + cellWidth / 2,
              y: cellY(grid, j) + cellHeight / 2 + cellFont * CELL_BASELINE_SHARE,
              'text-anchor': 'middle',
              'font-size': Math.round(cellFont * 10) / 10,
              fill: Math.abs(t) > WHITE_LABEL_BEYOND ? COLOR.textOnDark : COLOR.text,
            },
            label,
          ),
        );
      }
    }
  }

  parts.push(...heatmapAxes(spec, grid, labels));
  const marker = baseCaseMarker(spec, grid);
  parts.push(...marker.parts);
  parts.push(
    ...heatmapLegend({
      scale,
      unit: spec.unit,
      left,
      top: gridBottom(grid) + LEGEND_DROP_PX,
      hatchId: hasMissing ? hatchId : undefined,
      marker: marker.legend,
    }),
  );
  return closeFrame(spec, frame);
}
