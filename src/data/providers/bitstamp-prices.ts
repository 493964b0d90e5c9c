/**
 * BTC/USD daily closes from Bitstamp (DESIGN.md §9).
 *
 * `GET /api/v2/ohlc/btcusd/?step=86400&limit=<1…1000>&start=<unix s>` answers `{ data: { pair: "BTC/USD", ohlc:
 * [{ timestamp, open, high, low, close, volume }, …] } }`, every value a string, oldest first, `limit` candles from
 * `start` at most (Bitstamp HTTP API v2, "OHLC data", bitstamp.net/api; the response as ccxt's bitstamp
 * fetchOHLCV records it). Errors come as `{ errors: [{ message, … }] }` or `{ status: "error", reason }`.
 */
import type { PriceProvider } from '../../app/ports/live-data.ts';
import { dayStartUnixS } from '../../units/calendar-day.ts';
import {
  apiError,
  arrayField,
  decimalField,
  invalidAnswer,
  midnightField,
  pagedCandleProvider,
  priceApi,
  recordField,
  type PriceApiConfig,
  type SourceClose,
} from './daily-closes.ts';

export const DEFAULT_BITSTAMP_URL = 'https://www.bitstamp.net';

const OHLC_PATH = '/api/v2/ohlc/btcusd/';
/** Bitstamp's `limit` maximum. */
const DAYS_PER_REQUEST = 1000;

export function bitstampPrices(config: PriceApiConfig = {}): PriceProvider {
  return pagedCandleProvider(priceApi('bitstamp', DEFAULT_BITSTAMP_URL, config), {
    path: OHLC_PATH,
    daysPerRequest: DAYS_PER_REQUEST,
    query: (chunk) => ({ step: 86_400, limit: chunk.last - chunk.first + 1, start: dayStartUnixS(chunk.first) }),
    read: readCandles,
  });
}

function readCandles(body: unknown, where: string): SourceClose[] {
  const answer = recordField(body, 'bitstamp', where, '(body)');
  if (Array.isArray(answer.errors) && answer.errors.length > 0) {
    throw apiError(
      'bitstamp',
      where,
      answer.errors
        .map((entry) =>
          typeof entry === 'object' && entry !== null && 'message' in entry
            ? String(entry.message)
            : JSON.stringify(entry),
        )
        .join('; '),
    );
  }
  if (answer.status === 'error')
    throw apiError(
      'bitstamp',
      where,
      typeof answer.reason === 'string' ? answer.reason : JSON.stringify(answer.reason),
    );
  const data = recordField(answer.data, 'bitstamp', where, 'data');
  if (data.pair !== undefined && data.pair !== 'BTC/USD')
    throw invalidAnswer('bitstamp', where, 'data.pair', 'expected "BTC/USD"', data.pair);
  const rows = arrayField(data.ohlc, 'bitstamp', where, 'data.ohlc');
  return rows.map((row, index) => {
    const path = `data.ohlc[${index}]`;
    const candle = recordField(row, 'bitstamp', where, path);
    for (const field of ['open', 'high', 'low', 'volume'])
      decimalField(candle[field], 'bitstamp', where, `${path}.${field}`);
    return {
      day: midnightField(candle.timestamp, 'bitstamp', where, `${path}.timestamp`),
      closeUsd: decimalField(candle.close, 'bitstamp', where, `${path}.close`),
      path: `${path}.close`,
    };
  });
}
