/**
 * Backtests of the projection engine against history (issue #3):
 *  (a) replay: from each quarter start, replay the realized daily hashrate through the engine and compare the
 *      difficulty of every retarget with the real one;
 *  (b) retarget forecasts: from the first N blocks of an epoch, forecast its retarget at the pace so far and compare
 *      with the realized change;
 *  (c) quarterly network BTC per EH/s per day forecast from the quarter start under simple growth rules fitted only
 *      on data before the start, against the realized value.
 * Pure: every function reads history and returns records.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from '../protocol/consensus-params.ts';
import { difficultyFromBits } from '../protocol/difficulty.ts';
import { calculateNextWorkRequired } from '../protocol/retarget.ts';
import { periodContaining } from '../units/calendar-period.ts';
import { dayStartUnixS, SECONDS_PER_DAY, type DayNumber } from '../units/calendar-day.ts';
import type { DailyNetworkMetrics } from './daily-metrics.ts';
import { aggregateHistory } from './history-aggregation.ts';
import { marketStartAt, realizedSeriesAfter } from './market-start.ts';
import { resolvePath } from './market-paths.ts';
import { projectDeterministic, type ProjectionSetup } from './monte-carlo.ts';
import { dayIndex, lastDay, type NetworkHistory } from './network-history.ts';

export interface ReplayEpochError {
  quarter: string;
  epoch: number;
  projectedDifficulty: number;
  realizedDifficulty: number;
  /** projected / realized − 1. */
  difficultyError: number;
  /**
   * Projected time of the retarget (the previous epoch's last block) minus the recorded time of the epoch's first
   * block, hours: about one block interval (−0.17 h) on average by construction; recorded times are derived after
   * 2025-01.
   */
  timeErrorHours: number;
}

/** (a) Replays realized hashrate from each quarter start in [firstQuarterDay, lastQuarterDay]. */
export function replayRealizedHashrate(
  history: NetworkHistory,
  metrics: DailyNetworkMetrics,
  quarterStarts: readonly DayNumber[],
): ReplayEpochError[] {
  const errors: ReplayEpochError[] = [];
  const { epochs } = history;
  for (const quarterStart of quarterStarts) {
    const asOf = (quarterStart - 1) as DayNumber;
    const quarter = periodContaining(quarterStart, 'quarter');
    const end = Math.min(quarter.endDayExclusive - 1, lastDay(history.daily));
    const dayCount = end - asOf;
    if (dayCount <= 0) continue;
    const start = marketStartAt(history, metrics, asOf);
    const realized = realizedSeriesAfter(history, metrics, asOf, dayCount);
    const setup: ProjectionSetup = {
      start: start.chain,
      paths: {
        dayCount,
        hashrateEhs: realized.hashrateEhs,
        feesPerBlockBtc: realized.feesPerBlockBtc,
        feeShareOfRewards: new Float64Array(dayCount).fill(NaN),
        priceUsd: realized.priceUsd,
      },
      volatility: { hashratePerYear: 0, pricePerYear: 0 },
      response: null,
    };
    const path = projectDeterministic(setup);
    for (let r = 0; r < path.retargetCount; r++) {
      const epoch = (path.retargetHeight[r] as number) / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS;
      if (epoch >= epochs.count) break;
      const realizedDifficulty = epochs.difficulty[epoch] as number;
      const projectedDifficulty = path.retargetDifficulty[r] as number;
      errors.push({
        quarter: quarter.label,
        epoch,
        projectedDifficulty,
        realizedDifficulty,
        difficultyError: projectedDifficulty / realizedDifficulty - 1,
        timeErrorHours: ((path.retargetTimeS[r] as number) - (epochs.startTimeUnixS[epoch] as number)) / 3600,
      });
    }
  }
  return errors;
}

export interface RetargetForecastError {
  epoch: number;
  blocksObserved: number;
  forecastChangePct: number;
  realizedChangePct: number;
  /** Forecast minus realized change, percentage points. */
  errorPp: number;
}

/**
 * (b) For each epoch in [firstEpoch, lastEpoch] whose start and next start are header times, forecast the retarget
 * from the first N blocks at the pace so far (timespan = mean interval × 2015, exact rule). The time of block
 * start + N comes from the daily block counts, interpolated linearly within its day.
 */
export function forecastRetargetsFromFirstBlocks(
  history: NetworkHistory,
  firstEpoch: number,
  lastEpoch: number,
  blocksObserved: readonly number[],
): RetargetForecastError[] {
  const { epochs } = history;
  const results: RetargetForecastError[] = [];
  for (let k = firstEpoch; k <= lastEpoch && k + 1 < epochs.count; k++) {
    if (epochs.startTimeDerived[k] === 1 || epochs.startTimeDerived[k + 1] === 1) continue;
    const startHeight = epochs.startHeight[k] as number;
    const startTimeS = epochs.startTimeUnixS[k] as number;
    const realizedChangePct = 100 * ((epochs.difficulty[k + 1] as number) / (epochs.difficulty[k] as number) - 1);
    for (const n of blocksObserved) {
      const timeS = timeOfHeight(history, startHeight + n);
      if (Number.isNaN(timeS) || timeS <= startTimeS) continue;
      const retarget = calculateNextWorkRequired({
        lastBits: epochs.bits[k] as number,
        firstBlockTimeS: startTimeS,
        lastBlockTimeS:
          startTimeS + Math.round(((timeS - startTimeS) / n) * (DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - 1)),
      });
      const forecastChangePct = 100 * (difficultyFromBits(retarget.bits) / (epochs.difficulty[k] as number) - 1);
      results.push({
        epoch: k,
        blocksObserved: n,
        forecastChangePct,
        realizedChangePct,
        errorPp: forecastChangePct - realizedChangePct,
      });
    }
  }
  return results;
}

