/**
 * Chart specs (./chart-spec.ts) as self-contained SVG for the research note (DESIGN.md §10) and the dashboard: no
 * scripts, no external fonts or CSS, a generic sans-serif font, colours that print. Pure and deterministic: the same
 * spec and options always give the same string (coordinates rounded to 0.01 px).
 *
 * Data marks carry `class="mark"` and `data-value` (the value as a plain JS number; for a line, its last point):
 * one per waterfall step, one per non-null heatmap cell, one per line series, one per cost-curve bar, one per scatter
 * point. Everything else (axes, grid, labels, legend, reference and event markers) has another class.
 *
 * One chart kind per file: ./waterfall.ts, ./heatmap.ts, ./line.ts, ./cost-curve.ts, ./scatter.ts, on the shared
 * ./frame.ts (title block, svg root), ./svg-markup.ts (elements, escaping), ./scales.ts, ./number-format.ts and
 * ./palette.ts.
 */
import type { ChartSpec } from './chart-spec.ts';
import { renderCostCurve } from './cost-curve.ts';
import type { ChartSvgOptions } from './frame.ts';
import { renderHeatmap } from './heatmap.ts';
import { renderLine } from './line.ts';
import { renderScatter } from './scatter.ts';
import { renderWaterfall } from './waterfall.ts';

export type { ChartSvgOptions } from './frame.ts';
export { formatCompact } from './number-format.ts';
export { escapeXml } from './svg-markup.ts';

export function renderChartSvg(spec: ChartSpec, options: ChartSvgOptions = {}): string {
  switch (spec.kind) {
    case 'waterfall':
      return renderWaterfall(spec, options);
    case 'heatmap':
      return renderHeatmap(spec, options);
    case 'line':
      return renderLine(spec, options);
    case 'cost-curve':
      return renderCostCurve(spec, options);
    case 'scatter':
      return renderScatter(spec, options);
  }
}
