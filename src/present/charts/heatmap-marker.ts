/**
 * The heatmap's base-case marker: the cell outlined when the base case lies on the grid, a ring between cells
 * otherwise (at its fractional position along each axis).
 */
import type { HeatmapChart } from './chart-spec.ts';
import { cellX, cellY, type CellGrid } from './heatmap-axes.ts';
import { COLOR } from './palette.ts';
import { element } from './svg-markup.ts';

/** The outline's inset within the cell and its stroke width, px. */
const OUTLINE_INSET_PX = 1;
const OUTLINE_WIDTH_PX = 2.5;
/** The ring's radius: a quarter of the row height, between these bounds, px. */
const RING_RADIUS_MIN_PX = 3.5;
const RING_RADIUS_MAX_PX = 5.5;
/** The ring: a white halo under a black stroke, px. */
const RING_HALO_WIDTH_PX = 4;
const RING_WIDTH_PX = 2;
/** Values within this relative distance (of max(1, |value|)) count as equal. */
const EQUAL_TOLERANCE = 1e-9;

/** Fractional index of `value` along ascending or descending `values`; undefined outside them. */
export function fractionalIndex(values: number[], value: number): number | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const tolerance = EQUAL_TOLERANCE * Math.max(1, Math.abs(v));
    if (Math.abs(v - value) <= tolerance) return i;
    const next = values[i + 1];
    if (next !== undefined && (value - v) * (value - next) < 0) return i + (value - v) / (next - v);
  }
  return undefined;
}

/** The marker's elements and its legend entry (▭ or ○ and its label); none when the base case is off the grid. */
export function baseCaseMarker(spec: HeatmapChart, grid: CellGrid): { parts: string[]; legend: string | undefined } {
  if (!spec.marker) return { parts: [], legend: undefined };
  const fx = fractionalIndex(spec.x.values, spec.marker.x);
  const fy = fractionalIndex(spec.y.values, spec.marker.y);
  if (fx === undefined || fy === undefined) return { parts: [], legend: undefined };
  const { cellWidth, cellHeight } = grid;
  const onGrid = Number.isInteger(fx) && Number.isInteger(fy);
  const parts: string[] = [];
  if (onGrid) {
    parts.push(
      element('rect', {
        class: 'marker',
        x: cellX(grid, fx) + OUTLINE_INSET_PX,
        y: cellY(grid, fy) + OUTLINE_INSET_PX,
        width: cellWidth - 2 * OUTLINE_INSET_PX,
        height: cellHeight - 2 * OUTLINE_INSET_PX,
        fill: 'none',
        stroke: COLOR.marker,
        'stroke-width': OUTLINE_WIDTH_PX,
      }),
    );
  } else {
    const cx = cellX(grid, fx) + cellWidth / 2;
    const cy = cellY(grid, fy) + cellHeight / 2;
    const r = Math.max(RING_RADIUS_MIN_PX, Math.min(RING_RADIUS_MAX_PX, cellHeight / 4));
    parts.push(
      element('circle', {
        class: 'marker',
        cx,
        cy,
        r,
        fill: 'none',
        stroke: COLOR.background,
        'stroke-width': RING_HALO_WIDTH_PX,
      }),
    );
    parts.push(
      element('circle', {
        class: 'marker',
        cx,
        cy,
        r,
        fill: 'none',
        stroke: COLOR.marker,
        'stroke-width': RING_WIDTH_PX,
      }),
    );
  }
  return { parts, legend: `${onGrid ? '▭' : '○'} ${spec.marker.label}` };
}
