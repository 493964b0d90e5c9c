/**
 * The research note's charts as specs (chart-spec.ts), built from command results: the sum-of-the-parts bridge of
 * `rerate value`, the grid of `rerate sensitivity`, and the network history of `rerate network history` with the
 * projection of `rerate network project`. Pure: results in, specs out.
 */
import type { z } from 'zod';
import type { NetworkHistoryResult } from '../schema/network.ts';
import type { NetworkProjectionResult, ProjectionRowResult } from '../schema/projection.ts';
import type { diffSchema } from '../schema/runs.ts';
import type { SensitivityResult, ValueResult } from '../schema/valuation.ts';
import { dayOfUnixS, isoFromDay, parseIsoDay, type DayNumber } from '../units/calendar-day.ts';
import type { HeatmapChart, LineChart, WaterfallChart } from './charts/chart-spec.ts';

/** The bridge line of `rerate value` that is the sum of the others (drawn as the final total instead). */
const EQUITY_LINE = 'Equity value';

/**
 * `rerate value TICKER` as a waterfall in USD per share (each bridge line's `perShareUsd`, i.e. value ÷ diluted
 * shares): the parts, cash and the claims on the equity in the command's order, lines that are exactly zero left
 * out, ending in the price target as a total; the share price as the reference line.
 */
export function sotpBridgeChart(value: ValueResult): WaterfallChart {
  const { company } = value;
  const steps: WaterfallChart['steps'] = value.bridge
    .filter((line) => line.part !== EQUITY_LINE && line.perShareUsd !== 0)
    .map((line) => ({ label: line.part, value: line.perShareUsd }));
  steps.push({ label: `Price target (${value.targetDate})`, value: company.targetUsd, total: true });
  return {
    kind: 'waterfall',
    id: `sotp-${company.ticker}`,
    title: `${company.ticker}: sum of the parts to the ${value.targetDate} price target (${company.rating})`,
    unit: 'USD per share',
    steps,
    reference: {
      label: company.sharePriceDate ? `Share price (${company.sharePriceDate})` : 'Share price',
      value: company.sharePriceUsd,
    },
  };
}

const INPUT_LABELS: Record<string, string> = {
  'btc-price': 'BTC price',
  'network-growth': 'Network hashrate growth',
  fees: 'Fees',
  'power-price': 'Power price',
  'hpc-usd-per-mw': 'HPC value per MW',
  'deal-probability': 'HPC deal probability',
  'cap-rate': 'Cap rate',
  'hodl-premium': 'HODL premium',
  'signed-mw': 'HPC MW signed',
};
const METRIC_LABELS: Record<string, string> = {
  target: 'price target',
  'mining-value': 'mining value',
  'q-btc': 'quarter BTC mined',
  'q-revenue': 'quarter mining revenue',
};

/** A label inside a sentence: `Network hashrate growth` → `network hashrate growth`, `BTC price` unchanged. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
}

/**
 * `rerate sensitivity TICKER --x … --y …` as a heatmap: rows follow y, columns follow x (the result's `grid`), the
 * base case (both axes' `base`) marked, coloured around the share price when given (for the target metric).
 */
export function sensitivityHeatmap(sensitivity: SensitivityResult, sharePriceUsd?: number): HeatmapChart {
  const xLabel = INPUT_LABELS[sensitivity.x.input] ?? sensitivity.x.input;
  const yLabel = INPUT_LABELS[sensitivity.y.input] ?? sensitivity.y.input;
  const chart: HeatmapChart = {
    kind: 'heatmap',
    id: `sensitivity-${sensitivity.ticker}`,
    title:
      `${sensitivity.ticker}: ${METRIC_LABELS[sensitivity.metric] ?? sensitivity.metric} ` +
      `by ${inSentence(xLabel)} and ${inSentence(yLabel)}`,
    unit: sensitivity.unit,
    x: { label: xLabel, unit: sensitivity.x.unit, values: [...sensitivity.x.values] },
    y: { label: yLabel, unit: sensitivity.y.unit, values: [...sensitivity.y.values] },
    values: sensitivity.grid.map((row) => [...row]),
  };
  if (sensitivity.x.base !== null && sensitivity.y.base !== null)
    chart.marker = { x: sensitivity.x.base, y: sensitivity.y.base, label: 'Base case' };
  if (sharePriceUsd !== undefined && sensitivity.metric === 'target') chart.midpoint = sharePriceUsd;
  return chart;
}

