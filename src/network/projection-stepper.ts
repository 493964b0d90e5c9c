/**
 * The projection engine's one stepping loop (DESIGN.md §4), shared by the deterministic and Monte Carlo modes.
 * From the chain state at the end of the as-of day it steps day by day: blocks arrive at rate H / (D × 2^32); the
 * day is cut at every event height — the last block of an epoch (where the exact protocol retarget runs on the
 * simulated first-to-last timespan), the first block of the next epoch, and each halving height — so every block is
 * mined at its own difficulty and subsidy. The deterministic mode passes expected values (fractional heights);
 * the Monte Carlo mode draws Poisson arrivals, the time of the k-th arrival, and lognormal price/hashrate noise.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from '../protocol/consensus-params.ts';
import { difficultyFromBits } from '../protocol/difficulty.ts';
import { nextWorkRequiredBits } from '../protocol/retarget-number.ts';
import { dayStartUnixS, SECONDS_PER_DAY } from '../units/calendar-day.ts';
import { HASHES_PER_EH } from '../units/quantities.ts';
import { HASHES_PER_DIFFICULTY, hashvalueBtcPerPhDay } from './hashprice.ts';
import { issuanceBtcOverHeights, nextHalvingHeightAbove, subsidyBtcOfBlock } from './fractional-issuance.ts';
import {
  initialInstalledEhs,
  installOneDay,
  newCapacityGrowthPerYear,
  onlineHashrateEhs,
  responseStep,
} from './fleet-response.ts';
import type {
  ChainState,
  FleetModel,
  HashpriceResponse,
  PathVolatility,
  ProjectionPaths,
} from './projection-inputs.ts';

/** How blocks arrive: expected values, or random draws. */
export interface BlockArrivals {
  /** Blocks arriving in an interval where `expected` are expected. */
  count(expected: number): number;
  /** Where in the interval (0–1) the k-th of n arrivals falls. */
  fractionOfKth(k: number, n: number): number;
  /**
   * Two independent standard normals for the day's hashrate and price noise, written into `out[0]` and `out[1]`
   * (written, not returned: a returned double from a call that is not inlined is allocated on the heap).
   */
  normalPair(out: Float64Array): void;
}

export const EXPECTED_ARRIVALS: BlockArrivals = {
  count: (expected) => expected,
  fractionOfKth: (k, n) => k / n,
  normalPair: (out) => out.fill(0),
};

/** One simulated path, day by day, plus its retarget and halving events. Buffers are reused across paths. */
export interface SimulatedPath {
  dayCount: number;
  blocks: Float64Array;
  /** Height at the end of each day. */
  endHeight: Float64Array;
  issuanceBtc: Float64Array;
  feesBtc: Float64Array;
  /** Σ blocks × difficulty over the day (block-weighted mean difficulty = work / blocks). */
  difficultyWork: Float64Array;
  /** Difficulty in force at the end of each day. */
  endDifficulty: Float64Array;
  /** Hashrate and price the path actually took each day (noise and response included). */
  hashrateEhs: Float64Array;
  /**
   * Responsive network only (NaN otherwise): the hashprice miners saw at the start of each day, USD/PH/day (the
   * difficulty in force, the day's subsidy, fees and price), which switched capacity on or off.
   */
  spotHashpriceUsdPerPhDay: Float64Array;
  priceUsd: Float64Array;
  /** Miner revenue in USD per day: Σ blocks × (subsidy + fees) × price. */
  revenueUsd: Float64Array;
  /** Retargets in order: the height they apply from, the time of the epoch's last block, new bits and difficulty. */
  retargetCount: number;
  retargetHeight: Float64Array;
  retargetTimeS: Float64Array;
  retargetBits: Uint32Array;
  retargetDifficulty: Float64Array;
  retargetClamped: Uint8Array;
  /**
   * Sums over the epoch that ends at each retarget (index r: from the previous retarget, or the start, to retarget r):
   * blocks, issuance, fees, USD revenue, and hashrate × seconds (for the time-weighted mean hashrate).
   */
  epochBlocks: Float64Array;
  epochIssuanceBtc: Float64Array;
  epochFeesBtc: Float64Array;
  epochRevenueUsd: Float64Array;
  epochHashrateSeconds: Float64Array;
  /** Time at which each future halving height was reached (NaN when not within the horizon), in halving order. */
  halvingHeight: Float64Array;
  halvingTimeS: Float64Array;
  halvingCount: number;
}