/** Time a height was reached, interpolating linearly within the day whose blocks include it; NaN outside the data. */
function timeOfHeight(history: NetworkHistory, height: number): number {
  const { tipHeight, blocks, firstDay, dayCount } = history.daily;
  let low = 0;
  let high = dayCount - 1;
  if ((tipHeight[high] as number) < height) return NaN;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((tipHeight[mid] as number) >= height) high = mid;
    else low = mid + 1;
  }
  const dayBlocks = blocks[low] as number;
  const before = (tipHeight[low] as number) - dayBlocks;
  const fraction = dayBlocks > 0 ? (height - before) / dayBlocks : 1;
  return dayStartUnixS((firstDay + low) as DayNumber) + fraction * SECONDS_PER_DAY;
}

export const GROWTH_RULES = ['flat', 'trailing-90d', 'trailing-365d'] as const;
export type GrowthRule = (typeof GROWTH_RULES)[number];

export interface QuarterForecastError {
  quarter: string;
  rule: GrowthRule;
  /** Hashrate growth fitted on data before the quarter, per year. */
  fittedGrowthPerYear: number;
  forecastBtcPerEhDay: number;
  realizedBtcPerEhDay: number;
  /** forecast / realized − 1. */
  error: number;
}

/**
 * (c) From each quarter start, forecast the quarter's network BTC/EH/day: hashrate from the start estimate
 * (start-hashrate.ts), growing at a rate fitted on the 30-day hashrate before the start (flat; log growth over the
 * trailing 90 or 365 days), fees flat at the trailing 28-day mean. Compared with the realized quarterly value.
 */
export function forecastQuarterlyBtcPerEh(
  history: NetworkHistory,
  metrics: DailyNetworkMetrics,
  quarterStarts: readonly DayNumber[],
): QuarterForecastError[] {
  const results: QuarterForecastError[] = [];
  for (const quarterStart of quarterStarts) {
    const asOf = (quarterStart - 1) as DayNumber;
    const quarter = periodContaining(quarterStart, 'quarter');
    const end = (quarter.endDayExclusive - 1) as DayNumber;
    if (end > lastDay(history.daily)) continue;
    const dayCount = end - asOf;
    const start = marketStartAt(history, metrics, asOf);
    const [realized] = aggregateHistory(history, metrics, quarterStart, end, 'quarter');
    if (!realized) continue;
    const i = dayIndex(history.daily, asOf);
    for (const rule of GROWTH_RULES) {
      const fittedGrowthPerYear =
        rule === 'flat' ? 0 : fittedGrowth(metrics.hashrate30dEhs, i, rule === 'trailing-90d' ? 90 : 365);
      const hashrate = resolvePath(
        { kind: 'growth', ratePerYear: fittedGrowthPerYear },
        start.hashrateEhs,
        asOf,
        dayCount,
      );
      const setup: ProjectionSetup = {
        start: start.chain,
        paths: {
          dayCount,
          hashrateEhs: hashrate,
          feesPerBlockBtc: new Float64Array(dayCount).fill(start.feesPerBlockBtc),
          feeShareOfRewards: new Float64Array(dayCount).fill(NaN),
          priceUsd: new Float64Array(dayCount).fill(1),
        },
        volatility: { hashratePerYear: 0, pricePerYear: 0 },
        response: null,
      };
      const path = projectDeterministic(setup);
      let revenue = 0;
      let hashrateSum = 0;
      for (let d = 0; d < dayCount; d++) {
        revenue += (path.issuanceBtc[d] as number) + (path.feesBtc[d] as number);
        hashrateSum += path.hashrateEhs[d] as number;
      }
      const forecastBtcPerEhDay = revenue / hashrateSum;
      results.push({
        quarter: quarter.label,
        rule,
        fittedGrowthPerYear,
        forecastBtcPerEhDay,
        realizedBtcPerEhDay: realized.networkBtcPerEhDay,
        error: forecastBtcPerEhDay / realized.networkBtcPerEhDay - 1,
      });
    }
  }
  return results;
}

/** Annualized compound growth of a series over the trailing `days` ending at index `end`. */
function fittedGrowth(series: Float64Array, end: number, days: number): number {
  const ratio = (series[end] as number) / (series[Math.max(0, end - days)] as number);
  return Math.pow(ratio, 365.25 / days) - 1;
}
