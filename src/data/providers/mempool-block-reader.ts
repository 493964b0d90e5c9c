/**
 * Reading blocks from a mempool.space instance, a page at a time, each page checked before it is used.
 *
 * `GET /api/v1/blocks/:startHeight` (mempool's API documentation, frontend/src/app/docs/api-docs/api-docs-data.ts,
 * "GET Blocks"; backend/src/api/blocks.ts `$getBlocks`, backend/src/api/bitcoin/bitcoin.routes.ts): up to 15 blocks
 * descending from startHeight, each `{id, height, timestamp, bits (number), difficulty, previousblockhash, …,
 * extras: {reward, totalFees, …}}`, sats; `reward` is the sum of the coinbase outputs (subsidy + fees). Above the tip
 * the list starts at the tip and is that many blocks shorter, so it always ends at startHeight − 14.
 */
import type { LiveDataNote } from '../../app/ports/live-data.ts';
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from '../../protocol/consensus-params.ts';
import { targetFromBits } from '../../protocol/compact.ts';
import { blockSubsidySats } from '../../protocol/subsidy.ts';
import { ProviderError } from '../http/provider-error.ts';
import type { JsonClient } from '../http/resilient-client.ts';
import { bitsHex, hash, integer, invalid, record } from './mempool-answer-checks.ts';

/** Blocks per `GET /api/v1/blocks/:startHeight` answer (`$getBlocks(fromHeight, 15)`). */
const BLOCKS_PER_PAGE = 15;
/** How far below the tip read first a page may end: mempool.space answers from several backends, not always in step. */
const TIP_LAG_BLOCKS = 6;

/** The fields of one `/api/v1/blocks` element the provider uses. */
export interface ApiBlock {
  height: number;
  id: string;
  previousHash: string | null;
  timeS: number;
  bits: number;
  totalFeesSats: number;
  rewardSats: number;
}

export interface BlockReader {
  /** The blocks bottom … bottom + 14 (fewer at the tip), ascending, checked; `where` names the request. */
  page(bottom: number): Promise<{ blocks: ApiBlock[]; where: string }>;
  /** One block, from a page already read or by reading the page it tops. */
  block(height: number): Promise<ApiBlock>;
}

/**
 * Reads pages and checks every block: shape, heights descending without gaps or duplicates, hashes linked, one bits
 * value per epoch, a valid compact target, and reward − totalFees equal to the subsidy (GetBlockSubsidy): above it is
 * an invalid answer, below it a note (a coinbase may leave part of its subsidy unclaimed).
 */
