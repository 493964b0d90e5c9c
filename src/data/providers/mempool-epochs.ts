/**
 * Difficulty epochs from mempool.space blocks: the bits and header time of each epoch's first block, each epoch's bits
 * checked against the retarget rule applied to the epoch before. mempool.space serves no chainwork, so none is given.
 */
import type { EpochStart, FetchProgress } from '../../app/ports/live-data.ts';
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from '../../protocol/consensus-params.ts';
import { calculateNextWorkRequired } from '../../protocol/retarget.ts';
import { ProviderError } from '../http/provider-error.ts';
import { bitsHex } from './mempool-answer-checks.ts';
import type { BlockReader } from './mempool-block-reader.ts';

/** Epochs firstEpoch … the tip's epoch: bits and header time of block 2016k, checked against the retarget rule. */
export async function fetchEpochs(
  reader: BlockReader,
  firstEpoch: number,
  tipHeight: number,
  progress: FetchProgress,
  endpoint: string,
): Promise<EpochStart[]> {
  const tipEpoch = Math.floor(tipHeight / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS);
  const epochs: EpochStart[] = [];
  for (let epoch = firstEpoch; epoch <= tipEpoch; epoch++) {
    const startHeight = epoch * DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS;
    const start = await reader.block(startHeight);
    const previous = epochs[epochs.length - 1];
    if (previous) {
      // CalculateNextWorkRequired (pow.cpp) from the previous epoch's bits and its first and last header times.
      const last = await reader.block(startHeight - 1);
      const expected = calculateNextWorkRequired({
        lastBits: previous.bits,
        firstBlockTimeS: previous.startTimeUnixS,
        lastBlockTimeS: last.timeS,
      }).bits;
      if (start.bits !== expected) {
        throw new ProviderError(
          'mempool',
          'invalid-response',
          `${endpoint}/api/v1/blocks: block ${startHeight} (epoch ${epoch}) has bits ${bitsHex(start.bits)}, ` +
            `but the retarget rule gives ${bitsHex(expected)} from epoch ${previous.epoch}`,
        );
      }
    }
    epochs.push({ epoch, startHeight, bits: start.bits, startTimeUnixS: start.timeS, chainworkHex: null });
    progress({ source: 'mempool', done: epochs.length, total: tipEpoch - firstEpoch + 1, unit: 'epochs' });
  }
  return epochs;
}
