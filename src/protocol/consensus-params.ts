/**
 * Bitcoin mainnet consensus parameters, as set in `CMainParams` (src/kernel/chainparams.cpp)
 * and derived in `Consensus::Params::DifficultyAdjustmentInterval` (src/consensus/params.h).
 */

/** `consensus.nSubsidyHalvingInterval`: blocks per subsidy era. */
export const SUBSIDY_HALVING_INTERVAL_BLOCKS = 210_000;

/** `consensus.nPowTargetTimespan`: two weeks, the intended duration of one difficulty epoch. */
export const POW_TARGET_TIMESPAN_S = 1_209_600;

/** `consensus.nPowTargetSpacing`: the intended block interval. */
export const POW_TARGET_SPACING_S = 600;

/** `DifficultyAdjustmentInterval()` = nPowTargetTimespan / nPowTargetSpacing. */
export const DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS = 2016;

/** `consensus.powLimit`: 0x00000000ffff…ff (2^224 − 1), the easiest target allowed. */
export const POW_LIMIT: bigint = (1n << 224n) - 1n;

/** `nBits` of the genesis block (`CreateGenesisBlock(1231006505, 2083236893, 0x1d00ffff, 1, 50 * COIN)`). */
export const GENESIS_BITS = 0x1d00ffff;

/** Initial block subsidy, 50 * COIN (`GetBlockSubsidy` in src/validation.cpp). */
export const INITIAL_SUBSIDY_SATS = 5_000_000_000n;

/** `COIN` (src/consensus/amount.h). */
export const SATS_PER_BTC = 100_000_000n;

/**
 * Hash of the mainnet genesis block (`consensus.hashGenesisBlock`, as block explorers and `getblockhash 0` print
 * it). Live sources must serve this chain: a testnet, signet or regtest genesis is refused.
 */
export const MAINNET_GENESIS_HASH = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
