/**
 * Merges what live providers fetched into the local data tables (the daily series, the difficulty epochs and the
 * exchanges' daily closes, as CSV texts). The rules keep history stable and a refresh idempotent:
 * - days after the last stored day are appended, their blocks counted from the stored tip so heights stay continuous;
 * - a stored day is never changed, only its empty fees or price filled (and fees only when the source's day covers
 *   exactly the stored day's heights);
 * - an epoch's bits must match what is stored (a mismatch is another chain or bad data: the fetch is refused); an
 *   estimated ("derived") start time is replaced by the header time;
 * - a close already stored for a day and source is kept; a different value is noted, not overwritten.
 * The caller validates the merged texts with the same reader as the embedded data before writing anything.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from '../../protocol/consensus-params.ts';
import { difficultyFromBits } from '../../protocol/difficulty.ts';
import { issuanceSatsBetween } from '../../protocol/subsidy.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import type { ChainFetch, LiveDataNote } from '../ports/live-data.ts';
import { PRICE_DISAGREEMENT_RATIO, priceConsensus, type SourcedClose } from './price-consensus.ts';
import type { NetworkTables } from '../ports/local-data.ts';

export const DAILY_TABLE_HEADER = 'date,blocks,price_usd,difficulty,fees_btc,issuance_btc,source,price_source';
export const EPOCHS_TABLE_HEADER = 'epoch,start_height,bits,start_time_unix,start_time_source,chainwork_at_start_hex';
export const CLOSES_TABLE_HEADER = 'date,source,close_usd';
/** The price source code of days priced from the exchanges' consensus. */
export const EXCHANGES_PRICE_SOURCE = 'exchanges';

export interface MergeSummary {
  daysAdded: number;
  feesFilled: number;
  pricesFilled: number;
  epochsAdded: number;
  /** Stored epochs whose estimated start time was replaced by the header time. */
  epochTimesFromHeaders: number;
  closesAdded: number;
}

export interface MergeOutcome {
  tables: NetworkTables;
  summary: MergeSummary;
  notes: LiveDataNote[];
}

/** Fetched data that contradicts the stored data: the source's data is refused as a whole. */
export class LiveDataConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveDataConflict';
  }
}

export function mergeLiveData(
  current: NetworkTables,
  chain: ChainFetch | undefined,
  closes: readonly SourcedClose[],
): MergeOutcome {
  const summary: MergeSummary = {
    daysAdded: 0,
    feesFilled: 0,
    pricesFilled: 0,
    epochsAdded: 0,
    epochTimesFromHeaders: 0,
    closesAdded: 0,
  };
  const notes: LiveDataNote[] = [];
  const epochs = rowsOf(current.epochs);
  const daily = rowsOf(current.daily).map((row) => (row.length === 7 ? [...row, row[6] as string] : row));
  if (chain) {
    mergeEpochs(epochs, chain, summary);
    mergeDays(daily, epochs, chain, summary, notes);
  }
  const storedCloses = rowsOf(current.closes);
  const allCloses = mergeCloses(storedCloses, closes, summary, notes);
  fillPrices(daily, allCloses, new Set(closes.map((close) => close.date)), summary, notes);
  return {
    tables: {
      daily: textOf(DAILY_TABLE_HEADER, daily),
      epochs: textOf(EPOCHS_TABLE_HEADER, epochs),
      closes: textOf(
        CLOSES_TABLE_HEADER,
        allCloses.map((close) => [close.date, close.source, String(close.closeUsd)]),
      ),
    },
    summary,
    notes,
  };
}

