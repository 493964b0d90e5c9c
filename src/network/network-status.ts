/**
 * The state of the network at the end of a day of history: where the chain is in its difficulty epoch and
 * halving era, the next retarget and halving as estimated then, and the day's hashrate, fees, price, hashvalue and
 * hashprice (spot at the end of the day, and realized over the day). Reads nothing after `asOf`.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from '../protocol/consensus-params.ts';
import { calculateNextWorkRequired, type RetargetClamp } from '../protocol/retarget.ts';
import { blockSubsidySats, nextHalvingHeight } from '../protocol/subsidy.ts';
import { difficultyFromBits } from '../protocol/difficulty.ts';
import { dayStartUnixS, SECONDS_PER_DAY, type DayNumber } from '../units/calendar-day.ts';
import { btcFromSats, HASHES_PER_EH } from '../units/quantities.ts';
import type { DailyNetworkMetrics } from './daily-metrics.ts';
import {
  btcPerEhDayFromHashvalue,
  HASHES_PER_DIFFICULTY,
  hashpriceUsdPerPhDay,
  hashvalueBtcPerPhDay,
} from './hashprice.ts';
import { dayIndex, epochOfHeight, type NetworkHistory } from './network-history.ts';

export interface RetargetEstimate {
  /**
   * `observed-and-hashrate`: the epoch's intervals so far as observed, the rest at the trailing 7-day hashrate;
   * `hashrate-only`: the day's block count and the epoch's start time disagree (the data's clocks differ by up
   * to a day at epoch boundaries), so every interval is projected from the 7-day hashrate.
   */
  basis: 'observed-and-hashrate' | 'hashrate-only';
  /** Intervals observed since the epoch's first block (0 when hashrate-only). */
  observedIntervals: number;
  /** Mean observed interval, s; NaN when none is observed. */
  meanObservedIntervalS: number;
  /** Expected interval for the blocks to come: D × 2^32 / (7-day hashrate), s. */
  projectedIntervalS: number;
  /** Projected time from the epoch's first to its last block (the 2015 intervals the rule measures), s. */
  projectedTimespanS: number;
  /** Height at which the next retarget applies. */
  retargetHeight: number;
  /** Estimated time of the retarget block, unix s. */
  estimatedTimeUnixS: number;
  estimatedBits: number;
  estimatedDifficulty: number;
  estimatedChangePct: number;
  clamp: RetargetClamp;
}

export interface HalvingOutlook {
  nextHeight: number;
  blocksRemaining: number;
  subsidyNowBtc: number;
  subsidyAfterBtc: number;
  /** Mean block interval over the trailing 30 days, s: the pace the estimate assumes. */
  meanBlockInterval30dS: number;
  estimatedTimeUnixS: number;
}

export interface NetworkStatus {
  asOfDay: DayNumber;
  tipHeight: number;
  blocksInDay: number;
  epoch: {
    index: number;
    startHeight: number;
    startTimeUnixS: number;
    startTimeDerived: boolean;
    bits: number;
    difficulty: number;
    /** Blocks of the epoch mined by the end of the day, including its first block. */
    blocksMined: number;
    blocksRemaining: number;
    progressPct: number;
  };
  retarget: RetargetEstimate;
  halving: HalvingOutlook;
  hashrate7dEhs: number;
  hashrate30dEhs: number;
  difficultyOfDay: number;
  feesBtc: number;
  feesPerBlockBtc: number;
  feesImputed: boolean;
  /** Fees as a share of the day's miner rewards, %. */
  feeSharePct: number;
  /** Fees as a share of rewards over the trailing 7 days, %. */
  feeShare7dPct: number;
  /** NaN where the source has no price for the day. */
  priceUsd: number;
  /**
   * Spot values at the end of the day, as Luxor's hashprice index defines them: the difficulty and subsidy in
   * force for the next block, the day's fees per block (≈ the trailing 144-block average), the day's price.
   */
  spot: {
    difficulty: number;
    subsidyBtc: number;
    hashvalueBtcPerPhDay: number;
    hashpriceUsdPerPhDay: number;
    networkBtcPerEhDay: number;
  };
  /** Realized over the day's blocks: mean difficulty and subsidy of the day's blocks (what miners earned). */
  realizedDay: {
    hashvalueBtcPerPhDay: number;
    hashpriceUsdPerPhDay: number;
  };
}

