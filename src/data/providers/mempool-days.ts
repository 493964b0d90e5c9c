/**
 * UTC days from mempool.space blocks: each day's tip height by the header-time rule of ChainDay and its fees, and
 * the days whose fees stand out from the rest of the fetch.
 */
import type { ChainDay, FetchProgress, LiveDataNote } from '../../app/ports/live-data.ts';
import { dayStartUnixS, isoFromDay, SECONDS_PER_DAY, type DayNumber } from '../../units/calendar-day.ts';
import { ProviderError } from '../http/provider-error.ts';
import type { ApiBlock, BlockReader } from './mempool-block-reader.ts';

/** A day whose fees exceed this multiple of the median of the fetched days is flagged (not dropped). */
const FEES_OUTLIER_MULTIPLE = 5;
const SATS_PER_BTC = 100_000_000;

/**
 * Days by the header-time rule: scanning up from firstHeight, a day ends at the block before the first block stamped
 * at or after the next midnight UTC. Stops early, without error, at a day no later block has closed yet.
 */
export async function scanDays(
  reader: BlockReader,
  firstHeight: number,
  firstDay: DayNumber,
  lastDay: DayNumber,
  tipHeight: number,
  progress: FetchProgress,
): Promise<ChainDay[]> {
  const days: ChainDay[] = [];
  const totalDays = lastDay - firstDay + 1;
  progress({ source: 'mempool', done: 0, total: totalDays, unit: 'days' });
  let day = firstDay;
  let nextMidnightS = dayStartUnixS(day) + SECONDS_PER_DAY;
  let feesSats = 0;
  let previous: ApiBlock | undefined;
  let height = firstHeight;
  while (height <= tipHeight) {
    const { blocks, where } = await reader.page(height);
    if (blocks.length === 0) break;
    for (const block of blocks) {
      if (previous && block.previousHash !== previous.id) {
        throw new ProviderError(
          'mempool',
          'invalid-response',
          `${where}: block ${block.height}: previousblockhash ${block.previousHash} ` +
            `is not the hash of block ${previous.height} (${previous.id}) read before`,
        );
      }
      while (block.timeS >= nextMidnightS) {
        days.push({ date: isoFromDay(day), tipHeight: block.height - 1, feesBtc: feesSats / SATS_PER_BTC });
        progress({ source: 'mempool', done: days.length, total: totalDays, unit: 'days' });
        if (day === lastDay) return days;
        day = (day + 1) as DayNumber;
        nextMidnightS += SECONDS_PER_DAY;
        feesSats = 0;
      }
      feesSats += block.totalFeesSats;
      previous = block;
    }
    height = (previous?.height ?? height) + 1;
  }
  return days;
}

/** Days whose fees exceed FEES_OUTLIER_MULTIPLE × the median of the fetched days: flagged, kept. */
export function feesOutliers(days: readonly ChainDay[]): LiveDataNote[] {
  const fees = days
    .map((day) => day.feesBtc)
    .filter((value): value is number => value !== null)
    .sort((a, b) => a - b);
  if (fees.length < 2) return [];
  const middle = fees.length / 2;
  const median =
    fees.length % 2 === 1
      ? (fees[Math.floor(middle)] as number)
      : ((fees[middle - 1] as number) + (fees[middle] as number)) / 2;
  return days
    .filter((day) => day.feesBtc !== null && day.feesBtc > FEES_OUTLIER_MULTIPLE * median)
    .map((day) => ({
      code: 'fees-outlier',
      date: day.date,
      message:
        `mempool: ${day.date} fees ${(day.feesBtc as number).toFixed(8)} BTC ` +
        `are more than ${FEES_OUTLIER_MULTIPLE}× the median of the fetched days (${median.toFixed(8)} BTC); kept`,
    }));
}