/** Where stored data ends: its last day, the tip height at the end of each day, and the epochs. */
export function tablesExtent(tables: NetworkTables): {
  firstDay: string;
  lastDay: string;
  /** The last day with a price. */
  lastPricedDay: string;
  tipAtEndOf(date: string): number | undefined;
  epochCount: number;
  firstDerivedEpoch: number | undefined;
} {
  const daily = rowsOf(tables.daily);
  const epochs = rowsOf(tables.epochs);
  const tips: number[] = [];
  let tip = 0;
  for (const row of daily) tips.push((tip += Number(row[1])));
  const firstDay = (daily[0] as string[])[0] as string;
  const derived = epochs.find((row) => row[4] === 'derived');
  const priced = [...daily].reverse().find((row) => row[2] !== '');
  return {
    firstDay,
    lastDay: (daily[daily.length - 1] as string[])[0] as string,
    lastPricedDay: priced ? (priced[0] as string) : isoFromDay((dayFromIso(firstDay) - 1) as DayNumber),
    tipAtEndOf: (date) => tips[dayFromIso(date) - dayFromIso(firstDay)],
    epochCount: epochs.length,
    firstDerivedEpoch: derived ? Number(derived[0]) : undefined,
  };
}

/** Whether a merge added or filled anything. */
export function mergeChangedAnything(summary: MergeSummary): boolean {
  return Object.values(summary).some((count) => count > 0);
}

function mergeEpochs(epochs: string[][], chain: ChainFetch, summary: MergeSummary): void {
  for (const fetched of chain.epochs) {
    const where = `${chain.source}: epoch ${fetched.epoch}`;
    if (fetched.startHeight !== fetched.epoch * DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS) {
      throw new LiveDataConflict(
        `${where} starts at height ${fetched.startHeight}, ` +
          `not ${fetched.epoch * DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS}`,
      );
    }
    const bitsHex = `0x${fetched.bits.toString(16).padStart(8, '0')}`;
    const chainwork = fetched.chainworkHex === null ? '' : fetched.chainworkHex.replace(/^0+/, '').toLowerCase() || '0';
    if (fetched.epoch === epochs.length) {
      epochs.push([
        String(fetched.epoch),
        String(fetched.startHeight),
        bitsHex,
        String(fetched.startTimeUnixS),
        'header',
        chainwork,
      ]);
      summary.epochsAdded++;
      continue;
    }
    const stored = epochs[fetched.epoch];
    if (!stored)
      throw new LiveDataConflict(`${where} leaves a gap: the local data lists epochs up to ${epochs.length - 1}`);
    if (stored[2] !== bitsHex)
      throw new LiveDataConflict(
        `${where} has bits ${bitsHex}, but the local data has ${stored[2]}: another chain, or bad data`,
      );
    if (stored[4] === 'derived') {
      stored[3] = String(fetched.startTimeUnixS);
      stored[4] = 'header';
      summary.epochTimesFromHeaders++;
    } else if (stored[3] !== String(fetched.startTimeUnixS)) {
      throw new LiveDataConflict(
        `${where} starts at header time ${fetched.startTimeUnixS}, but the local data has ${stored[3]}`,
      );
    }
    if (chainwork !== '' && stored[5] === '') stored[5] = chainwork;
  }
}