export function networkStatusAt(
  history: NetworkHistory,
  metrics: DailyNetworkMetrics,
  asOfDay: DayNumber,
): NetworkStatus {
  const { daily, epochs } = history;
  const i = dayIndex(daily, asOfDay);
  if (i < 0) throw new RangeError(`day ${asOfDay} is outside the history`);
  const tipHeight = daily.tipHeight[i] as number;
  const epochIndex = epochOfHeight(tipHeight);
  if (epochIndex >= epochs.count) throw new RangeError(`height ${tipHeight} is beyond the epoch table`);
  const startHeight = epochs.startHeight[epochIndex] as number;
  const startTimeUnixS = epochs.startTimeUnixS[epochIndex] as number;
  const bits = epochs.bits[epochIndex] as number;
  const blocksMined = tipHeight - startHeight + 1;
  const endOfDayUnixS = dayStartUnixS(asOfDay) + SECONDS_PER_DAY;

  const feesPerBlockBtc = metrics.feesPerBlockBtc[i] as number;
  const blocksInDay = daily.blocks[i] as number;
  const subsidyPerBlock = metrics.subsidyPerBlockBtc[i] as number;
  const priceUsd = daily.priceUsd[i] as number;
  const hashrate7dEhs = metrics.hashrate7dEhs[i] as number;
  // The next block's epoch: the next one when the tip closes an epoch (the loader guarantees it is listed
  // unless the tip is the very last block of the table).
  const nextEpoch = Math.min(epochOfHeight(tipHeight + 1), epochs.count - 1);
  const spotDifficulty = epochs.difficulty[nextEpoch] as number;
  const spotSubsidyBtc = btcFromSats(blockSubsidySats(tipHeight + 1));
  const spotHashvalue = hashvalueBtcPerPhDay(spotDifficulty, spotSubsidyBtc, feesPerBlockBtc);

  return {
    asOfDay,
    tipHeight,
    blocksInDay,
    epoch: {
      index: epochIndex,
      startHeight,
      startTimeUnixS,
      startTimeDerived: epochs.startTimeDerived[epochIndex] === 1,
      bits,
      difficulty: epochs.difficulty[epochIndex] as number,
      blocksMined,
      blocksRemaining: DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - blocksMined,
      progressPct: (100 * blocksMined) / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS,
    },
    retarget: estimateRetarget(
      bits,
      epochs.difficulty[epochIndex] as number,
      startHeight,
      startTimeUnixS,
      tipHeight,
      endOfDayUnixS,
      hashrate7dEhs,
    ),
    halving: halvingOutlook(daily.blocks, i, tipHeight, endOfDayUnixS),
    hashrate7dEhs,
    hashrate30dEhs: metrics.hashrate30dEhs[i] as number,
    difficultyOfDay: daily.difficulty[i] as number,
    feesBtc: feesPerBlockBtc * blocksInDay,
    feesPerBlockBtc,
    feesImputed: metrics.feesImputed[i] === 1,
    feeSharePct: (100 * feesPerBlockBtc) / (subsidyPerBlock + feesPerBlockBtc),
    feeShare7dPct: trailingFeeSharePct(daily.blocks, metrics, i, 7),
    priceUsd,
    spot: {
      difficulty: spotDifficulty,
      subsidyBtc: spotSubsidyBtc,
      hashvalueBtcPerPhDay: spotHashvalue,
      hashpriceUsdPerPhDay: hashpriceUsdPerPhDay(spotHashvalue, priceUsd),
      networkBtcPerEhDay: btcPerEhDayFromHashvalue(spotHashvalue),
    },
    realizedDay: {
      hashvalueBtcPerPhDay: metrics.hashvalueBtcPerPhDay[i] as number,
      hashpriceUsdPerPhDay: metrics.hashpriceUsdPerPhDay[i] as number,
    },
  };
}

