/**
 * Chart specs (DESIGN.md §10): what a chart shows, as plain data, built once from command results and rendered to
 * SVG by src/report (for the note) and by the dashboard from the same JSON. Values carry their unit; the renderer
 * only lays them out. Every chart has a stable `id` (used for file names and element ids).
 */

/**
 * A sum-of-the-parts bridge: signed steps from zero to a total (e.g. mining + power + HPC + BTC + net cash … =
 * equity).
 */
export interface WaterfallChart {
  kind: 'waterfall';
  id: string;
  title: string;
  /** Unit of the values, e.g. 'USD per share' or 'USD million'. */
  unit: string;
  /** Steps in order; a `total` step is drawn from zero (a subtotal or the end), the others from the running sum. */
  steps: { label: string; value: number; total?: boolean }[];
  /** A reference line, e.g. the share price. */
  reference?: { label: string; value: number };
}

/** A grid of one metric over two inputs (e.g. target price over BTC price × network growth). */
export interface HeatmapChart {
  kind: 'heatmap';
  id: string;
  title: string;
  unit: string;
  x: { label: string; unit: string; values: number[] };
  y: { label: string; unit: string; values: number[] };
  /** values[yIndex][xIndex]; null where the model has no value. */
  values: (number | null)[][];
  /** The base case, marked on the grid. */
  marker?: { x: number; y: number; label: string };
  /** Values are coloured relative to this (e.g. the share price): above and below in two hues. */
  midpoint?: number;
}

/** Time series by day: history drawn solid, projections dashed, with optional event markers. */
export interface LineChart {
  kind: 'line';
  id: string;
  title: string;
  unit: string;
  logScale?: boolean;
  series: { name: string; style: 'history' | 'projection'; points: { date: string; value: number }[] }[];
  /** Vertical markers, e.g. the as-of date, a halving. */
  markers?: { date: string; label: string }[];
}

/**
 * A supply (cost) curve: one bar per company, as wide as its share of the universe (e.g. of hashrate) and as tall as
 * its unit cost, cheapest first, across the cumulative share from 0 to 100%; a reference line (e.g. the BTC price).
 */
export interface CostCurveChart {
  kind: 'cost-curve';
  id: string;
  title: string;
  /** Unit of the costs, e.g. 'USD per BTC'. */
  unit: string;
  /** What the width measures, e.g. 'share of operating hashrate'. */
  widthLabel: string;
  /** Bars in order; `from` and `to` are cumulative shares in [0, 1]. */
  steps: { label: string; value: number; from: number; to: number }[];
  reference?: { label: string; value: number };
}

/** Labelled points on two value axes (e.g. EV per MW against the market-implied HPC share, one point a company). */
export interface ScatterChart {
  kind: 'scatter';
  id: string;
  title: string;
  /** The y axis's unit (the chart's unit). */
  unit: string;
  x: { label: string; unit: string };
  y: { label: string };
  points: { label: string; x: number; y: number }[];
}

export type ChartSpec = WaterfallChart | HeatmapChart | LineChart | CostCurveChart | ScatterChart;
