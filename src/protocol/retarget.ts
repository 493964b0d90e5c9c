/** The difficulty retarget, mirroring `CalculateNextWorkRequired` (src/pow.cpp) on mainnet. */
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS, POW_LIMIT, POW_TARGET_TIMESPAN_S } from './consensus-params.ts';
import { getCompact, setCompact } from './compact.ts';
import { assertHeight } from './height.ts';
import { UINT256_MAX } from './uint256.ts';

/**
 * Which timespan limit applied: `lower` raised the timespan to T/4 (difficulty capped at ×4), `upper`
 * cut it to 4T (difficulty capped at ÷4).
 */
export type RetargetClamp = 'none' | 'lower' | 'upper';

/**
 * The ending epoch: bits of its last block and the times of its first and last blocks
 * (`nFirstBlockTime`, `pindexLast->GetBlockTime()`): 2015 intervals, Core's well-known off-by-one.
 */
export interface RetargetInput {
  lastBits: number;
  firstBlockTimeS: number;
  lastBlockTimeS: number;
}

export interface RetargetResult {
  /** nBits of the next epoch (`bnNew.GetCompact()`). */
  bits: number;
  /** The target those bits encode (after the compact rounding). */
  target: bigint;
  clamp: RetargetClamp;
  /** The new target exceeded powLimit and was set to it. */
  powLimitCapped: boolean;
  /** lastBlockTimeS − firstBlockTimeS. */
  actualTimespanS: number;
  /** The timespan after the [T/4, 4T] clamp, the one used. */
  clampedTimespanS: number;
}

/**
 * `CalculateNextWorkRequired`: clamp the actual timespan to [T/4, 4T]; bnNew = SetCompact(lastBits);
 * bnNew *= timespan; bnNew /= T (256-bit integer arithmetic); cap at powLimit; return GetCompact(bnNew).
 * Like Core, the sign and overflow flags of lastBits are ignored. Times must be integers (seconds).
 */
export function calculateNextWorkRequired(input: RetargetInput): RetargetResult {
  const { lastBits, firstBlockTimeS, lastBlockTimeS } = input;
  if (!Number.isSafeInteger(firstBlockTimeS) || !Number.isSafeInteger(lastBlockTimeS)) {
    throw new RangeError('block times must be integers (unix seconds)');
  }
  const actualTimespanS = lastBlockTimeS - firstBlockTimeS;
  if (!Number.isSafeInteger(actualTimespanS)) throw new RangeError('timespan out of range');
  const minTimespanS = POW_TARGET_TIMESPAN_S / 4;
  const maxTimespanS = POW_TARGET_TIMESPAN_S * 4;
  let clamp: RetargetClamp = 'none';
  let clampedTimespanS = actualTimespanS;
  if (actualTimespanS < minTimespanS) {
    clampedTimespanS = minTimespanS;
    clamp = 'lower';
  }
  if (actualTimespanS > maxTimespanS) {
    clampedTimespanS = maxTimespanS;
    clamp = 'upper';
  }
  let bnNew = setCompact(lastBits).target;
  bnNew = (bnNew * BigInt(clampedTimespanS)) & UINT256_MAX; // arith_uint256 wraps modulo 2^256
  bnNew /= BigInt(POW_TARGET_TIMESPAN_S);
  const powLimitCapped = bnNew > POW_LIMIT;
  if (powLimitCapped) bnNew = POW_LIMIT;
  const bits = getCompact(bnNew);
  return {
    bits,
    target: setCompact(bits).target,
    clamp,
    powLimitCapped,
    actualTimespanS,
    clampedTimespanS,
  };
}

/** Whether the block at `height` starts a new epoch (`nHeight % DifficultyAdjustmentInterval() == 0`). */
export function isRetargetHeight(height: number): boolean {
  assertHeight(height);
  return height % DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS === 0;
}