const MAX_HALVINGS = 4;

export function createSimulatedPath(dayCount: number): SimulatedPath {
  // Room for blocks 4× faster than 10 minutes throughout; the buffers double if a path needs more.
  const maxRetargets = Math.ceil((dayCount * 4 * 144) / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS) + 8;
  return {
    dayCount,
    blocks: new Float64Array(dayCount),
    endHeight: new Float64Array(dayCount),
    issuanceBtc: new Float64Array(dayCount),
    feesBtc: new Float64Array(dayCount),
    difficultyWork: new Float64Array(dayCount),
    endDifficulty: new Float64Array(dayCount),
    hashrateEhs: new Float64Array(dayCount),
    spotHashpriceUsdPerPhDay: new Float64Array(dayCount),
    priceUsd: new Float64Array(dayCount),
    revenueUsd: new Float64Array(dayCount),
    retargetCount: 0,
    retargetHeight: new Float64Array(maxRetargets),
    retargetTimeS: new Float64Array(maxRetargets),
    retargetBits: new Uint32Array(maxRetargets),
    retargetDifficulty: new Float64Array(maxRetargets),
    retargetClamped: new Uint8Array(maxRetargets),
    epochBlocks: new Float64Array(maxRetargets),
    epochIssuanceBtc: new Float64Array(maxRetargets),
    epochFeesBtc: new Float64Array(maxRetargets),
    epochRevenueUsd: new Float64Array(maxRetargets),
    epochHashrateSeconds: new Float64Array(maxRetargets),
    halvingHeight: new Float64Array(MAX_HALVINGS),
    halvingTimeS: new Float64Array(MAX_HALVINGS),
    halvingCount: 0,
  };
}

const DAYS_PER_YEAR = 365.25;

/**
 * Steps one path from `start` through `paths`, writing into `out` (which must have paths.dayCount days). With a
 * `fleet`, the hashrate comes from the fleet's cost curve (fleet-response.ts) instead of `paths.hashrateEhs`.
 */