type HistoryRow = NetworkHistoryResult['rows'][number];
type Point = { date: string; value: number };

interface NetworkMetric {
  id: string;
  title: string;
  unit: string;
  logScale: boolean;
  history: (row: HistoryRow) => number | null;
  projection: string;
  start: (p: NetworkProjectionResult) => number;
}

const NETWORK_METRICS: NetworkMetric[] = [
  {
    id: 'hashrate',
    title: 'Network hashrate',
    unit: 'EH/s',
    logScale: false,
    history: (r) => r.hashrateEhs,
    projection: 'hashrateEhs',
    start: (p) => p.start.hashrateEhs,
  },
  {
    id: 'difficulty',
    title: 'Difficulty',
    unit: 'difficulty',
    logScale: true,
    history: (r) => r.epoch?.difficulty ?? r.difficultyMean,
    projection: 'difficulty',
    start: (p) => p.start.difficulty,
  },
  {
    id: 'hashprice',
    title: 'Hashprice',
    unit: 'USD/PH/day',
    logScale: false,
    history: (r) => r.hashpriceUsdPerPhDay,
    projection: 'hashpriceUsdPerPhDay',
    start: (p) => p.start.spotHashpriceUsdPerPhDay,
  },
];

/** The middle day of a period (a day stays itself; a week or quarter is drawn at its centre). */
function midDate(from: string, to: string): string {
  const a = parseIsoDay(from);
  const b = parseIsoDay(to);
  return a === undefined || b === undefined ? from : isoFromDay(Math.floor((a + b) / 2) as DayNumber);
}

/** A projected row's date: the middle of its days, or for epoch rows the day of the retarget that ends it. */
function projectionDate(row: ProjectionRowResult): string | undefined {
  if (row.from !== null && row.to !== null) return midDate(row.from, row.to);
  const time = row.metrics.retargetTimeS;
  return typeof time === 'number' ? isoFromDay(dayOfUnixS(time)) : undefined;
}

/** Deterministic values as they are; Monte Carlo rows by their mean. */
function projectedValue(value: ProjectionRowResult['metrics'][string] | undefined): number | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? value : value.mean;
}

/** A trailing mean over `window` points (fewer at the start): daily hashrate is published smoothed, never raw. */
function trailingMean(points: Point[], window: number): Point[] {
  return points.map((point, i) => {
    const slice = points.slice(Math.max(0, i - window + 1), i + 1);
    return { date: point.date, value: slice.reduce((sum, p) => sum + p.value, 0) / slice.length };
  });
}

const INTERVAL_NAMES: Record<string, string> = {
  day: 'daily',
  week: 'weekly mean',
  month: 'monthly mean',
  quarter: 'quarterly mean',
  epoch: 'by epoch',
};

/**
 * Hashrate (EH/s), difficulty (log scale) and hashprice (USD per PH/s per day): the history rows of
 * `rerate network history` drawn at the middle of each period (daily hashrate as a trailing 7-day mean), and the
 * projection rows of `rerate network project` dashed, starting from its chain state at the as-of date; markers at the
 * as-of date and at each halving the projection expects within its horizon.
 */
export function networkHistoryCharts(history: NetworkHistoryResult, projection: NetworkProjectionResult): LineChart[] {
  const markers: NonNullable<LineChart['markers']> = [{ date: projection.asOf, label: `As of ${projection.asOf}` }];
  for (const event of projection.events) {
    if (event.event === 'halving' && event.time !== null)
      markers.push({ date: event.time.slice(0, 10), label: `Halving (block ${event.height.toLocaleString('en-US')})` });
  }
  const modeName =
    projection.mode === 'deterministic'
      ? projection.scenario.name
      : `${projection.scenario.name}, mean of ${projection.paths.toLocaleString('en-US')} paths`;
  return NETWORK_METRICS.map((metric) => {
    let past: Point[] = [];
    for (const row of history.rows) {
      const value = metric.history(row);
      if (value !== null && Number.isFinite(value)) past.push({ date: midDate(row.from, row.to), value });
    }
    const smoothed = metric.id === 'hashrate' && history.interval === 'day';
    if (smoothed) past = trailingMean(past, 7);
    const future: Point[] = [{ date: projection.asOf, value: metric.start(projection) }];
    for (const row of projection.rows) {
      const date = projectionDate(row);
      const value = projectedValue(row.metrics[metric.projection]);
      if (date !== undefined && value !== null && date > projection.asOf) future.push({ date, value });
    }
    const chart: LineChart = {
      kind: 'line',
      id: `network-${metric.id}`,
      title: `${metric.title}: history ${history.from} to ${history.to}, projection to ${projection.to}`,
      unit: metric.unit,
      series: [
        {
          name:
            'History ' +
            `(${smoothed ? 'trailing 7-day mean' : (INTERVAL_NAMES[history.interval] ?? history.interval)})`,
          style: 'history',
          points: past,
        },
        { name: `Projection (${modeName})`, style: 'projection', points: future },
      ],
      markers: [...markers],
    };
    if (metric.logScale) chart.logScale = true;
    return chart;
  });
}

