/**
 * The network as a company estimate needs it, one value per day over a span: history up to and including the as-of
 * day, the network projection after it (DESIGN.md §5: nothing after `asOf` is read from history). Typed arrays
 * indexed by day − firstDay.
 */
import type { DailyNetworkMetrics } from '../network/daily-metrics.ts';
import { dayIndex, lastPricedIndex, type NetworkHistory } from '../network/network-history.ts';
import type { SimulatedPath } from '../network/projection-stepper.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import { HASHES_PER_EH } from '../units/quantities.ts';
import { HASHES_PER_DIFFICULTY } from '../network/hashprice.ts';
import { SECONDS_PER_DAY } from '../units/calendar-day.ts';

export interface NetworkDays {
  firstDay: DayNumber;
  dayCount: number;
  /** Index of the first projected day (dayCount when the span ends on or before the as-of day). */
  firstProjectedIndex: number;
  /**
   * BTC one EH/s earns in the day before pool fees: 1e18 × 86400 / (D × 2^32) × (subsidy + fees per block), each
   * block at its own difficulty and subsidy (DESIGN.md §5).
   */
  btcPerEhDay: Float64Array;
  priceUsd: Float64Array;
  /** Network hashrate, EH/s: from the day's blocks and difficulty in history, the path's in the projection. */
  networkHashrateEhs: Float64Array;
  /** Subsidy plus fees paid to all miners in the day, BTC. */
  networkRewardBtc: Float64Array;
  /** Of which fees, BTC. */
  networkFeesBtc: Float64Array;
  /** 1 on history days whose fees are imputed (the data has none for them). */
  feesImputed: Uint8Array;
}

/**
 * Joins history (days ≤ asOfDay) and the projection (`projected` day 0 is asOfDay + 1) over [firstDay, lastDay].
 * History must cover [firstDay, min(asOfDay, lastDay)] and the projection the days after asOfDay up to lastDay.
 */
export function joinNetworkDays(
  history: NetworkHistory,
  metrics: DailyNetworkMetrics,
  asOfDay: DayNumber,
  projected: SimulatedPath | undefined,
  firstDay: DayNumber,
  lastDay: DayNumber,
): NetworkDays {
  const dayCount = lastDay - firstDay + 1;
  if (dayCount <= 0) throw new RangeError('an empty span of days');
  const btcPerEhDay = new Float64Array(dayCount);
  const priceUsd = new Float64Array(dayCount);
  const networkHashrateEhs = new Float64Array(dayCount);
  const networkRewardBtc = new Float64Array(dayCount);
  const networkFeesBtc = new Float64Array(dayCount);
  const feesImputed = new Uint8Array(dayCount);
  const { daily } = history;
  const historyDays = Math.max(0, Math.min(dayCount, asOfDay - firstDay + 1));
  const historyStart = dayIndex(daily, firstDay);
  if (historyDays > 0 && (historyStart < 0 || dayIndex(daily, (firstDay + historyDays - 1) as DayNumber) < 0)) {
    throw new RangeError('history does not cover the span up to the as-of day');
  }
  const rewardPerEhDayPerDifficulty = (HASHES_PER_EH * SECONDS_PER_DAY) / HASHES_PER_DIFFICULTY;
  // A day after the newest price carries the last known price (NaN before prices exist).
  const priced = historyDays > 0 ? lastPricedIndex(daily, historyStart - 1) : -1;
  let lastPriceUsd = priced < 0 ? NaN : (daily.priceUsd[priced] as number);
  for (let i = 0; i < historyDays; i++) {
    const h = historyStart + i;
    const blocks = daily.blocks[h] as number;
    const rewardPerBlock = (metrics.subsidyPerBlockBtc[h] as number) + (metrics.feesPerBlockBtc[h] as number);
    btcPerEhDay[i] = blocks > 0 ? (rewardPerEhDayPerDifficulty / (daily.difficulty[h] as number)) * rewardPerBlock : 0;
    if (!Number.isNaN(daily.priceUsd[h] as number)) lastPriceUsd = daily.priceUsd[h] as number;
    priceUsd[i] = lastPriceUsd;
    networkHashrateEhs[i] = blocks > 0 ? (metrics.hashrate1dEhs[h] as number) : 0;
    networkRewardBtc[i] = blocks * rewardPerBlock;
    networkFeesBtc[i] = blocks * (metrics.feesPerBlockBtc[h] as number);
    feesImputed[i] = metrics.feesImputed[h] as number;
  }
  const projectedDays = dayCount - historyDays;
  if (projectedDays > 0) {
    // index into the projection of the span's first projected day
    const offset = firstDay + historyDays - (asOfDay + 1);
    if (!projected || offset < 0 || offset + projectedDays > projected.dayCount) {
      throw new RangeError('the projection does not cover the span after the as-of day');
    }
    for (let i = historyDays; i < dayCount; i++) {
      const p = offset + i - historyDays;
      const reward = (projected.issuanceBtc[p] as number) + (projected.feesBtc[p] as number);
      const hashrate = projected.hashrateEhs[p] as number;
      // Σ over the day's blocks of reward ÷ network hashrate = the D-based formula block by block.
      btcPerEhDay[i] = hashrate > 0 ? reward / hashrate : 0;
      priceUsd[i] = projected.priceUsd[p] as number;
      networkHashrateEhs[i] = hashrate;
      networkRewardBtc[i] = reward;
      networkFeesBtc[i] = projected.feesBtc[p] as number;
    }
  }
  return {
    firstDay,
    dayCount,
    firstProjectedIndex: historyDays,
    btcPerEhDay,
    priceUsd,
    networkHashrateEhs,
    networkRewardBtc,
    networkFeesBtc,
    feesImputed,
  };
}
