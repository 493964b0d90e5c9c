/**
 * Moved: the renderer is now ./render-chart.ts, one chart kind per file. This re-export only keeps the two importers
 * outside this change (src/report/report-writer.ts, web/src/display-format.ts) compiling until their import path is
 * switched to ./render-chart.ts; then delete this file.
 */
export { formatCompact, renderChartSvg, type ChartSvgOptions } from './render-chart.ts';
