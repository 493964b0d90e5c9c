/**
 * Daily share closes from Yahoo Finance's chart endpoint (issue 20) — a de-facto public endpoint, not a documented
 * API: no account, no published terms of use for programs, and it may change or refuse without notice (docs/data.md).
 *
 * `GET /v8/finance/chart/{TICKER}?period1=<unix s>&period2=<unix s>&interval=1d&events=split` answers
 * `{ chart: { result: [{ meta: { currency, symbol, gmtoffset, regularMarketPrice, regularMarketTime }, timestamp: [..],
 * events: { splits: { "<unix s>": { date, numerator, denominator } } }, indicators: { quote: [{ close: [..] }] } }],
 * error: null } }`; an unknown or delisted symbol is HTTP 404 with `chart.error.description` "No data found, symbol
 * may be delisted". The shape is the one the community clients read (e.g. yahoo-finance2's chart module).
 * `timestamp` is the session's open (unix s); its exchange day is found with `meta.gmtoffset`. `close` is adjusted
 * for every split up to now (not for dividends): a close before a split in the answer is multiplied back by the
 * split's factor (numerator/denominator) to the price as traded. A `null` close (no trade) is a day the source lacks.
 */
import type { ShareCloseFetch, SharePriceProvider, ShareSplit } from '../../app/ports/share-prices.ts';
import { dayOfUnixS, dayStartUnixS, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { ProviderError } from '../http/provider-error.ts';
import {
  checkedShareCloses,
  checkedTicker,
  invalidShareAnswer,
  requireUsd,
  shareApi,
  shareFailure,
  shareSpan,
  splitsInSpan,
  type ReadClose,
  type ShareApiConfig,
} from './share-closes.ts';

export const DEFAULT_YAHOO_URL = 'https://query1.finance.yahoo.com';

type Json = Record<string, unknown>;

export function yahooSharePrices(config: ShareApiConfig = {}): SharePriceProvider {
  const api = shareApi('yahoo', DEFAULT_YAHOO_URL, config);
  return {
    id: 'yahoo',
    endpoint: api.client.endpoint,
    async fetchShareCloses(ticker, firstDay, lastDay, progress): Promise<ShareCloseFetch> {
      const retries = api.startFetch();
      const span = shareSpan(firstDay, lastDay, api.nowMs());
      const path = `/v8/finance/chart/${encodeURIComponent(checkedTicker('yahoo', ticker))}`;
      const where = `GET ${api.client.endpoint}${path}`;
      progress({ source: 'yahoo', done: 0, total: 1, unit: 'requests' });
      let body: unknown;
      try {
        body = await api.client.getJson(path, {
          period1: dayStartUnixS(span.first),
          period2: dayStartUnixS((span.last + 1) as DayNumber),
          interval: '1d',
          events: 'split',
        });
      } catch (error) {
        if (error instanceof ProviderError && error.failure === 'http' && / HTTP 404\b/.test(error.message))
          throw shareFailure('yahoo', 'unknown-ticker', where, `no data for ${ticker} (renamed or delisted?)`);
        throw error;
      }
      progress({ source: 'yahoo', done: 1, total: 1, unit: 'requests' });
      const result = chartResult(body, where, ticker);
      const meta = record(result['meta'], where, 'chart.result[0].meta');
      requireUsd('yahoo', where, ticker, meta['currency']);
      const offsetS = integer(meta['gmtoffset'] ?? 0, where, 'chart.result[0].meta.gmtoffset');
      const splits = splitsInSpan(readSplits(result['events'], where, offsetS), span);
      const read = readCloses(result, where, offsetS).map((close) => ({
        ...close,
        // Back to the price as traded: undo each later split's adjustment.
        closeUsd: roundPrice(
          splits.filter((split) => isoFromDay(close.day) < split.date).reduce((p, s) => p * s.factor, close.closeUsd),
        ),
      }));
      const checked = checkedShareCloses('yahoo', where, ticker, read, splits, span);
      const lastTrade = lastTradeOf(meta);
      return {
        source: 'yahoo',
        ticker,
        closes: checked.closes,
        splits,
        adjustsSilently: false,
        ...(lastTrade ? { lastTrade } : {}),
        notes: [...retries, ...checked.notes],
      };
    },
  };
}

function chartResult(body: unknown, where: string, ticker: string): Json {
  const chart = record(record(body, where, '(body)')['chart'], where, 'chart');
  const error = chart['error'];
  if (error !== null && error !== undefined) {
    const description = typeof error === 'object' ? (error as Json)['description'] : error;
    throw shareFailure('yahoo', 'unknown-ticker', where, `${ticker}: ${String(description).slice(0, 120)}`);
  }
  const results = chart['result'];
  if (!Array.isArray(results) || results.length !== 1)
    throw invalidShareAnswer('yahoo', where, 'chart.result', 'expected one result', results);
  return record(results[0], where, 'chart.result[0]');
}

function readCloses(result: Json, where: string, offsetS: number): ReadClose[] {
  const times = result['timestamp'] ?? [];
  if (!Array.isArray(times)) throw invalidShareAnswer('yahoo', where, 'chart.result[0].timestamp', 'an array', times);
  // No trading day in the span: Yahoo leaves `timestamp` out and sends `quote: [{}]`.
  if (times.length === 0) return [];
  const quotes = record(result['indicators'], where, 'chart.result[0].indicators')['quote'];
  const closes = record(Array.isArray(quotes) ? quotes[0] : undefined, where, 'indicators.quote[0]')['close'];
  if (!Array.isArray(closes) || closes.length !== times.length)
    throw invalidShareAnswer('yahoo', where, 'indicators.quote[0].close', `${times.length} closes`, closes);
  const read: ReadClose[] = [];
  times.forEach((time, index) => {
    const at = integer(time, where, `chart.result[0].timestamp[${index}]`);
    const close = closes[index];
    if (close === null) return;
    if (typeof close !== 'number' || !Number.isFinite(close))
      throw invalidShareAnswer('yahoo', where, `indicators.quote[0].close[${index}]`, 'a number or null', close);
    read.push({ day: dayOfUnixS(at + offsetS), closeUsd: close, path: `indicators.quote[0].close[${index}]` });
  });
  return read;
}

function readSplits(events: unknown, where: string, offsetS: number): ShareSplit[] {
  if (events === undefined || events === null) return [];
  const splits = record(events, where, 'chart.result[0].events')['splits'];
  if (splits === undefined) return [];
  return Object.entries(record(splits, where, 'events.splits')).map(([key, value]) => {
    const split = record(value, where, `events.splits.${key}`);
    const numerator = split['numerator'];
    const denominator = split['denominator'];
    if (typeof numerator !== 'number' || typeof denominator !== 'number' || !(numerator > 0) || !(denominator > 0))
      throw invalidShareAnswer('yahoo', where, `events.splits.${key}`, 'positive numerator and denominator', value);
    const date = isoFromDay(dayOfUnixS(integer(split['date'], where, `events.splits.${key}.date`) + offsetS));
    return { date, factor: numerator / denominator };
  });
}

function lastTradeOf(meta: Json): { at: string; priceUsd: number } | undefined {
  const price = meta['regularMarketPrice'];
  const time = meta['regularMarketTime'];
  if (typeof price !== 'number' || !(price > 0) || typeof time !== 'number' || !Number.isSafeInteger(time))
    return undefined;
  return { at: new Date(time * 1000).toISOString(), priceUsd: price };
}

function record(value: unknown, where: string, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidShareAnswer('yahoo', where, path, 'expected an object', value);
  return value as Json;
}

function integer(value: unknown, where: string, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw invalidShareAnswer('yahoo', where, path, 'expected whole seconds', value);
  return value;
}

/** Four decimals: sub-dollar closes keep their digits; a split factor's float noise goes. */
function roundPrice(usd: number): number {
  return Math.round(usd * 10_000) / 10_000;
}
