/** Proof-of-work per block and cumulative chainwork, mirroring `GetBlockProof` (src/chain.cpp). */
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from './consensus-params.ts';
import { targetFromBits } from './compact.ts';
import { UINT256_MAX, assertUint256 } from './uint256.ts';

/**
 * `GetBlockProof`: expected hashes for a block at `target`, 2^256 / (target + 1), computed as Core does
 * in 256 bits: (~target / (target + 1)) + 1. A zero target gives 0, as in Core.
 */
export function blockWork(target: bigint): bigint {
  assertUint256(target, 'target');
  if (target === 0n) return 0n;
  return (UINT256_MAX ^ target) / (target + 1n) + 1n;
}

/**
 * Chainwork (`CBlockIndex::nChainWork`) of the first block of each epoch k (height 2016k), given the bits
 * of epochs 0..n−1: chainwork[k] = Σ_{j<k} 2016·work(T_j) + work(T_k). Bits must be valid targets.
 */
export function chainworkAtEpochStarts(bitsByEpoch: readonly number[]): bigint[] {
  const blocksPerEpoch = BigInt(DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS);
  const result: bigint[] = [];
  let beforeEpoch = 0n;
  for (const bits of bitsByEpoch) {
    const work = blockWork(targetFromBits(bits));
    result.push(beforeEpoch + work);
    beforeEpoch += blocksPerEpoch * work;
  }
  return result;
}