export function blockReader(client: JsonClient, tipHeight: number, notes: LiveDataNote[]): BlockReader {
  // Epoch boundary blocks (first and last of each epoch) are kept for the epoch list and the retarget check.
  const kept = new Map<number, ApiBlock>();
  const epochBits = new Map<number, { bits: number; height: number }>();
  const underclaimed = new Set<number>();

  const whereOf = (top: number) => `GET ${client.endpoint}/api/v1/blocks/${top}`;

  async function readPage(top: number): Promise<ApiBlock[]> {
    const where = whereOf(top);
    const body = await client.getJson(`/api/v1/blocks/${top}`);
    if (!Array.isArray(body)) throw invalid(where, '', 'expected an array of blocks', body);
    const blocks = body.map((item, index) => parseBlock(item, where, `[${index}]`));
    const bottom = Math.max(0, top - (BLOCKS_PER_PAGE - 1));
    // The page starts at `top`, or at the tip of the backend that answers, which may lag the one that gave the tip.
    const lowestTop = Math.min(top, tipHeight - TIP_LAG_BLOCKS);
    const first = blocks[0];
    if (!first) {
      if (bottom <= lowestTop)
        throw invalid(where, '', `expected blocks ${Math.min(top, tipHeight)} down to ${bottom}`, body);
      return [];
    }
    if (first.height > top || first.height < lowestTop)
      throw invalid(
        where,
        '[0].height',
        `expected ${Math.min(top, tipHeight)} (the page's top, or the tip)`,
        first.height,
      );
    blocks.forEach((block, index) => {
      const expected = first.height - index;
      if (block.height !== expected) {
        throw invalid(
          where,
          `[${index}].height`,
          `expected ${expected}: heights must descend without gaps or duplicates ` +
            `(block ${expected} is missing or repeated)`,
          block.height,
        );
      }
    });
    blocks.forEach((block, index) => {
      const below = blocks[index + 1];
      if (below && block.previousHash !== below.id) {
        throw invalid(
          where,
          `[${index}].previousblockhash`,
          `expected the hash of block ${below.height} (${below.id})`,
          block.previousHash,
        );
      }
    });
    const last = blocks[blocks.length - 1] as ApiBlock;
    if (last.height !== bottom)
      throw invalid(where, `[${blocks.length - 1}].height`, `expected the page to end at ${bottom}`, last.height);
    for (const block of blocks) checkBlock(block, where);
    return blocks.reverse();
  }

  function checkBlock(block: ApiBlock, where: string): void {
    const at = `block ${block.height}`;
    try {
      targetFromBits(block.bits);
    } catch (error) {
      throw new ProviderError('mempool', 'invalid-response', `${where}: ${at}: ${(error as Error).message}`);
    }
    const epoch = Math.floor(block.height / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS);
    const seen = epochBits.get(epoch);
    if (seen && seen.bits !== block.bits) {
      throw new ProviderError(
        'mempool',
        'invalid-response',
        `${where}: ${at} has bits ${bitsHex(block.bits)}, ` +
          `but block ${seen.height} of the same epoch ${epoch} has ${bitsHex(seen.bits)}`,
      );
    }
    if (!seen) epochBits.set(epoch, { bits: block.bits, height: block.height });
    const subsidySats = Number(blockSubsidySats(block.height));
    const claimedSats = block.rewardSats - block.totalFeesSats;
    if (claimedSats > subsidySats) {
      throw new ProviderError(
        'mempool',
        'invalid-response',
        `${where}: ${at}: extras.reward − extras.totalFees = ${claimedSats} sats ` +
          `exceeds the block subsidy of ${subsidySats} sats (GetBlockSubsidy)`,
      );
    }
    // A coinbase may claim less than it is allowed (it has happened on mainnet): kept, and said.
    if (claimedSats < subsidySats && !underclaimed.has(block.height)) {
      underclaimed.add(block.height);
      notes.push({
        code: 'coinbase-underclaimed',
        message:
          `mempool: ${at} claims ${claimedSats} sats of its ${subsidySats} sats subsidy ` +
          `(reward ${block.rewardSats}, fees ${block.totalFeesSats})`,
      });
    }
    const position = block.height % DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS;
    if (position === 0 || position === DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - 1) kept.set(block.height, block);
  }

  return {
    page: async (bottom) => ({
      blocks: await readPage(bottom + BLOCKS_PER_PAGE - 1),
      where: whereOf(bottom + BLOCKS_PER_PAGE - 1),
    }),
    async block(height) {
      const known = kept.get(height);
      if (known) return known;
      const blocks = await readPage(height);
      const found = blocks[blocks.length - 1];
      if (!found || found.height !== height) {
        throw new ProviderError('mempool', 'invalid-response', `${whereOf(height)}: block ${height} is missing`);
      }
      return found;
    },
  };
}

function parseBlock(item: unknown, where: string, path: string): ApiBlock {
  const block = record(item, where, path);
  const extras = record(block.extras, where, `${path}.extras`);
  const previous = block.previousblockhash;
  return {
    height: integer(block.height, where, `${path}.height`, 0),
    id: hash(block.id, where, `${path}.id`),
    previousHash:
      previous === undefined || previous === null ? null : hash(previous, where, `${path}.previousblockhash`),
    timeS: integer(block.timestamp, where, `${path}.timestamp`, 1),
    bits: integer(block.bits, where, `${path}.bits`, 1, 0xffffffff),
    totalFeesSats: integer(extras.totalFees, where, `${path}.extras.totalFees`, 0),
    rewardSats: integer(extras.reward, where, `${path}.extras.reward`, 0),
  };
}
