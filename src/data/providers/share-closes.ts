/**
 * What the share-price providers share (issue 20): their client (address policy, timeout, body cap, retries and
 * breaker of src/data/http), the ticker check, and the checks on the closes read. A close must lie within the company
 * file's share-price bounds (src/schema/bounds.ts), the days must ascend (one close per day), and only days before
 * the current UTC day are kept (today's session may not have closed). A close more than 50% from the previous one
 * that no reported split explains is noted, never removed: a split a source does not report shows up so.
 */
import type { ShareClose, SharePriceSourceId, ShareSplit } from '../../app/ports/share-prices.ts';
import type { LiveDataNote } from '../../app/ports/live-data.ts';
import { SHARE_PRICE_USD } from '../../schema/bounds.ts';
import { dayFromIso, dayOfUnixS, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { ProviderError, type ProviderFailure } from '../http/provider-error.ts';
import { providerApi, type ProviderApi, type ProviderApiConfig } from './provider-api.ts';

/** `maxBodyBytes` defaults to DEFAULT_SHARE_BODY_BYTES (twenty years of daily candles are under 1 MiB). */
export type ShareApiConfig = ProviderApiConfig;

export const DEFAULT_SHARE_BODY_BYTES = 4 * 1024 * 1024;
/** A day-over-day move larger than this fraction, no split reported, is noted. */
export const SHARE_JUMP_FRACTION = 0.5;
/** What a ticker may be (the company file's rule, src/schema/company.ts): it goes into a URL path. */
const TICKER = /^[A-Z][A-Z.]{0,9}$/;

export type ShareApi = ProviderApi<SharePriceSourceId>;

export function shareApi(
  source: SharePriceSourceId,
  defaultUrl: string,
  config: ShareApiConfig,
  headers: Record<string, string> = {},
): ShareApi {
  return providerApi(source, defaultUrl, { maxBodyBytes: DEFAULT_SHARE_BODY_BYTES, ...config }, headers);
}

/** The ticker as it goes into a path; anything else is refused before a request is made. */
export function checkedTicker(source: SharePriceSourceId, ticker: string): string {
  if (!TICKER.test(ticker))
    throw new ProviderError(source, 'invalid-response', `"${ticker}" is not a ticker (capitals and dots, ≤ 10)`);
  return ticker;
}

export function invalidShareAnswer(
  source: SharePriceSourceId,
  where: string,
  path: string,
  expected: string,
  got: unknown,
): ProviderError {
  const shown = JSON.stringify(got) ?? String(got);
  const gotText = shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
  return new ProviderError(
    source,
    'invalid-response',
    `${where}${path === '' ? '' : ` ${path}`}: ${expected}, got ${gotText}`,
  );
}

export function shareFailure(
  source: SharePriceSourceId,
  failure: ProviderFailure,
  where: string,
  message: string,
): ProviderError {
  return new ProviderError(source, failure, `${where}: ${message}`);
}

/** A currency the source names for the quote: only USD is accepted (no conversion is made; docs/data.md). */
export function requireUsd(source: SharePriceSourceId, where: string, ticker: string, currency: unknown): void {
  if (currency !== 'USD')
    throw shareFailure(
      source,
      'wrong-currency',
      where,
      `${ticker} is quoted in ${typeof currency === 'string' ? currency.slice(0, 12) : 'no stated currency'}, ` +
        'not USD; rerate converts no share price',
    );
}

/** One close as read, in the source's order; `path` locates it in the answer. */
export interface ReadClose {
  day: DayNumber;
  closeUsd: number;
  path: string;
}

/** The span of a request: firstDay … lastDay, and the current UTC day (it and later days are not kept). */
export interface ShareSpan {
  first: DayNumber;
  last: DayNumber;
  today: DayNumber;
}

export function shareSpan(firstDay: string, lastDay: string, nowMs: number): ShareSpan {
  const first = dayFromIso(firstDay);
  const last = dayFromIso(lastDay);
  if (last < first) throw new RangeError(`lastDay ${lastDay} is before firstDay ${firstDay}`);
  return { first, last, today: dayOfUnixS(Math.floor(nowMs / 1000)) };
}

/** Checks bounds and order, keeps the span's complete days, notes jumps no reported split explains. */
export function checkedShareCloses(
  source: SharePriceSourceId,
  where: string,
  ticker: string,
  read: readonly ReadClose[],
  splits: readonly ShareSplit[],
  span: ShareSpan,
): { closes: ShareClose[]; notes: LiveDataNote[] } {
  const closes: ShareClose[] = [];
  const notes: LiveDataNote[] = [];
  const splitDays = new Set(splits.map((split) => split.date));
  let previous: ReadClose | undefined;
  for (const close of read) {
    if (!(close.closeUsd >= SHARE_PRICE_USD.min && close.closeUsd <= SHARE_PRICE_USD.max))
      throw invalidShareAnswer(
        source,
        where,
        close.path,
        `expected a close within ${SHARE_PRICE_USD.min} … ${SHARE_PRICE_USD.max} USD for ${isoFromDay(close.day)}`,
        close.closeUsd,
      );
    if (previous && close.day <= previous.day)
      throw invalidShareAnswer(
        source,
        where,
        close.path,
        `expected a day after ${isoFromDay(previous.day)} (one close per day, ascending)`,
        isoFromDay(close.day),
      );
    const date = isoFromDay(close.day);
    if (close.day >= span.first && close.day <= span.last && close.day < span.today) {
      closes.push({ date, closeUsd: close.closeUsd });
      const change = previous ? close.closeUsd / previous.closeUsd - 1 : 0;
      if (previous && Math.abs(change) > SHARE_JUMP_FRACTION && !splitDays.has(date))
        notes.push({
          code: 'share-price-jump',
          date,
          message:
            `${source}: ${ticker} closed at ${close.closeUsd} USD on ${date}, ${(change * 100).toFixed(0)}% from ` +
            `${previous.closeUsd} USD on ${isoFromDay(previous.day)}, and the source reports no split; kept`,
        });
    }
    previous = close;
  }
  return { closes, notes };
}

/** Splits inside the span, ascending; a factor must be positive and finite and not 1. */
export function splitsInSpan(splits: readonly ShareSplit[], span: ShareSpan): ShareSplit[] {
  return splits
    .filter((split) => {
      const day = dayFromIso(split.date);
      return day >= span.first && day <= span.last;
    })
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}