type DiffResult = z.output<typeof diffSchema>;

/** The unit of a run figure, from its name (figures are named with their unit: targetUsd, btcMined, upside). */
function metricUnit(metric: string): string {
  if (metric === 'targetUsd') return 'USD per share';
  if (metric.endsWith('Usd')) return 'USD';
  if (metric.startsWith('btc')) return 'BTC';
  if (metric === 'upside' || metric === 'networkShare') return 'fraction';
  return '';
}

/**
 * The revision of one figure between two saved runs (`rerate diff A B`) as a waterfall from zero: the change credited
 * to each driver in the order attribution substituted them (drivers that moved it by exactly zero left out), any part
 * recomputation did not reproduce (code changed since saving, or a step without the figure), and the total change
 * B − A. Undefined when the diff has no row for the figure (it did not change) or no attribution
 * (`attribution.reason` says why).
 */
export function attributionWaterfall(
  diff: DiffResult,
  ticker: string,
  metric = 'targetUsd',
): WaterfallChart | undefined {
  const row = diff.rows.find((r) => r.ticker === ticker && r.metric === metric);
  if (!diff.attribution.available || row === undefined || row.a === null || row.b === null) return undefined;
  const change = row.b - row.a;
  const labelOf = new Map(diff.drivers.map((d) => [d.driver, d.label]));
  const steps: WaterfallChart['steps'] = [];
  let attributed = 0;
  for (const driver of diff.attribution.order) {
    const contribution = row.contributions[driver];
    if (contribution === undefined || contribution === null || contribution === 0) continue;
    steps.push({ label: labelOf.get(driver) ?? driver, value: contribution });
    attributed += contribution;
  }
  const residual = change - attributed;
  if (Math.abs(residual) > 1e-9 * Math.max(1, Math.abs(row.a), Math.abs(row.b)))
    steps.push({ label: 'Not reproduced', value: residual });
  steps.push({ label: 'Total change', value: change, total: true });
  const figure = metric === 'targetUsd' ? 'price target' : metric;
  return {
    kind: 'waterfall',
    id: `attribution-${ticker}-${metric}`,
    title:
      `${ticker}: change in the ${figure}${row.period === 'valuation' ? '' : ` (${row.period})`} ` +
      `from run A (as of ${diff.runA.asOf}) to run B (as of ${diff.runB.asOf}), by driver`,
    unit: metricUnit(metric),
    steps,
  };
}

/**
 * The sensitivity grid of the note and the dashboard, centred on the base case: the BTC price from 50 % to 150 % of
 * the price the valuation starts from (9 values, steps of 12.5 %) and the network growth 30 points either side of the
 * base (7 values, steps of 10 points), as `sensitivity` axes (`INPUT=FROM:TO:STEP`).
 */
export function sensitivityAxesAround(
  btcPriceBaseUsd: number,
  networkGrowthBasePerYear: number,
): { x: string; y: string } {
  const step = Math.round(btcPriceBaseUsd * 0.125);
  const from = Math.round(btcPriceBaseUsd) - 4 * step;
  const growthFrom = Number((networkGrowthBasePerYear - 0.3).toFixed(4));
  const growthTo = Number((networkGrowthBasePerYear + 0.3).toFixed(4));
  return { x: `btc-price=${from}:${from + 8 * step}:${step}`, y: `network-growth=${growthFrom}:${growthTo}:0.1` };
}
