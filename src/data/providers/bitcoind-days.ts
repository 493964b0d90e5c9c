/**
 * Step 2 of the Bitcoin Core provider (bitcoind.ts): complete UTC days from `getblockstats` in batches, each block
 * checked (height as asked, the consensus subsidy, sane fee and time) and cut into days by the header-time rule of
 * ChainDay. Unusual blocks and days (long intervals, large fees, odd block counts) are noted and kept.
 */
import type { ChainDay, ChainRequest, FetchProgress, LiveDataNote } from '../../app/ports/live-data.ts';
import { SATS_PER_BTC } from '../../protocol/consensus-params.ts';
import { blockSubsidySats } from '../../protocol/subsidy.ts';
import { dayStartUnixS, isoFromDay, SECONDS_PER_DAY, type DayNumber } from '../../units/calendar-day.ts';
import { btcFromSats } from '../../units/quantities.ts';
import { ProviderError } from '../http/provider-error.ts';
import { GENESIS_TIME_S, isoTime, MAX_TIME_STEP_S } from './bitcoind-header-time.ts';
import type { BitcoindRpc } from './bitcoind-rpc.ts';
import { labelOf } from './bitcoind-rpc-errors.ts';
import { BLOCK_STATS_FIELDS, type BlockStats } from './bitcoind-rpc-methods.ts';

const PROVIDER = 'bitcoind';

/** Per-block fees above 50 BTC are noted (mainnet has had a few such blocks); above MAX_MONEY they are refused. */
const NOTE_BLOCK_FEE_SATS = 50n * SATS_PER_BTC;
/** `MAX_MONEY` (src/consensus/amount.h): 21,000,000 BTC. */
const MAX_MONEY_SATS = 21_000_000n * SATS_PER_BTC;
/** A day with fewer or more blocks than these is noted (one quarter and twice the 144 a day at 10 min). */
const MIN_DAY_BLOCKS = 72;
const MAX_DAY_BLOCKS = 288;
/** A day whose fees exceed this multiple of the median day's fees is noted. */
const FEES_OUTLIER_FACTOR = 5;

interface DayTally {
  day: DayNumber;
  /** 00:00 UTC of the next day, unix seconds. */
  endS: number;
  feesSats: bigint;
  blocks: number;
}

/** Walks heights from firstHeight and cuts complete days firstDay … lastDay (fewer when the tip comes first). */
export async function fetchDays(
  rpc: BitcoindRpc,
  request: ChainRequest,
  firstDay: DayNumber,
  lastDay: DayNumber,
  tip: number,
  batchSize: number,
  progress: FetchProgress,
  notes: LiveDataNote[],
): Promise<{ days: ChainDay[]; blockTimes: Map<number, number> }> {
  const days: ChainDay[] = [];
  const counts: number[] = [];
  const blockTimes = new Map<number, number>();
  let tally: DayTally = { day: firstDay, endS: dayStartUnixS(firstDay) + SECONDS_PER_DAY, feesSats: 0n, blocks: 0 };
  let previousTimeS: number | undefined;
  let finished = firstDay > lastDay;
  const upperBound = Math.max(0, tip - request.firstHeight + 1);
  let done = 0;
  for (let start = request.firstHeight; start <= tip && !finished; start += batchSize) {
    const heights = Array.from({ length: Math.min(batchSize, tip - start + 1) }, (_, index) => start + index);
    const stats = await rpc.batch(
      'getblockstats',
      heights.map((height) => [height, BLOCK_STATS_FIELDS] as [number, typeof BLOCK_STATS_FIELDS]),
    );
    for (const [index, height] of heights.entries()) {
      const block = stats[index] as BlockStats;
      checkBlock(height, block, previousTimeS, notes);
      if (previousTimeS === undefined && block.time < dayStartUnixS(firstDay) - MAX_TIME_STEP_S) {
        notes.push({
          code: 'first-block-early',
          date: isoFromDay(firstDay),
          message:
            `${PROVIDER}: block ${height}, the first of ${isoFromDay(firstDay)} by the local data, ` +
            `is stamped ${isoTime(block.time)}, more than 2 h before the day begins: ` +
            "the local data and the node may disagree about the day's first height",
        });
      }
      blockTimes.set(height, block.time);
      previousTimeS = block.time;
      // ChainDay: the day ends before the first block stamped at or after the next midnight.
      while (block.time >= tally.endS) {
        days.push({ date: isoFromDay(tally.day), tipHeight: height - 1, feesBtc: btcFromSats(tally.feesSats) });
        counts.push(tally.blocks);
        if (tally.day === lastDay) {
          finished = true;
          break;
        }
        const day = (tally.day + 1) as DayNumber;
        tally = { day, endS: tally.endS + SECONDS_PER_DAY, feesSats: 0n, blocks: 0 };
      }
      if (finished) break;
      tally.feesSats += BigInt(block.totalfee);
      tally.blocks++;
      if (BigInt(block.totalfee) > NOTE_BLOCK_FEE_SATS) {
        notes.push({
          code: 'block-fee-outlier',
          date: isoFromDay(tally.day),
          message:
            `${PROVIDER}: block ${height} pays ${btcFromSats(BigInt(block.totalfee))} BTC in fees, ` +
            'more than 50 BTC; kept',
        });
      }
    }
    done += heights.length;
    if (!finished && done < upperBound) progress({ source: PROVIDER, done, total: upperBound, unit: 'blocks' });
  }
  // The last line says how many blocks the days took (fewer than the tip bound when lastDay ends before the tip).
  progress({ source: PROVIDER, done, total: done, unit: 'blocks' });
  notes.push(...outlierNotes(days, counts));
  return { days, blockTimes };
}

