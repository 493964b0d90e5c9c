/**
 * A synthetic continuation of the embedded mainnet data, from which the provider fixtures are recorded: the blocks
 * after the embedded data's last day (2026-02-04, tip 935,057) through a few blocks of 2026-02-09, with header
 * times ~10 min apart (two out of order, as real headers can be), fees of a few hundredths of a BTC per block, the
 * 3.125 BTC subsidy, the retarget to epoch 464 computed by the protocol rule, and chainwork consistent with the
 * embedded epochs' bits. Hashes are made up (sha256 of "synthetic:<height>"), except the real genesis at height 0.
 * The machine that built this had no internet, so no response was captured from a live server: the fixtures are
 * these blocks written in each API's documented response shape.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MAINNET_GENESIS_HASH } from '../../src/protocol/consensus-params.ts';
import { calculateNextWorkRequired } from '../../src/protocol/retarget.ts';
import { chainworkAtEpochStarts, blockWork } from '../../src/protocol/work.ts';
import { targetFromBits } from '../../src/protocol/compact.ts';
import { blockSubsidySats } from '../../src/protocol/subsidy.ts';

export interface SyntheticBlock {
  height: number;
  hash: string;
  previousHash: string;
  /** Header time, unix seconds. */
  time: number;
  /** Median time past of the 11 blocks up to this one (synthetic blocks only), unix seconds. */
  medianTime: number;
  bits: number;
  difficulty: number;
  subsidySats: number;
  totalFeeSats: number;
  /** Cumulative chainwork including this block, 64 hex digits. */
  chainworkHex: string;
}

export const SYNTHETIC_FIRST_HEIGHT = 935_058;
/** The embedded data's last epoch (463) and its bits. */
const LAST_EMBEDDED_EPOCH = 463;
const EPOCH_463_START_TIME_S = 1_769_110_047;
/** 2026-02-05T00:00:00Z */
const FIRST_DAY_START_S = 1_770_249_600;
/** Blocks run until this time (2026-02-09T03:00:00Z): the last complete day is 2026-02-08. */
const END_TIME_S = 1_770_606_000;

export const SYNTHETIC_FIRST_DAY = '2026-02-05';
export const SYNTHETIC_LAST_COMPLETE_DAY = '2026-02-08';
/** The test clock's today: 2026-02-08 is the last complete UTC day. */
export const SYNTHETIC_TODAY = '2026-02-09';

function embeddedEpochBits(): number[] {
  const text = readFileSync(new URL('../../data/difficulty-epochs.csv', import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number.parseInt(line.split(',')[2] as string, 16));
}

function hashOf(height: number): string {
  return height === 0 ? MAINNET_GENESIS_HASH : createHash('sha256').update(`synthetic:${height}`).digest('hex');
}

/** A deterministic generator in [0, 1) (mulberry32), so the fixtures are the same on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let cached: { blocks: SyntheticBlock[]; epochBits: number[] } | undefined;

/** The synthetic blocks and the bits of every epoch 0 … 464 (embedded 0–463, then the computed retarget). */
export function syntheticChain(): { blocks: SyntheticBlock[]; epochBits: number[] } {
  if (cached) return cached;
  const random = generator(20260205);
  const epochBits = embeddedEpochBits();
  if (epochBits.length !== LAST_EMBEDDED_EPOCH + 1)
    throw new Error('synthetic chain: the embedded epochs changed; regenerate the fixtures');
  const chainworkAtStart = chainworkAtEpochStarts(epochBits);
  const bits463 = epochBits[LAST_EMBEDDED_EPOCH] as number;
  // Chainwork of block 935,057: epoch 463's first block plus 1,649 more at its target.
  let chainwork =
    (chainworkAtStart[LAST_EMBEDDED_EPOCH] as bigint) +
    BigInt(SYNTHETIC_FIRST_HEIGHT - 1 - 933_408) * blockWork(targetFromBits(bits463));
  const blocks: SyntheticBlock[] = [];
  let time = FIRST_DAY_START_S + 200;
  let height = SYNTHETIC_FIRST_HEIGHT;
  let bits = bits463;
  const recentTimes: number[] = [];
  while (time < END_TIME_S) {
    if (height === 935_424) {
      const lastTime = (blocks[blocks.length - 1] as SyntheticBlock).time;
      bits = calculateNextWorkRequired({
        lastBits: bits463,
        firstBlockTimeS: EPOCH_463_START_TIME_S,
        lastBlockTimeS: lastTime,
      }).bits;
      epochBits.push(bits);
    }
    chainwork += blockWork(targetFromBits(bits));
    // Two headers stamped before their predecessor (allowed while above the median time past).
    const headerTime = height === 935_200 || height === 935_600 ? time - 900 : time;
    recentTimes.push(headerTime);
    if (recentTimes.length > 11) recentTimes.shift();
    const sorted = [...recentTimes].sort((a, b) => a - b);
    blocks.push({
      height,
      hash: hashOf(height),
      previousHash: hashOf(height - 1),
      time: headerTime,
      medianTime: sorted[Math.floor(sorted.length / 2)] as number,
      bits,
      difficulty: Number(((0xffffn << 208n) * 1_000_000n) / targetFromBits(bits)) / 1_000_000,
      subsidySats: Number(blockSubsidySats(height)),
      totalFeeSats: Math.round(1_000_000 + random() * 4_000_000),
      chainworkHex: chainwork.toString(16).padStart(64, '0'),
    });
    height++;
    time += Math.round(60 + random() * 1_020);
  }
  cached = { blocks, epochBits };
  return cached;
}

/** The synthetic block at `height`, or undefined outside the synthetic span. */
export function syntheticBlock(height: number): SyntheticBlock | undefined {
  return syntheticChain().blocks[height - SYNTHETIC_FIRST_HEIGHT];
}

/** The daily figures a correct provider must deliver for the synthetic days (header-time rule of ChainDay). */
export function expectedSyntheticDays(): { date: string; tipHeight: number; feesSats: number; blocks: number }[] {
  const { blocks } = syntheticChain();
  const days: { date: string; tipHeight: number; feesSats: number; blocks: number }[] = [];
  let index = 0;
  for (let dayStart = FIRST_DAY_START_S; dayStart + 86_400 <= END_TIME_S - 3 * 3600; dayStart += 86_400) {
    let feesSats = 0;
    let count = 0;
    while (index < blocks.length && (blocks[index] as SyntheticBlock).time < dayStart + 86_400) {
      feesSats += (blocks[index] as SyntheticBlock).totalFeeSats;
      count++;
      index++;
    }
    days.push({
      date: new Date(dayStart * 1000).toISOString().slice(0, 10),
      tipHeight: SYNTHETIC_FIRST_HEIGHT - 1 + index,
      feesSats,
      blocks: count,
    });
  }
  return days;
}
