/**
 * Where a projection starts, read from history up to and including the as-of day and nothing after it: the chain
 * state, the default starting values of the paths, and realized volatilities for Monte Carlo defaults. And, for
 * backtests only, the realized series after the as-of day (which replay history on purpose).
 */
import { dayStartUnixS, SECONDS_PER_DAY, type DayNumber } from '../units/calendar-day.ts';
import type { DailyNetworkMetrics } from './daily-metrics.ts';
import { FEE_IMPUTATION_WINDOW_DAYS } from './fee-imputation.ts';
import { dayIndex, epochOfHeight, lastPricedIndex, type NetworkHistory } from './network-history.ts';
import { networkStatusAt } from './network-status.ts';
import type { ChainState } from './projection-inputs.ts';
import { robustStartHashrateEhs } from './start-hashrate.ts';

export interface MarketStart {
  chain: ChainState;
  /**
   * Hashrate the projection starts from, EH/s: the mean of the two highest of the four trailing weekly means, robust
   * to a curtailment week (start-hashrate.ts).
   */
  hashrateEhs: number;
  /** Trailing 7-day hashrate estimate, EH/s (exposed to a curtailment week; shown beside the start). */
  hashrate7dEhs: number;
  /** Spot hashvalue at the end of the as-of day, BTC per PH/s per day (next block's difficulty and subsidy). */
  spotHashvalueBtcPerPhDay: number;
  /** The as-of day's price, or the last known before it, USD (NaN before prices exist). */
  priceUsd: number;
  /** The day `priceUsd` is from: the as-of day, or an earlier one when the data has no newer price. */
  priceDay: DayNumber;
  /** Mean fee per block over the trailing 28 days, BTC, and how many of those days had imputed fees. */
  feesPerBlockBtc: number;
  feesImputedDays: number;
  /** Annualized volatility of daily log price changes over the trailing 365 days (NaN without prices). */
  priceVolatilityPerYear: number;
  /** Annualized volatility of 30-day log changes of the 30-day hashrate over the trailing 365 days. */
  hashrateVolatilityPerYear: number;
}

const VOLATILITY_WINDOW_DAYS = 365;
const DAYS_PER_YEAR = 365.25;

export function marketStartAt(history: NetworkHistory, metrics: DailyNetworkMetrics, asOfDay: DayNumber): MarketStart {
  const { daily, epochs } = history;
  const i = dayIndex(daily, asOfDay);
  if (i < 0) throw new RangeError(`day ${asOfDay} is outside the history`);
  const status = networkStatusAt(history, metrics, asOfDay);
  const priced = lastPricedIndex(daily, i);
  const tipHeight = daily.tipHeight[i] as number;
  const epoch = epochOfHeight(tipHeight);
  // When the data's clocks put the tip in an epoch before its recorded start, the epoch is taken to start now.
  const endOfDayS = dayStartUnixS(asOfDay) + SECONDS_PER_DAY;
  const epochStartTimeS = Math.min(epochs.startTimeUnixS[epoch] as number, endOfDayS);

  let fees = 0;
  let blocks = 0;
  let feesImputedDays = 0;
  for (let d = Math.max(0, i - FEE_IMPUTATION_WINDOW_DAYS + 1); d <= i; d++) {
    const dayBlocks = daily.blocks[d] as number;
    if (!(dayBlocks > 0)) continue;
    fees += (metrics.feesPerBlockBtc[d] as number) * dayBlocks;
    blocks += dayBlocks;
    feesImputedDays += metrics.feesImputed[d] as number;
  }

  return {
    chain: {
      asOfDay,
      tipHeight,
      epochStartHeight: epochs.startHeight[epoch] as number,
      epochStartTimeS,
      bits: epochs.bits[epoch] as number,
      spotHashpriceUsdPerPhDay: status.spot.hashpriceUsdPerPhDay,
    },
    hashrateEhs: robustStartHashrateEhs(metrics.hashrate7dEhs, i),
    hashrate7dEhs: metrics.hashrate7dEhs[i] as number,
    spotHashvalueBtcPerPhDay: status.spot.hashvalueBtcPerPhDay,
    priceUsd: priced < 0 ? NaN : (daily.priceUsd[priced] as number),
    priceDay: (daily.firstDay + (priced < 0 ? i : priced)) as DayNumber,
    feesPerBlockBtc: blocks > 0 ? fees / blocks : 0,
    feesImputedDays,
    priceVolatilityPerYear: logChangeVolatility(daily.priceUsd, i, 1),
    hashrateVolatilityPerYear: logChangeVolatility(metrics.hashrate30dEhs, i, 30),
  };
}

/** Annualized standard deviation of log(x[t] / x[t − lag]) over the trailing window ending at index `end`. */
function logChangeVolatility(series: Float64Array, end: number, lag: number): number {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let t = Math.max(lag, end - VOLATILITY_WINDOW_DAYS + 1); t <= end; t++) {
    const change = Math.log((series[t] as number) / (series[t - lag] as number));
    if (!Number.isFinite(change)) continue;
    n++;
    sum += change;
    sumSquares += change * change;
  }
  if (n < 2) return NaN;
  const variance = (sumSquares - (sum * sum) / n) / (n - 1);
  return Math.sqrt((variance * DAYS_PER_YEAR) / lag);
}

export interface RealizedSeries {
  hashrateEhs: Float64Array;
  feesPerBlockBtc: Float64Array;
  priceUsd: Float64Array;
}

/**
 * History for days asOf+1 … asOf+dayCount, for backtests that replay what happened. Hashrate is the daily estimate
 * from blocks and difficulty, which replays each day's block count exactly at that day's difficulty.
 */
export function realizedSeriesAfter(
  history: NetworkHistory,
  metrics: DailyNetworkMetrics,
  asOfDay: DayNumber,
  dayCount: number,
): RealizedSeries {
  const first = dayIndex(history.daily, asOfDay) + 1;
  if (first <= 0 || first + dayCount > history.daily.dayCount) {
    throw new RangeError('the realized series does not cover the projection');
  }
  return {
    hashrateEhs: metrics.hashrate1dEhs.slice(first, first + dayCount),
    feesPerBlockBtc: metrics.feesPerBlockBtc.slice(first, first + dayCount),
    priceUsd: history.daily.priceUsd.slice(first, first + dayCount),
  };
}