/** One block's figures against the height asked for, the consensus subsidy and its predecessor's time. */
function checkBlock(height: number, block: BlockStats, previousTimeS: number | undefined, notes: LiveDataNote[]): void {
  const label = labelOf('getblockstats', [height]);
  const refuse = (message: string) => new ProviderError(PROVIDER, 'invalid-response', `${label}${message}`);
  if (block.height !== height) {
    throw refuse(`.height: the node answered for height ${block.height}, not ${height} (a missing or repeated height)`);
  }
  const subsidySats = blockSubsidySats(height);
  if (BigInt(block.subsidy) !== subsidySats) {
    throw refuse(
      `.subsidy: ${block.subsidy} sats is not the consensus subsidy of height ${height} ` +
        `(${subsidySats} sats, GetBlockSubsidy)`,
    );
  }
  if (BigInt(block.totalfee) > MAX_MONEY_SATS)
    throw refuse(`.totalfee: ${block.totalfee} sats exceeds all the bitcoin there can be (MAX_MONEY)`);
  if (block.time < GENESIS_TIME_S || block.time > 0xffffffff)
    throw refuse(`.time: ${block.time} is not a header time between the genesis block and 2106`);
  if (previousTimeS !== undefined) {
    if (block.time < previousTimeS - MAX_TIME_STEP_S) {
      throw refuse(
        `.time: ${isoTime(block.time)} is more than 2 h before block ${height - 1} (${isoTime(previousTimeS)})`,
      );
    }
    if (block.time > previousTimeS + MAX_TIME_STEP_S) {
      notes.push({
        code: 'block-gap',
        date: isoTime(block.time).slice(0, 10),
        message:
          `${PROVIDER}: block ${height} is stamped ${Math.round((block.time - previousTimeS) / 60)} min ` +
          `after block ${height - 1}; kept`,
      });
    }
  }
}

/** Days with an unusual block count, or fees above FEES_OUTLIER_FACTOR × the median day of this fetch. */
function outlierNotes(days: readonly ChainDay[], counts: readonly number[]): LiveDataNote[] {
  const notes: LiveDataNote[] = [];
  const fees = days.map((day) => day.feesBtc ?? 0).sort((a, b) => a - b);
  const middle = Math.floor(fees.length / 2);
  const medianBtc =
    fees.length === 0
      ? 0
      : fees.length % 2 === 1
        ? (fees[middle] as number)
        : ((fees[middle - 1] as number) + (fees[middle] as number)) / 2;
  for (const [index, day] of days.entries()) {
    const blocks = counts[index] as number;
    if (blocks < MIN_DAY_BLOCKS || blocks > MAX_DAY_BLOCKS) {
      notes.push({
        code: 'block-count-outlier',
        date: day.date,
        message: `${PROVIDER}: ${day.date} has ${blocks} blocks (usual ${MIN_DAY_BLOCKS}–${MAX_DAY_BLOCKS}); kept`,
      });
    }
    if (day.feesBtc !== null && medianBtc > 0 && day.feesBtc > FEES_OUTLIER_FACTOR * medianBtc) {
      notes.push({
        code: 'fees-outlier',
        date: day.date,
        message:
          `${PROVIDER}: ${day.date} fees ${day.feesBtc} BTC are more than ${FEES_OUTLIER_FACTOR}× ` +
          `the median day of this fetch (${medianBtc} BTC); kept`,
      });
    }
  }
  return notes;
}
