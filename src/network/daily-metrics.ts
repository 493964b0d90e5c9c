/**
 * Derived daily network metrics for every day of history: subsidy and fees per block, hashrate estimates
 * (1, 7 and 30 days) and hashvalue/hashprice. One pass over typed arrays, O(days).
 */
import { issuanceSatsBetween, blockSubsidySats } from '../protocol/subsidy.ts';
import { SECONDS_PER_DAY } from '../units/calendar-day.ts';
import { btcFromSats, HASHES_PER_EH } from '../units/quantities.ts';
import { feesPerBlockWithImputation } from './fee-imputation.ts';
import { hashpriceUsdPerPhDay, hashvalueBtcPerPhDay, HASHES_PER_DIFFICULTY } from './hashprice.ts';
import type { DailyNetworkSeries } from './network-history.ts';

export interface DailyNetworkMetrics {
  /**
   * Mean block subsidy of the day's blocks by the protocol schedule, BTC (the next block's on a day without blocks).
   */
  subsidyPerBlockBtc: Float64Array;
  /** Fees per block, BTC (imputed where flagged). */
  feesPerBlockBtc: Float64Array;
  feesImputed: Uint8Array;
  /** Hashrate estimates from difficulty and blocks, EH/s: the day alone, and trailing 7- and 30-day windows. */
  hashrate1dEhs: Float64Array;
  hashrate7dEhs: Float64Array;
  hashrate30dEhs: Float64Array;
  hashvalueBtcPerPhDay: Float64Array;
  hashpriceUsdPerPhDay: Float64Array;
}

export function computeDailyNetworkMetrics(daily: DailyNetworkSeries): DailyNetworkMetrics {
  const n = daily.dayCount;
  const { blocks, tipHeight, difficulty, priceUsd } = daily;
  const subsidyPerBlockBtc = new Float64Array(n);
  const hashvalue = new Float64Array(n);
  const hashprice = new Float64Array(n);
  const { feesPerBlockBtc, imputed } = feesPerBlockWithImputation(blocks, daily.feesBtc);

  for (let i = 0; i < n; i++) {
    const dayBlocks = blocks[i] as number;
    const tip = tipHeight[i] as number;
    subsidyPerBlockBtc[i] =
      dayBlocks > 0
        ? btcFromSats(issuanceSatsBetween(tip - dayBlocks + 1, tip)) / dayBlocks
        : btcFromSats(blockSubsidySats(tip + 1));
    const value =
      dayBlocks > 0
        ? hashvalueBtcPerPhDay(difficulty[i] as number, subsidyPerBlockBtc[i] as number, feesPerBlockBtc[i] as number)
        : NaN;
    hashvalue[i] = value;
    hashprice[i] = hashpriceUsdPerPhDay(value, priceUsd[i] as number);
  }

  return {
    subsidyPerBlockBtc,
    feesPerBlockBtc,
    feesImputed: imputed,
    hashrate1dEhs: trailingHashrateEhs(blocks, difficulty, 1),
    hashrate7dEhs: trailingHashrateEhs(blocks, difficulty, 7),
    hashrate30dEhs: trailingHashrateEhs(blocks, difficulty, 30),
    hashvalueBtcPerPhDay: hashvalue,
    hashpriceUsdPerPhDay: hashprice,
  };
}

/**
 * Hashrate over the trailing `windowDays` days ending on each day: the work done (Σ blocks × D × 2^32) over the
 * window's seconds — the mean of the daily estimates H = blocks × D × 2^32 / 86400, as Coin Metrics computes
 * them. The first days of history average over the days available.
 */
export function trailingHashrateEhs(blocks: Float64Array, difficulty: Float64Array, windowDays: number): Float64Array {
  const n = blocks.length;
  const out = new Float64Array(n);
  let windowWork = 0; // Σ blocks × D over the window
  for (let i = 0; i < n; i++) {
    windowWork += workUnits(blocks, difficulty, i);
    if (i >= windowDays) windowWork -= workUnits(blocks, difficulty, i - windowDays);
    const days = Math.min(i + 1, windowDays);
    out[i] = (windowWork * HASHES_PER_DIFFICULTY) / (days * SECONDS_PER_DAY) / HASHES_PER_EH;
  }
  return out;
}

function workUnits(blocks: Float64Array, difficulty: Float64Array, i: number): number {
  const dayBlocks = blocks[i] as number;
  return dayBlocks > 0 ? dayBlocks * (difficulty[i] as number) : 0;
}
