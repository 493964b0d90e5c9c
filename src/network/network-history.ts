/**
 * Chain and market history as typed daily series indexed by day, plus the table of difficulty epochs.
 * Index i of every daily array is the UTC day `firstDay + i`.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from '../protocol/consensus-params.ts';
import type { DayNumber } from '../units/calendar-day.ts';

export interface DailyNetworkSeries {
  firstDay: DayNumber;
  dayCount: number;
  /** Blocks mined in the day (the genesis block is not counted, so tip height = cumulative count). */
  blocks: Float64Array;
  /** Height of the last block at the end of the day (0 until block 1). */
  tipHeight: Float64Array;
  /** Mean difficulty of the day's blocks; NaN on a day without blocks. */
  difficulty: Float64Array;
  /** Daily reference price, USD per BTC; NaN where unknown (before July 2010). */
  priceUsd: Float64Array;
  /** Transaction fees paid to miners in the day, BTC; NaN where unknown. */
  feesBtc: Float64Array;
  /** New coins issued in the day, BTC. */
  issuanceBtc: Float64Array;
  /** Index into `sources` of each day's data source (blocks, difficulty, fees, issuance). */
  sourceIndex: Uint8Array;
  /** Index into `sources` of each day's price source. */
  priceSourceIndex: Uint8Array;
  sources: readonly string[];
}

/** One row per difficulty epoch k (heights 2016k … 2016k+2015). */
export interface DifficultyEpochs {
  count: number;
  startHeight: Float64Array;
  /** Compact target (nBits) in force for the epoch. */
  bits: Uint32Array;
  /** Header time of the epoch's first block, unix seconds. */
  startTimeUnixS: Float64Array;
  /** 1 where the start time is derived (estimated) rather than read from a header. */
  startTimeDerived: Uint8Array;
  /** Difficulty of the epoch, from its bits. */
  difficulty: Float64Array;
}

export interface NetworkHistory {
  daily: DailyNetworkSeries;
  epochs: DifficultyEpochs;
}

/** Index of `day` in the daily series, or -1 when the day is outside it. */
export function dayIndex(series: DailyNetworkSeries, day: DayNumber): number {
  const index = day - series.firstDay;
  return index >= 0 && index < series.dayCount ? index : -1;
}

export function lastDay(series: DailyNetworkSeries): DayNumber {
  return (series.firstDay + series.dayCount - 1) as DayNumber;
}

/** The epoch index containing `height` (heights are split into epochs of 2016 blocks). */
export function epochOfHeight(height: number): number {
  return Math.floor(height / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS);
}

/**
 * Index of the last day at or before `index` with a known price, or -1 when none. Days after the newest price (a
 * refresh whose price sources failed) are valued at that last known price, and say so in a warning.
 */
export function lastPricedIndex(series: DailyNetworkSeries, index: number): number {
  for (let i = index; i >= 0; i--) if (!Number.isNaN(series.priceUsd[i] as number)) return i;
  return -1;
}