function mergeDays(
  daily: string[][],
  epochs: string[][],
  chain: ChainFetch,
  summary: MergeSummary,
  notes: LiveDataNote[],
): void {
  if (chain.days.length === 0) return;
  const firstStored = dayFromIso((daily[0] as string[])[0] as string);
  const tips: number[] = [];
  let tip = 0;
  for (const row of daily) tips.push((tip += Number(row[1])));
  const storedTipAt = (day: DayNumber): number | undefined => tips[day - firstStored];
  const firstFetched = dayFromIso((chain.days[0] as { date: string }).date);
  const before = storedTipAt((firstFetched - 1) as DayNumber);
  if (before === undefined) {
    throw new LiveDataConflict(
      `${chain.source}: the fetched days start on ${isoFromDay(firstFetched)}, after a gap in the local data, ` +
        `which ends ${(daily[daily.length - 1] as string[])[0]}`,
    );
  }
  const difficultyOfEpoch = epochs.map((row) => difficultyFromBits(Number.parseInt(row[2] as string, 16)));
  // The fetched day's first height: the provider counted from the stored tip of the day before.
  let fetchedPrevious = before;
  for (const [offset, fetched] of chain.days.entries()) {
    const day = (firstFetched + offset) as DayNumber;
    if (fetched.date !== isoFromDay(day))
      throw new LiveDataConflict(
        `${chain.source}: expected consecutive days, found ${fetched.date} after ${isoFromDay((day - 1) as DayNumber)}`,
      );
    if (fetched.tipHeight < fetchedPrevious)
      throw new LiveDataConflict(
        `${chain.source}: ${fetched.date} ends at height ${fetched.tipHeight}, ` +
          `below the day before's ${fetchedPrevious}`,
      );
    const storedTip = storedTipAt(day);
    if (storedTip !== undefined) {
      const row = daily[day - firstStored] as string[];
      const storedPrevious = storedTipAt((day - 1) as DayNumber) as number;
      if (storedTip !== fetched.tipHeight || storedPrevious !== fetchedPrevious) {
        notes.push({
          code: 'chain-day-differs',
          message:
            `${fetched.date}: ${chain.source} counts heights ${fetchedPrevious + 1}–${fetched.tipHeight}, ` +
            `the local data ${storedPrevious + 1}–${storedTip}; the stored day is kept`,
        });
      } else if (row[4] === '' && fetched.feesBtc !== null) {
        row[4] = fetched.feesBtc.toFixed(8);
        summary.feesFilled++;
      }
    } else {
      const lastTip = tips[tips.length - 1] as number;
      const firstHeight = lastTip + 1;
      const lastHeight = fetched.tipHeight;
      const blocks = lastHeight - lastTip;
      if (blocks < 0)
        throw new LiveDataConflict(
          `${chain.source}: ${fetched.date} ends at height ${lastHeight}, below the local tip ${lastTip}`,
        );
      // Fees are kept only when the source summed them over exactly the heights this row counts.
      const feesExact = fetchedPrevious === lastTip && fetched.feesBtc !== null;
      if (!feesExact && fetched.feesBtc !== null) {
        notes.push({
          code: 'fees-not-aligned',
          message:
            `${fetched.date}: ${chain.source}'s fees cover heights from ${fetchedPrevious + 1}, ` +
            `the row from ${firstHeight}; left empty`,
        });
      }
      if (feesExact && blocks > 0)
        noteFeesOutlier(daily, fetched.date, (fetched.feesBtc as number) / blocks, chain.source, notes);
      daily.push([
        fetched.date,
        String(blocks),
        '',
        blocks > 0 ? String(meanDifficulty(firstHeight, lastHeight, difficultyOfEpoch, chain.source)) : '',
        feesExact ? (fetched.feesBtc as number).toFixed(8) : '',
        (Number(issuanceSatsBetween(firstHeight, lastHeight)) / 1e8).toFixed(8),
        chain.source,
        '',
      ]);
      tips.push(lastHeight);
      summary.daysAdded++;
    }
    fetchedPrevious = fetched.tipHeight;
  }
}

/** The trailing stored days a new day's fees per block are compared with. */
const FEES_OUTLIER_WINDOW_DAYS = 28;
/** Fees per block more than this multiple of the trailing median are flagged (kept, never dropped). */
const FEES_OUTLIER_RATIO = 5;
/** A price more than this fraction away from the day before's is flagged (kept). */
const PRICE_JUMP_FRACTION = 0.2;

/** Flags a new day whose fees per block are far above the trailing stored days' median (a fee spike, or bad data). */
function noteFeesOutlier(
  daily: readonly string[][],
  date: string,
  feesPerBlockBtc: number,
  source: string,
  notes: LiveDataNote[],
): void {
  const recent: number[] = [];
  for (let i = daily.length - 1; i >= 0 && recent.length < FEES_OUTLIER_WINDOW_DAYS; i--) {
    const row = daily[i] as string[];
    if (row[4] !== '' && Number(row[1]) > 0) recent.push(Number(row[4]) / Number(row[1]));
  }
  if (recent.length === 0) return;
  recent.sort((a, b) => a - b);
  const median = recent[Math.floor(recent.length / 2)] as number;
  if (feesPerBlockBtc > FEES_OUTLIER_RATIO * median) {
    notes.push({
      code: 'fees-outlier',
      date,
      message:
        `${date}: ${source} reports ${feesPerBlockBtc.toFixed(4)} BTC of fees per block, ` +
        `over ${FEES_OUTLIER_RATIO}× the median of the ${recent.length} days before (${median.toFixed(4)}); kept`,
    });
  }
}

