/**
 * What the exchange price providers share (DESIGN.md §9): their client, the span of complete UTC days a request
 * covers, readers of candle fields that name the field's path, and the checks on the closes. A candle must open at
 * 00:00 UTC, close within 100 … 10,000,000 USD, and come after the previous one (one per day); days not complete by
 * the clock are dropped; a close more than 20% from the previous day's and days the source lacks are noted, never
 * removed or filled.
 */
import type {
  DailyClose,
  FetchProgress,
  LiveDataNote,
  PriceFetch,
  PriceProvider,
  PriceSourceId,
} from '../../app/ports/live-data.ts';
import { dayFromIso, dayOfUnixS, isoFromDay, SECONDS_PER_DAY, type DayNumber } from '../../units/calendar-day.ts';
import { ProviderError, type ProviderFailure } from '../http/provider-error.ts';
import { providerApi, type ProviderApi, type ProviderApiConfig } from './provider-api.ts';

export type PriceApiConfig = ProviderApiConfig;

/** A close outside this range (USD per BTC) is an invalid answer, not a price. */
export const CLOSE_BOUNDS_USD = { min: 100, max: 10_000_000 } as const;
/** A close further than this fraction from the previous day's close is flagged as a price jump. */
export const PRICE_JUMP_FRACTION = 0.2;

export type PriceApi = ProviderApi<PriceSourceId>;

/** One client per provider for its whole life, so the circuit breaker remembers failures across fetches. */
export function priceApi(source: PriceSourceId, defaultUrl: string, config: PriceApiConfig): PriceApi {
  return providerApi(source, defaultUrl, config);
}

/** The days of a request that can be asked for: firstDay … min(lastDay, yesterday); empty when last < first. */
export interface CloseSpan {
  first: DayNumber;
  last: DayNumber;
  /** The current UTC day by the clock: it and later days are incomplete. */
  today: DayNumber;
}

export function completeSpan(firstDay: string, lastDay: string, nowMs: number): CloseSpan {
  const first = dayFromIso(firstDay);
  const requestedLast = dayFromIso(lastDay);
  if (requestedLast < first) throw new RangeError(`lastDay ${lastDay} is before firstDay ${firstDay}`);
  const today = dayOfUnixS(Math.floor(nowMs / 1000));
  return { first, last: Math.min(requestedLast, today - 1) as DayNumber, today };
}

/** Consecutive sub-spans of at most `maxDays` days, for sources that cap the candles of one request. */
export function chunksOf(span: CloseSpan, maxDays: number): { first: DayNumber; last: DayNumber }[] {
  const chunks: { first: DayNumber; last: DayNumber }[] = [];
  for (let first = span.first; first <= span.last; first = (first + maxDays) as DayNumber) {
    chunks.push({ first, last: Math.min(span.last, first + maxDays - 1) as DayNumber });
  }
  return chunks;
}

/** `where` names the request (`GET https://host/path`), `path` the field inside the answer. */
export function invalidAnswer(
  source: PriceSourceId,
  where: string,
  path: string,
  expected: string,
  got: unknown,
): ProviderError {
  const shown = JSON.stringify(got) ?? String(got);
  const atPath = path === '' ? '' : ` ${path}`;
  const gotText = shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
  return new ProviderError(source, 'invalid-response', `${where}${atPath}: ${expected}, got ${gotText}`);
}

/** An error the API reports in its body (HTTP 200 or not): rate limits as such, anything else as a refusal. */
export function apiError(
  source: PriceSourceId,
  where: string,
  message: string,
  failure: ProviderFailure = 'http',
): ProviderError {
  return new ProviderError(source, failure, `${where}: the API answered with an error: ${message}`);
}

export function recordField(
  value: unknown,
  source: PriceSourceId,
  where: string,
  path: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidAnswer(source, where, path, 'expected an object', value);
  return value as Record<string, unknown>;
}

export function arrayField(value: unknown, source: PriceSourceId, where: string, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalidAnswer(source, where, path, 'expected an array', value);
  return value;
}

/** A finite JSON number. */
export function numberField(value: unknown, source: PriceSourceId, where: string, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalidAnswer(source, where, path, 'expected a number', value);
  return value;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** A non-negative decimal string such as "70123.4" (Kraken and Bitstamp send prices so, to keep their digits). */
export function decimalField(value: unknown, source: PriceSourceId, where: string, path: string): number {
  if (typeof value !== 'string' || !DECIMAL.test(value))
    throw invalidAnswer(source, where, path, 'expected a decimal string', value);
  return Number(value);
}

/** A candle's open time as the UTC day it opens: unix seconds (a number, or digits in a string) at 00:00 UTC. */
export function midnightField(value: unknown, source: PriceSourceId, where: string, path: string): DayNumber {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 0)
    throw invalidAnswer(source, where, path, 'expected unix seconds', value);
  if (seconds % SECONDS_PER_DAY !== 0)
    throw invalidAnswer(source, where, path, 'expected a daily candle opening at 00:00 UTC', value);
  return dayOfUnixS(seconds);
}

