/**
 * Step 3 of the Bitcoin Core provider (bitcoind.ts): epoch starts from `getblockhash 2016k` and `getblockheader` in
 * batches, each header's bits, time and chainwork checked against the epoch before and against getblockstats' times.
 */
import type { EpochStart } from '../../app/ports/live-data.ts';
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS, POW_LIMIT } from '../../protocol/consensus-params.ts';
import { setCompact } from '../../protocol/compact.ts';
import { blockWork } from '../../protocol/work.ts';
import { ProviderError } from '../http/provider-error.ts';
import { GENESIS_TIME_S } from './bitcoind-header-time.ts';
import type { BitcoindRpc } from './bitcoind-rpc.ts';
import { labelOf } from './bitcoind-rpc-errors.ts';
import type { BlockHeader } from './bitcoind-rpc-methods.ts';

const PROVIDER = 'bitcoind';

/**
 * Epoch starts firstEpoch … the tip's epoch, each header checked and consecutive epochs checked against each other.
 */
export async function fetchEpochs(
  rpc: BitcoindRpc,
  firstEpoch: number,
  tip: number,
  batchSize: number,
  blockTimes: ReadonlyMap<number, number>,
): Promise<EpochStart[]> {
  const interval = DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS;
  const epochNumbers = Array.from(
    { length: Math.max(0, Math.floor(tip / interval) - firstEpoch + 1) },
    (_, index) => firstEpoch + index,
  );
  const epochs: EpochStart[] = [];
  let previous: { epoch: number; target: bigint; chainwork: bigint } | undefined;
  for (let start = 0; start < epochNumbers.length; start += batchSize) {
    const chunk = epochNumbers.slice(start, start + batchSize);
    const hashes = await rpc.batch(
      'getblockhash',
      chunk.map((epoch) => [epoch * interval] as [number]),
    );
    const headers = await rpc.batch(
      'getblockheader',
      hashes.map((hash) => [hash, true] as [string, true]),
    );
    for (const [index, epoch] of chunk.entries()) {
      const header = headers[index] as BlockHeader;
      const asked = hashes[index] as string;
      const checked = checkEpochHeader(epoch, asked, header, previous, blockTimes);
      previous = { epoch, target: checked.target, chainwork: checked.chainwork };
      epochs.push({
        epoch,
        startHeight: epoch * interval,
        bits: checked.bits,
        startTimeUnixS: header.time,
        chainworkHex: checked.chainwork.toString(16),
      });
    }
  }
  return epochs;
}

function checkEpochHeader(
  epoch: number,
  hash: string,
  header: BlockHeader,
  previous: { epoch: number; target: bigint; chainwork: bigint } | undefined,
  blockTimes: ReadonlyMap<number, number>,
): { bits: number; target: bigint; chainwork: bigint } {
  const startHeight = epoch * DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS;
  const label = labelOf('getblockheader', [hash]);
  const refuse = (message: string) =>
    new ProviderError(PROVIDER, 'invalid-response', `${label}${message} (epoch ${epoch})`);
  if (header.hash !== hash) throw refuse(`.hash: the node answered for ${header.hash}`);
  if (header.height !== startHeight)
    throw refuse(`.height: ${header.height}, not the epoch's first height ${startHeight}`);
  if (header.time < GENESIS_TIME_S || header.time > 0xffffffff)
    throw refuse(`.time: ${header.time} is not a header time between the genesis block and 2106`);
  const statsTime = blockTimes.get(startHeight);
  if (statsTime !== undefined && statsTime !== header.time)
    throw refuse(`.time: ${header.time}, but getblockstats[${startHeight}] said ${statsTime}`);
  const bits = Number.parseInt(header.bits, 16);
  const { target, negative, overflow } = setCompact(bits);
  if (negative || overflow || target === 0n || target > POW_LIMIT)
    throw refuse(`.bits: ${header.bits} is not a valid mainnet target (SetCompact, powLimit)`);
  const chainwork = BigInt(`0x${header.chainwork}`);
  if (previous !== undefined) {
    // CalculateNextWorkRequired (src/pow.cpp) clamps the timespan to [¼, 4] × two weeks, so the target moves at most
    // ×4 either way; GetCompact's truncation can take it below old/4 by less than 2^-15 of it.
    if (target > previous.target * 4n || target * 4n * 32_768n < previous.target * 32_767n) {
      throw refuse(
        `.bits: ${header.bits} changes the target beyond the ×4 retarget clamp from epoch ${previous.epoch}`,
      );
    }
    // Chainwork from one epoch start to the next: the 2,015 remaining blocks of the previous epoch, then this block.
    const expected =
      previous.chainwork +
      BigInt(DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - 1) * blockWork(previous.target) +
      blockWork(target);
    if (chainwork !== expected)
      throw refuse(
        `.chainwork: ${header.chainwork} is not the work of epoch ${previous.epoch}'s blocks at their bits ` +
          `added to its start (expected ${expected.toString(16)})`,
      );
  }
  return { bits, target, chainwork };
}