export function simulatePath(
  start: ChainState,
  paths: ProjectionPaths,
  arrivals: BlockArrivals,
  volatility: PathVolatility,
  response: HashpriceResponse | null,
  out: SimulatedPath,
  fleet: FleetModel | null = null,
): SimulatedPath {
  const dayCount = paths.dayCount;
  let height = start.tipHeight;
  let epochStart = start.epochStartHeight;
  let epochFirstBlockTimeS = start.epochStartTimeS;
  let bits = start.bits;
  let difficulty = difficultyFromBits(bits);
  // After an epoch's last block, the next event is the first block of the new epoch (its time starts the next
  // timespan).
  let awaitingFirstBlock = false;
  let nextHalving = nextHalvingHeightAbove(height);
  // Subsidy of the blocks being mined until the next halving height (updated when it is reached).
  let subsidyBtc = subsidyBtcOfBlock(height + 1);
  out.retargetCount = 0;
  // Sums over the running epoch, written out at its retarget (locals: cheaper than typed-array updates per segment).
  let epochBlocks = 0;
  let epochIssuance = 0;
  let epochFees = 0;
  let epochRevenueUsd = 0;
  let epochHashrateSeconds = 0;
  out.halvingCount = 0;
  out.halvingHeight.fill(NaN);
  out.halvingTimeS.fill(NaN);

  const hashrateStep = volatility.hashratePerYear / Math.sqrt(DAYS_PER_YEAR);
  const priceStep = volatility.pricePerYear / Math.sqrt(DAYS_PER_YEAR);
  let hashrateNoise = 1;
  let priceNoise = 1;
  let logResponse = 0;
  let time = dayStartUnixS(start.asOfDay) + SECONDS_PER_DAY;
  const normals = new Float64Array(2);
  const noisy = hashrateStep > 0 || priceStep > 0;
  const installed = fleet ? initialInstalledEhs(fleet.curve, fleet.startHashrateEhs) : null;
  let fleetEhs = fleet ? fleet.startHashrateEhs : 0;
  const fleetStep = fleet ? responseStep(fleet.curve.responseDays) : 1;
  out.spotHashpriceUsdPerPhDay.fill(NaN);

  for (let day = 0; day < dayCount; day++) {
    // Multiplicative lognormal noise with mean one, so the expected path is the mean path.
    if (noisy) {
      arrivals.normalPair(normals);
      hashrateNoise *= Math.exp(hashrateStep * (normals[0] as number) - (hashrateStep * hashrateStep) / 2);
      priceNoise *= Math.exp(priceStep * (normals[1] as number) - (priceStep * priceStep) / 2);
    }
    if (response && day > 0) {
      const laggedDay = day - 1 - response.lagDays;
      const laggedHashprice = laggedDay >= 0 ? hashpriceOfDay(out, laggedDay) : start.spotHashpriceUsdPerPhDay;
      logResponse += (response.elasticity * Math.log(laggedHashprice / start.spotHashpriceUsdPerPhDay)) / DAYS_PER_YEAR;
    }
    const priceUsd = (paths.priceUsd[day] as number) * priceNoise;
    const feesPerBlockFixed = paths.feesPerBlockBtc[day] as number;
    const feeShare = paths.feeShareOfRewards[day] as number;
    let hashrateEhs: number;
    if (fleet && installed) {
      const dayFees = Number.isNaN(feesPerBlockFixed) ? (feeShare / (1 - feeShare)) * subsidyBtc : feesPerBlockFixed;
      const spot = hashvalueBtcPerPhDay(difficulty, subsidyBtc, dayFees) * priceUsd;
      out.spotHashpriceUsdPerPhDay[day] = spot;
      // Capacity ordered on the hashprice `lagDays` earlier (before the start: the start's) is energized today.
      const laggedDay = day - fleet.curve.newCapacity.lagDays;
      const lagged =
        laggedDay >= 0 ? (out.spotHashpriceUsdPerPhDay[laggedDay] as number) : start.spotHashpriceUsdPerPhDay;
      installOneDay(installed, newCapacityGrowthPerYear(fleet.curve, lagged));
      // Capacity follows the hashprice it can run at with a response time (a share `fleetStep` of the gap a day).
      fleetEhs += (onlineHashrateEhs(fleet.curve, installed, spot) - fleetEhs) * fleetStep;
      hashrateEhs = fleetEhs * hashrateNoise;
    } else {
      hashrateEhs = (paths.hashrateEhs[day] as number) * hashrateNoise * (response ? Math.exp(logResponse) : 1);
    }
    const hashesPerSecond = hashrateEhs * HASHES_PER_EH;

    let blocks = 0;
    let issuance = 0;
    let fees = 0;
    let work = 0;
    let remainingS = SECONDS_PER_DAY;
    while (remainingS > 0) {
      const eventHeight = Math.min(
        awaitingFirstBlock
          ? epochStart + DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS
          : epochStart + DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - 1,
        nextHalving,
      );
      const expected = (hashesPerSecond * remainingS) / (difficulty * HASHES_PER_DIFFICULTY);
      const arrived = arrivals.count(expected);
      const needed = eventHeight - height;
      const reachesEvent = arrived >= needed;
      const mined = reachesEvent ? needed : arrived;
      if (mined > 0) {
        // Within an era (every segment but the one ending on a halving block) issuance is blocks × subsidy.
        const segmentIssuance =
          height + mined < nextHalving ? mined * subsidyBtc : issuanceBtcOverHeights(height, height + mined);
        const feesPerBlock = Number.isNaN(feesPerBlockFixed)
          ? (feeShare / (1 - feeShare)) * subsidyBtc
          : feesPerBlockFixed;
        blocks += mined;
        issuance += segmentIssuance;
        fees += feesPerBlock * mined;
        work += mined * difficulty;
        epochBlocks += mined;
        epochIssuance += segmentIssuance;
        epochFees += feesPerBlock * mined;
        epochRevenueUsd += (segmentIssuance + feesPerBlock * mined) * priceUsd;
        height = reachesEvent ? eventHeight : height + mined;
      }
      if (!reachesEvent) {
        epochHashrateSeconds += hashrateEhs * remainingS;
        break;
      }
      const elapsedS = needed > 0 ? remainingS * arrivals.fractionOfKth(needed, arrived) : 0;
      epochHashrateSeconds += hashrateEhs * elapsedS;
      time += elapsedS;
      remainingS -= elapsedS;
      if (height === nextHalving) {
        if (out.halvingCount < MAX_HALVINGS) {
          out.halvingHeight[out.halvingCount] = height;
          out.halvingTimeS[out.halvingCount] = time;
          out.halvingCount++;
        }
        nextHalving = nextHalvingHeightAbove(height);
        subsidyBtc = subsidyBtcOfBlock(height + 1);
      }
      if (awaitingFirstBlock && height === epochStart + DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS) {
        epochStart = height;
        epochFirstBlockTimeS = time;
        awaitingFirstBlock = false;
      } else if (!awaitingFirstBlock && height === epochStart + DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - 1) {
        const retarget = nextWorkRequiredBits(bits, Math.round(epochFirstBlockTimeS), Math.round(time));
        bits = retarget.bits;
        difficulty = difficultyFromBits(bits);
        const r = out.retargetCount;
        if (r >= out.retargetHeight.length) growRetargets(out);
        out.retargetHeight[r] = epochStart + DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS;
        out.retargetTimeS[r] = time;
        out.retargetBits[r] = bits;
        out.retargetDifficulty[r] = difficulty;
        out.retargetClamped[r] = retarget.clamp === 'none' ? 0 : 1;
        writeEpochSums(out, r, epochBlocks, epochIssuance, epochFees, epochRevenueUsd, epochHashrateSeconds);
        out.retargetCount = r + 1;
        epochBlocks = epochIssuance = epochFees = epochRevenueUsd = epochHashrateSeconds = 0;
        awaitingFirstBlock = true;
      }
    }
    time += remainingS;
    out.blocks[day] = blocks;
    out.endHeight[day] = height;
    out.issuanceBtc[day] = issuance;
    out.feesBtc[day] = fees;
    out.difficultyWork[day] = work;
    out.endDifficulty[day] = difficulty;
    out.hashrateEhs[day] = hashrateEhs;
    out.priceUsd[day] = priceUsd;
    out.revenueUsd[day] = (issuance + fees) * priceUsd;
  }
  return out;
}