/** One daily candle as read, in the source's chronological order; `path` locates its close in the answer. */
export interface SourceClose {
  day: DayNumber;
  closeUsd: number;
  path: string;
}

/**
 * Checks the candles (bounds, strictly ascending days) and returns the complete days of the span, with notes for
 * price jumps (against the previous candle read, in or before the span) and for days the source has no close for.
 */
export function checkedCloses(
  source: PriceSourceId,
  where: string,
  candles: readonly SourceClose[],
  span: CloseSpan,
): { closes: DailyClose[]; notes: LiveDataNote[] } {
  const closes: DailyClose[] = [];
  const notes: LiveDataNote[] = [];
  let previous: SourceClose | undefined;
  for (const candle of candles) {
    if (!(candle.closeUsd >= CLOSE_BOUNDS_USD.min && candle.closeUsd <= CLOSE_BOUNDS_USD.max)) {
      throw invalidAnswer(
        source,
        where,
        candle.path,
        `expected a close within ${CLOSE_BOUNDS_USD.min} … ${CLOSE_BOUNDS_USD.max.toLocaleString('en-US')} USD ` +
          `for ${isoFromDay(candle.day)}`,
        candle.closeUsd,
      );
    }
    if (previous && candle.day <= previous.day) {
      throw invalidAnswer(
        source,
        where,
        candle.path,
        `expected a day after ${isoFromDay(previous.day)} (dates strictly ascending, one close per day)`,
        isoFromDay(candle.day),
      );
    }
    const inSpan = candle.day >= span.first && candle.day <= span.last && candle.day < span.today;
    if (inSpan) {
      closes.push({ date: isoFromDay(candle.day), closeUsd: candle.closeUsd });
      if (previous) {
        const change = candle.closeUsd / previous.closeUsd - 1;
        if (Math.abs(change) > PRICE_JUMP_FRACTION) {
          const date = isoFromDay(candle.day);
          notes.push({
            code: 'price-jump',
            date,
            message:
              `${source}: ${date} closed at ${usd(candle.closeUsd)}, ${(change * 100).toFixed(1)}% ` +
              `from ${usd(previous.closeUsd)} on ${isoFromDay(previous.day)} ` +
              `(more than ${PRICE_JUMP_FRACTION * 100}%); kept`,
          });
        }
      }
    }
    previous = candle;
  }
  const missing = missingDays(closes, span);
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ');
    notes.push({
      code: 'missing-days',
      message:
        `${source}: no close for ${missing.length} of ${span.last - span.first + 1} days ` +
        `in ${isoFromDay(span.first)} … ${isoFromDay(span.last)} (${shown}${missing.length > 5 ? ', …' : ''})`,
    });
  }
  return { closes, notes };
}

function missingDays(closes: readonly DailyClose[], span: CloseSpan): string[] {
  const have = new Set(closes.map((close) => close.date));
  const missing: string[] = [];
  for (let day = span.first; day <= span.last; day = (day + 1) as DayNumber) {
    const date = isoFromDay(day);
    if (!have.has(date)) missing.push(date);
  }
  return missing;
}

/** ISO 8601 at 00:00 UTC of a day, as Coinbase's start/end take it. */
export function isoMidnight(day: DayNumber): string {
  return `${isoFromDay(day)}T00:00:00Z`;
}

function usd(value: number): string {
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} USD`;
}

/** How an exchange that pages by date is asked for candles: its path, the most days a request may cover, its query. */
export interface PagedCandles {
  path: string;
  daysPerRequest: number;
  query(chunk: { first: DayNumber; last: DayNumber }): Record<string, string | number>;
  /** The candles of one answer, oldest first, every field checked. */
  read(body: unknown, where: string): SourceClose[];
}

/** A provider that asks for a span in requests of at most `daysPerRequest` days, then checks the closes. */
export function pagedCandleProvider(api: PriceApi, endpoint: PagedCandles): PriceProvider {
  const where = `GET ${api.client.endpoint}${endpoint.path}`;
  return {
    id: api.source,
    endpoint: api.client.endpoint,
    async fetchDailyCloses(firstDay: string, lastDay: string, progress: FetchProgress): Promise<PriceFetch> {
      const retries = api.startFetch();
      const span = completeSpan(firstDay, lastDay, api.nowMs());
      const chunks = chunksOf(span, endpoint.daysPerRequest);
      const candles: SourceClose[] = [];
      progress({ source: api.source, done: 0, total: chunks.length, unit: 'requests' });
      for (const [index, chunk] of chunks.entries()) {
        const body = await api.client.getJson(endpoint.path, endpoint.query(chunk));
        candles.push(
          ...endpoint.read(body, where).filter((candle) => candle.day >= chunk.first && candle.day <= chunk.last),
        );
        progress({ source: api.source, done: index + 1, total: chunks.length, unit: 'requests' });
      }
      const checked = checkedCloses(api.source, where, candles, span);
      return { source: api.source, closes: checked.closes, notes: [...retries, ...checked.notes] };
    },
  };
}
