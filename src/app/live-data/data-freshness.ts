/**
 * When a data series counts as stale (DESIGN.md §9), and the warnings that say so next to the numbers. A series is
 * judged at a reference day: today when the run describes the present (its as-of is the data's last day or later),
 * else the run's own as-of date (a historical run is not stale for having old data). Thresholds, in days behind the
 * reference day:
 * - blocks, difficulty, price: 2 — the last complete UTC day is yesterday, so 2 allows one missed refresh;
 * - fees: 3 — a node or mempool.space gives them with the blocks, one more day of slack for an exchange-only refresh;
 * - epochs: 16 — an epoch lasts about 14 days, plus the same two days of slack.
 */
import { dayFromIso, isoFromDay, parseIsoDay, type DayNumber } from '../../units/calendar-day.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import { STALE_DATA_WARNING } from '../../schema/result-envelope.ts';
import type { ShareCloseHistory } from '../../schema/share-close-table.ts';

export const STALE_AFTER_DAYS: Readonly<Record<string, number>> = {
  blocks: 2,
  difficulty: 2,
  price: 2,
  fees: 3,
  epochs: 16,
};

export interface SeriesFreshness {
  series: string;
  lastDay: string;
  /** Whole days from the series' last day to the reference day. */
  ageDays: number;
  staleAfterDays: number;
  stale: boolean;
}

/** The reference day of a run: today when its as-of reaches the end of the data (blocks), else its as-of. */
export function referenceDay(asOf: string, dataAsOf: Readonly<Record<string, string>>, today: string): string {
  const blocksEnd = dataAsOf['blocks'];
  return blocksEnd === undefined || asOf === '' || asOf >= blocksEnd ? today : asOf;
}

export function freshnessOf(dataAsOf: Readonly<Record<string, string>>, reference: string): SeriesFreshness[] {
  const referenceNumber = dayFromIso(reference);
  return Object.entries(dataAsOf)
    .filter(([series]) => STALE_AFTER_DAYS[series] !== undefined)
    .map(([series, lastDay]) => {
      const last = parseIsoDay(lastDay);
      const ageDays = last === undefined ? Infinity : referenceNumber - last;
      const staleAfterDays = STALE_AFTER_DAYS[series] as number;
      return { series, lastDay, ageDays, staleAfterDays, stale: ageDays > staleAfterDays };
    });
}

/** One `stale-data` warning per stale series a run used. */
export function staleDataWarnings(
  asOf: string,
  dataAsOf: Readonly<Record<string, string>>,
  today: string,
): ResultWarning[] {
  const reference = referenceDay(asOf, dataAsOf, today);
  const against = reference === today ? `today (${today})` : `the as-of date ${reference}`;
  return freshnessOf(dataAsOf, reference)
    .filter((entry) => entry.stale)
    .map((entry) => ({
      code: STALE_DATA_WARNING,
      field: `dataAsOf.${entry.series}`,
      message:
        `${entry.series} data ends ${entry.lastDay}, ` +
        `${Number.isFinite(entry.ageDays) ? `${entry.ageDays} days` : 'long'} before ${against} ` +
        `(stale after ${entry.staleAfterDays}); ` +
        'figures use the last known values — run `rerate data refresh` for newer data',
    }));
}

/** Today as a UTC calendar day, from a unix time in ms (the clock itself is read at the edge). */
export function utcDayOf(unixMs: number): string {
  return isoFromDay(Math.floor(unixMs / 86_400_000) as DayNumber);
}

/**
 * Share closes are stale after 4 days: Friday's close is 3 days old on Monday, 4 on the Tuesday after a Monday
 * holiday (US exchanges close on weekends and about ten holidays a year).
 */
export const SHARE_STALE_AFTER_DAYS = 4;

export interface ShareFreshness {
  ticker: string;
  lastDay: string | null;
  closeUsd: number | null;
  sources: string[];
  ageDays: number | null;
  staleAfterDays: number;
  stale: boolean;
}

/** Each ticker's last stored close and its age at `reference`; a ticker with none is stale. */
export function shareFreshness(
  history: ShareCloseHistory,
  tickers: readonly string[],
  reference: string,
): ShareFreshness[] {
  return tickers.map((ticker) => {
    const rows = history.get(ticker) ?? [];
    const last = rows[rows.length - 1];
    const ageDays = last ? dayFromIso(reference) - dayFromIso(last.date) : null;
    return {
      ticker,
      lastDay: last?.date ?? null,
      closeUsd: last?.closeUsd ?? null,
      sources: last?.sources ?? [],
      ageDays,
      staleAfterDays: SHARE_STALE_AFTER_DAYS,
      stale: ageDays === null || ageDays > SHARE_STALE_AFTER_DAYS,
    };
  });
}

/** One `stale-share-price` warning per ticker whose last stored close is stale (or missing) at the reference day. */
export function staleShareWarnings(freshness: readonly ShareFreshness[]): ResultWarning[] {
  return freshness
    .filter((entry) => entry.stale)
    .map((entry) => ({
      code: 'stale-share-price',
      field: `shares.${entry.ticker}`,
      message:
        `${entry.ticker}: the last stored close is ${entry.lastDay ? `of ${entry.lastDay}` : 'missing'}` +
        `${entry.ageDays === null ? '' : `, ${entry.ageDays} days before today`} ` +
        `(stale after ${SHARE_STALE_AFTER_DAYS}) — run \`rerate data refresh\``,
    }));
}
