/**
 * Reading a simulated path as report rows: calendar periods (day, quarter — fixed across Monte Carlo paths) or the
 * k-th future retarget (its date varies by path). Each row yields the same metrics in every mode, so a Monte Carlo
 * summary is row by row, metric by metric.
 */
import { periodContaining } from '../units/calendar-period.ts';
import { dayStartUnixS, SECONDS_PER_DAY, type DayNumber } from '../units/calendar-day.ts';
import type { SimulatedPath } from './projection-stepper.ts';

export type ProjectionInterval = 'day' | 'epoch' | 'quarter';
export const PROJECTION_INTERVALS = ['day', 'epoch', 'quarter'] as const;

export const CALENDAR_METRICS = [
  'blocks',
  'issuanceBtc',
  'feesBtc',
  'difficulty',
  'hashrateEhs',
  'priceUsd',
  'btcPerEhDay',
  'hashpriceUsdPerPhDay',
  'endHeight',
] as const;
export type CalendarMetric = (typeof CALENDAR_METRICS)[number];

/** Per epoch, for the epoch that ends at each projected retarget (the first one from the as-of date only). */
export const EPOCH_METRICS = [
  'retargetTimeS',
  'difficulty',
  'changePct',
  'meanBlockIntervalS',
  'blocks',
  'issuanceBtc',
  'feesBtc',
  'hashrateEhs',
  'btcPerEhDay',
  'hashpriceUsdPerPhDay',
] as const;
export type EpochMetric = (typeof EPOCH_METRICS)[number];
/** The first three epoch metrics: all that the dates and difficulties of future retargets need. */
export const RETARGET_EVENT_METRICS = ['retargetTimeS', 'difficulty', 'changePct'] as const;

export interface CalendarRow {
  label: string;
  /** Projected day indexes [first, last] (0 = the day after as-of). */
  firstDay: number;
  lastDay: number;
  /** False when the horizon cuts the period short. */
  complete: boolean;
}

export type RowLayout =
  | { interval: 'day' | 'quarter'; rows: CalendarRow[]; metrics: typeof CALENDAR_METRICS }
  | {
      interval: 'epoch';
      /** Unix s at the end of the as-of day: where the first (partial) epoch row starts. */
      startTimeS: number;
      rows: { label: string; retargetIndex: number; height: number; complete: boolean }[];
      metrics: typeof EPOCH_METRICS | typeof RETARGET_EVENT_METRICS;
    };

/**
 * Calendar rows for the projected days; for epochs, one row per retarget of `reference` (the expected path), and for
 * `retarget-events` the same rows with only the metrics that future retargets need.
 */
export function rowLayout(
  interval: ProjectionInterval | 'retarget-events',
  asOfDay: DayNumber,
  dayCount: number,
  reference: SimulatedPath,
): RowLayout {
  if (interval === 'epoch' || interval === 'retarget-events') {
    const rows = [];
    for (let r = 0; r < reference.retargetCount; r++) {
      const height = reference.retargetHeight[r] as number; // the first height of the next epoch
      rows.push({ label: `epoch ${height / 2016 - 1}`, retargetIndex: r, height, complete: r > 0 });
    }
    const metrics = interval === 'epoch' ? EPOCH_METRICS : RETARGET_EVENT_METRICS;
    return { interval: 'epoch', startTimeS: dayStartUnixS(asOfDay) + SECONDS_PER_DAY, rows, metrics };
  }
  const rows: CalendarRow[] = [];
  for (let d = 0; d < dayCount; d++) {
    const period = periodContaining((asOfDay + 1 + d) as DayNumber, interval);
    const last = rows[rows.length - 1];
    if (last && last.label === period.label) last.lastDay = d;
    else rows.push({ label: period.label, firstDay: d, lastDay: d, complete: period.startDay === asOfDay + 1 + d });
  }
  const final = rows[rows.length - 1];
  if (final) {
    const period = periodContaining((asOfDay + 1 + final.lastDay) as DayNumber, interval);
    final.complete &&= period.endDayExclusive === asOfDay + 2 + final.lastDay;
  }
  return { interval, rows, metrics: CALENDAR_METRICS };
}

/** Writes the row × metric values of `path` into `out` (row-major: out[row * metrics + metric]). */
export function readRows(
  path: SimulatedPath,
  layout: RowLayout,
  previousDifficulty: number,
  out: Float64Array,
): Float64Array {
  const metricCount = layout.metrics.length;
  if (layout.interval === 'epoch') {
    for (let index = 0; index < layout.rows.length; index++) {
      const r = (layout.rows[index] as { retargetIndex: number }).retargetIndex;
      const base = index * metricCount;
      if (r >= path.retargetCount) {
        out.fill(NaN, base, base + metricCount);
        continue;
      }
      const before = r === 0 ? previousDifficulty : (path.retargetDifficulty[r - 1] as number);
      const difficulty = path.retargetDifficulty[r] as number;
      const endS = path.retargetTimeS[r] as number;
      const startS = r === 0 ? layout.startTimeS : (path.retargetTimeS[r - 1] as number);
      const ehDays = (path.epochHashrateSeconds[r] as number) / SECONDS_PER_DAY;
      const issuance = path.epochIssuanceBtc[r] as number;
      const fees = path.epochFeesBtc[r] as number;
      out[base] = endS;
      out[base + 1] = difficulty;
      out[base + 2] = 100 * (difficulty / before - 1);
      if (metricCount === RETARGET_EVENT_METRICS.length) continue;
      out[base + 3] = r === 0 ? NaN : (endS - startS) / 2016;
      out[base + 4] = path.epochBlocks[r] as number;
      out[base + 5] = issuance;
      out[base + 6] = fees;
      out[base + 7] = (path.epochHashrateSeconds[r] as number) / (endS - startS);
      out[base + 8] = (issuance + fees) / ehDays;
      out[base + 9] = (path.epochRevenueUsd[r] as number) / (ehDays * 1000);
    }
    return out;
  }
  layout.rows.forEach((row, index) => {
    let blocks = 0;
    let issuance = 0;
    let fees = 0;
    let work = 0;
    let hashrate = 0;
    let price = 0;
    let hashprice = 0;
    for (let d = row.firstDay; d <= row.lastDay; d++) {
      blocks += path.blocks[d] as number;
      issuance += path.issuanceBtc[d] as number;
      fees += path.feesBtc[d] as number;
      work += path.difficultyWork[d] as number;
      hashrate += path.hashrateEhs[d] as number;
      price += path.priceUsd[d] as number;
      hashprice += (path.revenueUsd[d] as number) / ((path.hashrateEhs[d] as number) * 1000);
    }
    const days = row.lastDay - row.firstDay + 1;
    const base = index * metricCount;
    out[base] = blocks;
    out[base + 1] = issuance;
    out[base + 2] = fees;
    out[base + 3] = work / blocks;
    out[base + 4] = hashrate / days;
    out[base + 5] = price / days;
    out[base + 6] = (issuance + fees) / ((hashrate / days) * days);
    out[base + 7] = hashprice / days;
    out[base + 8] = path.endHeight[row.lastDay] as number;
  });
  return out;
}