/** Doubles the retarget and epoch buffers (only extreme paths retarget more often than they were sized for). */
function growRetargets(out: SimulatedPath): void {
  const grow = <T extends Float64Array | Uint32Array | Uint8Array>(array: T): T => {
    const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
    bigger.set(array);
    return bigger;
  };
  out.retargetHeight = grow(out.retargetHeight);
  out.retargetTimeS = grow(out.retargetTimeS);
  out.retargetBits = grow(out.retargetBits);
  out.retargetDifficulty = grow(out.retargetDifficulty);
  out.retargetClamped = grow(out.retargetClamped);
  out.epochBlocks = grow(out.epochBlocks);
  out.epochIssuanceBtc = grow(out.epochIssuanceBtc);
  out.epochFeesBtc = grow(out.epochFeesBtc);
  out.epochRevenueUsd = grow(out.epochRevenueUsd);
  out.epochHashrateSeconds = grow(out.epochHashrateSeconds);
}

function writeEpochSums(
  out: SimulatedPath,
  index: number,
  blocks: number,
  issuanceBtc: number,
  feesBtc: number,
  revenueUsd: number,
  hashrateSeconds: number,
): void {
  out.epochBlocks[index] = blocks;
  out.epochIssuanceBtc[index] = issuanceBtc;
  out.epochFeesBtc[index] = feesBtc;
  out.epochRevenueUsd[index] = revenueUsd;
  out.epochHashrateSeconds[index] = hashrateSeconds;
}

/** USD per PH/s per day realized on a simulated day: revenue / (hashrate in PH/s). */
export function hashpriceOfDay(path: SimulatedPath, day: number): number {
  return (path.revenueUsd[day] as number) / ((path.hashrateEhs[day] as number) * 1000);
}
