/**
 * Issuance over real-valued heights, for expected-value projections where a day mines 143.7 blocks. Block j
 * (an integer) is mined while the cumulative count goes from j − 1 to j, and pays the protocol subsidy of height j,
 * so the subsidy is a step function of the height reached, changing at 210,000·k − 1 → 210,000·k.
 */
import { SUBSIDY_HALVING_INTERVAL_BLOCKS } from '../protocol/consensus-params.ts';
import { blockSubsidySats } from '../protocol/subsidy.ts';
import { btcFromSats } from '../units/quantities.ts';

/** The protocol subsidy of each era in BTC, converted once from exact sats (era 64 on pays nothing). */
const ERA_SUBSIDY_BTC: readonly number[] = Array.from({ length: 65 }, (_, era) =>
  btcFromSats(blockSubsidySats(era * SUBSIDY_HALVING_INTERVAL_BLOCKS)),
);

/** Subsidy of the block at height `height` (rounded up to a whole block), BTC. */
export function subsidyBtcOfBlock(height: number): number {
  const era = Math.floor(Math.max(0, Math.ceil(height)) / SUBSIDY_HALVING_INTERVAL_BLOCKS);
  return era < 64 ? (ERA_SUBSIDY_BTC[era] as number) : 0;
}

/** BTC issued while the height goes from `fromHeight` to `toHeight` (real numbers, from ≤ to). */
export function issuanceBtcOverHeights(fromHeight: number, toHeight: number): number {
  // Fast path: the whole range inside one era (every day but a halving day).
  const firstBlockEra = Math.floor((Math.floor(fromHeight) + 1) / SUBSIDY_HALVING_INTERVAL_BLOCKS);
  if (toHeight <= (firstBlockEra + 1) * SUBSIDY_HALVING_INTERVAL_BLOCKS - 1) {
    return firstBlockEra < 64 ? (toHeight - fromHeight) * (ERA_SUBSIDY_BTC[firstBlockEra] as number) : 0;
  }
  let total = 0;
  let low = fromHeight;
  while (low < toHeight) {
    const block = Math.floor(low) + 1; // the block being mined just above `low`
    const era = Math.floor(block / SUBSIDY_HALVING_INTERVAL_BLOCKS);
    const eraLastHeight = (era + 1) * SUBSIDY_HALVING_INTERVAL_BLOCKS - 1; // last block of the era
    const high = Math.min(toHeight, eraLastHeight);
    total += (high - low) * subsidyBtcOfBlock(block);
    low = high;
  }
  return total;
}

/** The first halving height strictly above `height` (a real number). */
export function nextHalvingHeightAbove(height: number): number {
  return (Math.floor(height / SUBSIDY_HALVING_INTERVAL_BLOCKS) + 1) * SUBSIDY_HALVING_INTERVAL_BLOCKS;
}