/** Mean difficulty of heights first … last, from the difficulty of each height's epoch. */
function meanDifficulty(first: number, last: number, difficultyOfEpoch: readonly number[], source: string): number {
  let sum = 0;
  for (let height = first; height <= last;) {
    const epoch = Math.floor(height / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS);
    const difficulty = difficultyOfEpoch[epoch];
    if (difficulty === undefined)
      throw new LiveDataConflict(`${source}: height ${height} is in epoch ${epoch}, which the fetch did not deliver`);
    const epochEnd = Math.min(last, (epoch + 1) * DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS - 1);
    sum += (epochEnd - height + 1) * difficulty;
    height = epochEnd + 1;
  }
  return sum / (last - first + 1);
}

function mergeCloses(
  stored: string[][],
  fetched: readonly SourcedClose[],
  summary: MergeSummary,
  notes: LiveDataNote[],
): SourcedClose[] {
  const byKey = new Map<string, SourcedClose>();
  for (const row of stored)
    byKey.set(`${row[0]} ${row[1]}`, { date: row[0] as string, source: row[1] as string, closeUsd: Number(row[2]) });
  for (const close of fetched) {
    const key = `${close.date} ${close.source}`;
    const kept = byKey.get(key);
    if (!kept) {
      byKey.set(key, close);
      summary.closesAdded++;
    } else if (kept.closeUsd !== close.closeUsd) {
      notes.push({
        code: 'close-revised',
        message:
          `${close.date}: ${close.source} now reports a close of ${close.closeUsd}, ` +
          `the store has ${kept.closeUsd}; the stored close is kept`,
      });
    }
  }
  return [...byKey.values()].sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.source < b.source ? -1 : a.source > b.source ? 1 : 0,
  );
}

function fillPrices(
  daily: string[][],
  closes: readonly SourcedClose[],
  fetchedDates: ReadonlySet<string>,
  summary: MergeSummary,
  notes: LiveDataNote[],
): void {
  const consensus = priceConsensus(closes);
  for (const note of consensus.notes) if (fetchedDates.has(note.date ?? '')) notes.push(note);
  const priceByDate = new Map(consensus.prices.map((price) => [price.date, price]));
  for (const row of daily) {
    const price = priceByDate.get(row[0] as string);
    if (!price) continue;
    if (row[2] === '') {
      row[2] = price.priceUsd.toFixed(2);
      row[7] = EXCHANGES_PRICE_SOURCE;
      summary.pricesFilled++;
      const before = previousPrice(daily, row);
      if (before !== undefined && Math.abs(price.priceUsd / before - 1) > PRICE_JUMP_FRACTION) {
        notes.push({
          code: 'price-jump',
          date: price.date,
          message:
            `${price.date}: the exchanges' price ${price.priceUsd.toFixed(2)} ` +
            `is ${((price.priceUsd / before - 1) * 100).toFixed(1)}% from the day before's ${before.toFixed(2)}; kept`,
        });
      }
    } else if (fetchedDates.has(row[0] as string) && row[7] !== EXCHANGES_PRICE_SOURCE) {
      const stored = Number(row[2]);
      const gap = Math.abs(stored - price.priceUsd) / Math.min(stored, price.priceUsd);
      if (gap > PRICE_DISAGREEMENT_RATIO) {
        notes.push({
          code: 'price-differs-from-data',
          message:
            `${row[0]}: the stored price (${row[7]}) is ${stored.toFixed(2)}, ` +
            `the exchanges' close ${price.priceUsd.toFixed(2)}, ` +
            `${(gap * 100).toFixed(2)}% apart; the stored price is kept`,
        });
      }
    }
  }
}

/** The price of the day before `row`, when it has one. */
function previousPrice(daily: readonly string[][], row: readonly string[]): number | undefined {
  const before = daily[daily.indexOf(row as string[]) - 1];
  return before && before[2] !== '' ? Number(before[2]) : undefined;
}

function rowsOf(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

function textOf(header: string, rows: readonly (readonly string[])[]): string {
  return `${[header, ...rows.map((row) => row.join(','))].join('\n')}\n`;
}
