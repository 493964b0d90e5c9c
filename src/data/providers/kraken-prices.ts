/**
 * BTC/USD daily closes from Kraken (DESIGN.md §9).
 *
 * `GET /0/public/OHLC?pair=XBTUSD&interval=1440&since=<unix s>` answers `{ error: [], result: { XXBTZUSD: [[time,
 * open, high, low, close, vwap, volume, count], …], last } }`: time and count are numbers, the prices and volume
 * decimal strings. It holds at most the 720 most recent entries whatever `since` is, and the last entry is the
 * current, not-yet-committed interval, always present (Kraken Spot REST API, "Get OHLC Data", docs.kraken.com).
 * Errors come in `error` (e.g. "EGeneral:Invalid arguments", "EAPI:Rate limit exceeded"), usually with HTTP 200.
 *
 * One request covers what Kraken keeps; days older than its 720 get a missing-days note.
 */
import type { PriceProvider } from '../../app/ports/live-data.ts';
import { dayStartUnixS, SECONDS_PER_DAY } from '../../units/calendar-day.ts';
import {
  apiError,
  arrayField,
  checkedCloses,
  completeSpan,
  decimalField,
  invalidAnswer,
  midnightField,
  numberField,
  priceApi,
  recordField,
  type PriceApiConfig,
  type SourceClose,
} from './daily-closes.ts';

export const DEFAULT_KRAKEN_URL = 'https://api.kraken.com';

const OHLC_PATH = '/0/public/OHLC';
/** The result key of pair=XBTUSD (Kraken's internal pair name). */
const PAIR_KEY = 'XXBTZUSD';

export function krakenPrices(config: PriceApiConfig = {}): PriceProvider {
  const api = priceApi('kraken', DEFAULT_KRAKEN_URL, config);
  const where = `GET ${api.client.endpoint}${OHLC_PATH}`;
  return {
    id: 'kraken',
    endpoint: api.client.endpoint,
    async fetchDailyCloses(firstDay, lastDay, progress) {
      const retries = api.startFetch();
      const span = completeSpan(firstDay, lastDay, api.nowMs());
      if (span.last < span.first) return { source: 'kraken', closes: [], notes: retries };
      progress({ source: 'kraken', done: 0, total: 1, unit: 'requests' });
      // A day before the first: the first day is in the answer whether `since` is inclusive or not.
      const body = await api.client.getJson(OHLC_PATH, {
        pair: 'XBTUSD',
        interval: 1440,
        since: dayStartUnixS(span.first) - SECONDS_PER_DAY,
      });
      progress({ source: 'kraken', done: 1, total: 1, unit: 'requests' });
      const candles = readCandles(body, where);
      // The last entry is the running interval: never a complete day.
      candles.pop();
      const checked = checkedCloses('kraken', where, candles, span);
      return { source: 'kraken', closes: checked.closes, notes: [...retries, ...checked.notes] };
    },
  };
}

function readCandles(body: unknown, where: string): SourceClose[] {
  const answer = recordField(body, 'kraken', where, '(body)');
  const errors = arrayField(answer.error, 'kraken', where, 'error');
  if (errors.length > 0) {
    const message = errors.map(String).join('; ');
    throw apiError(
      'kraken',
      where,
      message,
      /EAPI:Rate limit|Too many requests/i.test(message) ? 'rate-limited' : 'http',
    );
  }
  const result = recordField(answer.result, 'kraken', where, 'result');
  numberField(result.last, 'kraken', where, 'result.last');
  const rows = arrayField(result[PAIR_KEY], 'kraken', where, `result.${PAIR_KEY}`);
  return rows.map((row, index) => {
    const path = `result.${PAIR_KEY}[${index}]`;
    const fields = arrayField(row, 'kraken', where, path);
    if (fields.length !== 8)
      throw invalidAnswer('kraken', where, path, 'expected [time, open, high, low, close, vwap, volume, count]', row);
    for (let field = 1; field <= 6; field++) decimalField(fields[field], 'kraken', where, `${path}[${field}]`);
    numberField(fields[7], 'kraken', where, `${path}[7]`);
    return {
      day: midnightField(fields[0], 'kraken', where, `${path}[0]`),
      closeUsd: decimalField(fields[4], 'kraken', where, `${path}[4]`),
      path: `${path}[4]`,
    };
  });
}
