/** Bitcoin consensus arithmetic, bigint-exact, mirroring Bitcoin Core. */
export {
  DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS,
  GENESIS_BITS,
  MAINNET_GENESIS_HASH,
  INITIAL_SUBSIDY_SATS,
  POW_LIMIT,
  POW_TARGET_SPACING_S,
  POW_TARGET_TIMESPAN_S,
  SATS_PER_BTC,
  SUBSIDY_HALVING_INTERVAL_BLOCKS,
} from './consensus-params.ts';
export {
  blockSubsidySats,
  halvingIndex,
  issuanceSatsBetween,
  nextHalvingHeight,
  totalIssuanceSats,
} from './subsidy.ts';
export { getCompact, setCompact, targetFromBits } from './compact.ts';
export type { CompactDecoded } from './compact.ts';
export { difficultyFromBits, difficultyFromTarget } from './difficulty.ts';
export { blockWork, chainworkAtEpochStarts } from './work.ts';
export { calculateNextWorkRequired, isRetargetHeight } from './retarget.ts';
export type { RetargetClamp, RetargetInput, RetargetResult } from './retarget.ts';
export * from './retarget-number.ts';
