/**
 * BTC/USD daily closes from Coinbase Exchange (DESIGN.md §9).
 *
 * `GET /products/BTC-USD/candles?granularity=86400&start=<ISO 8601>&end=<ISO 8601>` answers at most 300 candles,
 * newest first, each `[time (bucket start, unix s), low, high, open, close, volume]` as JSON numbers; a request
 * spanning more than 300 buckets is rejected, and candles may precede `start` (Coinbase Exchange REST API reference,
 * "Get product candles", docs.cdp.coinbase.com). Errors come as `{ "message": "…" }`.
 *
 * Each request asks for at most 299 days plus the next midnight as `end`, so the last wanted day is inside whether
 * `end` is inclusive or not; candles outside the request's days are ignored.
 */
import type { PriceProvider } from '../../app/ports/live-data.ts';
import type { DayNumber } from '../../units/calendar-day.ts';
import {
  apiError,
  arrayField,
  invalidAnswer,
  isoMidnight,
  midnightField,
  numberField,
  pagedCandleProvider,
  priceApi,
  type PriceApiConfig,
  type SourceClose,
} from './daily-closes.ts';

export const DEFAULT_COINBASE_URL = 'https://api.exchange.coinbase.com';

const CANDLES_PATH = '/products/BTC-USD/candles';
/** 300 buckets a request at most; one is spent on the `end` midnight after the last wanted day. */
const DAYS_PER_REQUEST = 299;

export function coinbasePrices(config: PriceApiConfig = {}): PriceProvider {
  return pagedCandleProvider(priceApi('coinbase', DEFAULT_COINBASE_URL, config), {
    path: CANDLES_PATH,
    daysPerRequest: DAYS_PER_REQUEST,
    query: (chunk) => ({
      granularity: 86_400,
      start: isoMidnight(chunk.first),
      end: isoMidnight((chunk.last + 1) as DayNumber),
    }),
    read: readCandles,
  });
}

/** The candles of one answer, oldest first; every field checked. */
function readCandles(body: unknown, where: string): SourceClose[] {
  if (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { message?: unknown }).message === 'string'
  ) {
    throw apiError('coinbase', where, (body as { message: string }).message);
  }
  const rows = arrayField(body, 'coinbase', where, '(body)');
  const candles = rows.map((row, index): SourceClose => {
    const fields = arrayField(row, 'coinbase', where, `[${index}]`);
    if (fields.length < 6)
      throw invalidAnswer('coinbase', where, `[${index}]`, 'expected [time, low, high, open, close, volume]', row);
    for (let field = 1; field < 6; field++) numberField(fields[field], 'coinbase', where, `[${index}][${field}]`);
    return {
      day: midnightField(fields[0], 'coinbase', where, `[${index}][0]`),
      closeUsd: fields[4] as number,
      path: `[${index}][4]`,
    };
  });
  // Newest first, as documented: reversed, the order check of checkedCloses holds the source to it.
  return candles.reverse();
}
