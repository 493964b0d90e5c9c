/**
 * Block subsidy and issuance, mirroring `GetBlockSubsidy` (src/validation.cpp):
 * 50 BTC right-shifted once per 210,000 blocks, zero from the 64th halving on.
 */
import { INITIAL_SUBSIDY_SATS, SUBSIDY_HALVING_INTERVAL_BLOCKS } from './consensus-params.ts';
import { assertHeight } from './height.ts';

/**
 * From this many halvings on the subsidy is zero (Core: "Force block reward to zero when right shift is
 * undefined").
 */
const ZERO_SUBSIDY_HALVINGS = 64;

/** Era index: `halvings = nHeight / consensusParams.nSubsidyHalvingInterval`. */
export function halvingIndex(height: number): number {
  assertHeight(height);
  return Math.floor(height / SUBSIDY_HALVING_INTERVAL_BLOCKS);
}

/** Subsidy of era `halvings` (no validation; `halvings` is a non-negative integer). */
function eraSubsidySats(halvings: number): bigint {
  return halvings >= ZERO_SUBSIDY_HALVINGS ? 0n : INITIAL_SUBSIDY_SATS >> BigInt(halvings);
}

/** `GetBlockSubsidy(nHeight, consensusParams)`: subsidy of the block at `height`, in sats. */
export function blockSubsidySats(height: number): bigint {
  return eraSubsidySats(halvingIndex(height));
}

/** First height above `height` that starts a new era (839,999 → 840,000; 840,000 → 1,050,000). */
export function nextHalvingHeight(height: number): number {
  return (halvingIndex(height) + 1) * SUBSIDY_HALVING_INTERVAL_BLOCKS;
}

/**
 * Sum of `GetBlockSubsidy` over heights `fromHeight..toHeight` inclusive, in sats; 0n when
 * `toHeight < fromHeight`. Closed form per era, O(number of eras).
 */
export function issuanceSatsBetween(fromHeight: number, toHeight: number): bigint {
  assertHeight(fromHeight, 'fromHeight');
  assertHeight(toHeight, 'toHeight');
  if (toHeight < fromHeight) return 0n;
  const firstEra = halvingIndex(fromHeight);
  const lastEra = Math.min(halvingIndex(toHeight), ZERO_SUBSIDY_HALVINGS - 1);
  let total = 0n;
  for (let era = firstEra; era <= lastEra; era++) {
    const eraStart = era * SUBSIDY_HALVING_INTERVAL_BLOCKS;
    const eraEnd = eraStart + SUBSIDY_HALVING_INTERVAL_BLOCKS - 1;
    const blocks = Math.min(toHeight, eraEnd) - Math.max(fromHeight, eraStart) + 1;
    total += BigInt(blocks) * eraSubsidySats(era);
  }
  return total;
}

/** Issuance over all heights: 2,099,999,997,690,000 sat (Core's `subsidy_limit_test`). */
export function totalIssuanceSats(): bigint {
  return issuanceSatsBetween(0, ZERO_SUBSIDY_HALVINGS * SUBSIDY_HALVING_INTERVAL_BLOCKS - 1);
}