/**
 * The next retarget, estimated at the end of the day: the intervals observed since the epoch's first block as they
 * were, and the intervals still to come at the trailing 7-day hashrate (expected interval D × 2^32 / H). The projected
 * first-to-last timespan (2015 intervals) goes through the exact retarget rule, so clamps and compact rounding apply.
 * Early in an epoch this leans on the hashrate rather than on a few noisy intervals (the pure-pace estimator swings
 * by tens of percent there); late in an epoch it is the observed pace. The end of the day stands in for the tip's time.
 */
function estimateRetarget(
  bits: number,
  difficulty: number,
  startHeight: number,
  startTimeUnixS: number,
  tipHeight: number,
  endOfDayUnixS: number,
  hashrate7dEhs: number,
): RetargetEstimate {
  const intervalsMeasured = DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - 1;
  const projectedIntervalS = (difficulty * HASHES_PER_DIFFICULTY) / (hashrate7dEhs * HASHES_PER_EH);
  const elapsedS = endOfDayUnixS - startTimeUnixS;
  const observed = Math.min(tipHeight - startHeight, intervalsMeasured);
  const consistent = observed >= 1 && elapsedS > 0;
  const observedIntervals = consistent ? observed : 0;
  const projectedTimespanS = (consistent ? elapsedS : 0) + (intervalsMeasured - observedIntervals) * projectedIntervalS;
  const retarget = calculateNextWorkRequired({
    lastBits: bits,
    firstBlockTimeS: startTimeUnixS,
    lastBlockTimeS: startTimeUnixS + Math.round(projectedTimespanS),
  });
  const estimatedDifficulty = difficultyFromBits(retarget.bits);
  return {
    basis: consistent ? 'observed-and-hashrate' : 'hashrate-only',
    observedIntervals,
    meanObservedIntervalS: consistent ? elapsedS / observedIntervals : NaN,
    projectedIntervalS,
    projectedTimespanS,
    retargetHeight: startHeight + DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS,
    estimatedTimeUnixS: startTimeUnixS + projectedTimespanS + projectedIntervalS,
    estimatedBits: retarget.bits,
    estimatedDifficulty,
    estimatedChangePct: 100 * (estimatedDifficulty / difficulty - 1),
    clamp: retarget.clamp,
  };
}

function halvingOutlook(blocks: Float64Array, i: number, tipHeight: number, endOfDayUnixS: number): HalvingOutlook {
  const nextHeight = nextHalvingHeight(tipHeight);
  let blocks30d = 0;
  const windowStart = Math.max(0, i - 29);
  for (let d = windowStart; d <= i; d++) blocks30d += blocks[d] as number;
  const meanBlockInterval30dS = ((i - windowStart + 1) * SECONDS_PER_DAY) / blocks30d;
  const blocksRemaining = nextHeight - tipHeight;
  return {
    nextHeight,
    blocksRemaining,
    subsidyNowBtc: btcFromSats(blockSubsidySats(tipHeight + 1)),
    subsidyAfterBtc: btcFromSats(blockSubsidySats(nextHeight)),
    meanBlockInterval30dS,
    estimatedTimeUnixS: endOfDayUnixS + blocksRemaining * meanBlockInterval30dS,
  };
}

function trailingFeeSharePct(
  blocks: Float64Array,
  metrics: DailyNetworkMetrics,
  i: number,
  windowDays: number,
): number {
  let fees = 0;
  let rewards = 0;
  for (let d = Math.max(0, i - windowDays + 1); d <= i; d++) {
    const dayBlocks = blocks[d] as number;
    if (!(dayBlocks > 0)) continue;
    const dayFees = (metrics.feesPerBlockBtc[d] as number) * dayBlocks;
    fees += dayFees;
    rewards += dayFees + (metrics.subsidyPerBlockBtc[d] as number) * dayBlocks;
  }
  return (100 * fees) / rewards;
}
