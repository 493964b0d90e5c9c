/**
 * The state of the network at the end of a day of history: where the chain is in its difficulty epoch and
 * halving era, what the next retarget looks like at the epoch's pace so far, and the day's hashrate, fees,
 * price, hashvalue and hashprice. Pure: reads nothing after `asOf`.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from '../protocol/consensus-params.ts';
import { calculateNextWorkRequired, type RetargetClamp } from '../protocol/retarget.ts';
import { blockSubsidySats, nextHalvingHeight } from '../protocol/subsidy.ts';
import { difficultyFromBits } from '../protocol/difficulty.ts';
import { dayStartUnixS, SECONDS_PER_DAY, type DayNumber } from '../units/calendar-day.ts';
import { btcFromSats } from '../units/quantities.ts';
import type { DailyNetworkMetrics } from './daily-metrics.ts';
import { btcPerEhDayFromHashvalue } from './hashprice.ts';
import { dayIndex, epochOfHeight, type NetworkHistory } from './network-history.ts';

export interface RetargetEstimate {
  /** Mean block interval of the epoch so far: (end of day − epoch start) / blocks since the start block, s. */
  meanBlockIntervalS: number;
  /** Height at which the next retarget applies. */
  retargetHeight: number;
  /** Estimated time of the retarget block at that pace, unix s. */
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
  /** Null when the epoch is too young at the end of the day to have a pace (no interval observed). */
  retarget: RetargetEstimate | null;
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
  hashvalueBtcPerPhDay: number;
  hashpriceUsdPerPhDay: number;
  networkBtcPerEhDay: number;
}

export function networkStatusAt(history: NetworkHistory, metrics: DailyNetworkMetrics, asOfDay: DayNumber): NetworkStatus {
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
  const hashvalue = metrics.hashvalueBtcPerPhDay[i] as number;

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
    retarget: estimateRetarget(bits, startHeight, startTimeUnixS, tipHeight, endOfDayUnixS),
    halving: halvingOutlook(daily.blocks, i, tipHeight, endOfDayUnixS),
    hashrate7dEhs: metrics.hashrate7dEhs[i] as number,
    hashrate30dEhs: metrics.hashrate30dEhs[i] as number,
    difficultyOfDay: daily.difficulty[i] as number,
    feesBtc: feesPerBlockBtc * blocksInDay,
    feesPerBlockBtc,
    feesImputed: metrics.feesImputed[i] === 1,
    feeSharePct: (100 * feesPerBlockBtc) / (subsidyPerBlock + feesPerBlockBtc),
    feeShare7dPct: trailingFeeSharePct(daily.blocks, metrics, i, 7),
    priceUsd: daily.priceUsd[i] as number,
    hashvalueBtcPerPhDay: hashvalue,
    hashpriceUsdPerPhDay: metrics.hashpriceUsdPerPhDay[i] as number,
    networkBtcPerEhDay: btcPerEhDayFromHashvalue(hashvalue),
  };
}

/**
 * The next retarget at the epoch's pace so far (the estimator mempool.space uses): the mean interval since the
 * epoch's first block, projected over the 2015 intervals the protocol measures, fed to the exact retarget rule
 * (so the clamp and compact rounding apply). The end of the day stands in for the tip block's time.
 */
function estimateRetarget(
  bits: number,
  startHeight: number,
  startTimeUnixS: number,
  tipHeight: number,
  endOfDayUnixS: number,
): RetargetEstimate | null {
  const intervalsObserved = tipHeight - startHeight;
  const elapsedS = endOfDayUnixS - startTimeUnixS;
  if (intervalsObserved < 1 || elapsedS <= 0) return null;
  const meanBlockIntervalS = elapsedS / intervalsObserved;
  const intervalsMeasured = DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - 1;
  const retarget = calculateNextWorkRequired({
    lastBits: bits,
    firstBlockTimeS: startTimeUnixS,
    lastBlockTimeS: startTimeUnixS + Math.round(meanBlockIntervalS * intervalsMeasured),
  });
  const estimatedDifficulty = difficultyFromBits(retarget.bits);
  return {
    meanBlockIntervalS,
    retargetHeight: startHeight + DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS,
    estimatedTimeUnixS: startTimeUnixS + meanBlockIntervalS * DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS,
    estimatedBits: retarget.bits,
    estimatedDifficulty,
    estimatedChangePct: 100 * (estimatedDifficulty / difficultyFromBits(bits) - 1),
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

function trailingFeeSharePct(blocks: Float64Array, metrics: DailyNetworkMetrics, i: number, windowDays: number): number {
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
