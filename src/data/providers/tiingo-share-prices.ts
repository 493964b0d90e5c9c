/**
 * Daily share closes from Tiingo's End-of-Day API (issue 20), for users with a Tiingo account: the documented API of
 * the three (https://www.tiingo.com/documentation/end-of-day), with a free tier, raw and adjusted prices and each
 * day's split factor — which is why it was chosen over Alpha Vantage (a daily-adjusted series behind a premium plan)
 * and Polygon (splits in a separate call).
 *
 * `GET /tiingo/daily/{ticker}/prices?startDate=YYYY-MM-DD&endDate=YYYY-MM-DD` with the header
 * `Authorization: Token <key>` answers `[{ date: "2026-02-04T00:00:00.000Z", close, open, high, low, volume,
 * adjClose, …, divCash, splitFactor }]`, oldest first; `close` is the raw price as traded and `splitFactor` is the
 * split effective that day (1 otherwise; 2 for 2-for-1, 0.1 for a 1-for-10 reverse split). An unknown ticker is
 * HTTP 404 with `{ "detail": "Error: Ticker '…' not found" }`. The key is sent in the header only, never in a URL,
 * so no error message or log can carry it; it is also redacted as a configured secret (configured-secrets.ts).
 * Tiingo quotes US listings in USD and gives no currency field: only US tickers are asked.
 */
import type { ShareCloseFetch, SharePriceProvider, ShareSplit } from '../../app/ports/share-prices.ts';
import { dayFromIso, isoFromDay, parseIsoDay } from '../../units/calendar-day.ts';
import { ProviderError } from '../http/provider-error.ts';
import {
  checkedShareCloses,
  checkedTicker,
  invalidShareAnswer,
  shareApi,
  shareFailure,
  shareSpan,
  splitsInSpan,
  type ReadClose,
  type ShareApiConfig,
} from './share-closes.ts';

export const DEFAULT_TIINGO_URL = 'https://api.tiingo.com';
const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.000)?Z$/;

export function tiingoSharePrices(config: ShareApiConfig & { apiKey: string }): SharePriceProvider {
  const api = shareApi('tiingo', DEFAULT_TIINGO_URL, config, { authorization: `Token ${config.apiKey}` });
  return {
    id: 'tiingo',
    endpoint: api.client.endpoint,
    async fetchShareCloses(ticker, firstDay, lastDay, progress): Promise<ShareCloseFetch> {
      const retries = api.startFetch();
      const span = shareSpan(firstDay, lastDay, api.nowMs());
      const path = `/tiingo/daily/${encodeURIComponent(checkedTicker('tiingo', ticker).toLowerCase())}/prices`;
      const where = `GET ${api.client.endpoint}${path}`;
      progress({ source: 'tiingo', done: 0, total: 1, unit: 'requests' });
      let body: unknown;
      try {
        body = await api.client.getJson(path, { startDate: isoFromDay(span.first), endDate: isoFromDay(span.last) });
      } catch (error) {
        if (error instanceof ProviderError && error.failure === 'http' && / HTTP 404\b/.test(error.message))
          throw shareFailure('tiingo', 'unknown-ticker', where, `no prices for ${ticker} (renamed or delisted?)`);
        throw error;
      }
      progress({ source: 'tiingo', done: 1, total: 1, unit: 'requests' });
      if (!Array.isArray(body)) {
        const detail = typeof body === 'object' && body !== null ? (body as { detail?: unknown }).detail : undefined;
        if (typeof detail === 'string')
          throw shareFailure('tiingo', 'http', where, `the API answered with an error: ${detail.slice(0, 120)}`);
        throw invalidShareAnswer('tiingo', where, '(body)', 'expected an array', body);
      }
      const read: ReadClose[] = [];
      const splits: ShareSplit[] = [];
      body.forEach((row, index) => {
        if (typeof row !== 'object' || row === null || Array.isArray(row))
          throw invalidShareAnswer('tiingo', where, `[${index}]`, 'expected an object', row);
        const fields = row as Record<string, unknown>;
        const date = MIDNIGHT.exec(String(fields['date']))?.[1];
        if (date === undefined || parseIsoDay(date) === undefined)
          throw invalidShareAnswer('tiingo', where, `[${index}].date`, 'a date at 00:00Z', fields['date']);
        const close = fields['close'];
        const factor = fields['splitFactor'];
        if (typeof close !== 'number' || !Number.isFinite(close))
          throw invalidShareAnswer('tiingo', where, `[${index}].close`, 'a number', close);
        if (typeof factor !== 'number' || !(factor > 0) || !Number.isFinite(factor))
          throw invalidShareAnswer('tiingo', where, `[${index}].splitFactor`, 'a positive number', factor);
        if (factor !== 1) splits.push({ date, factor });
        read.push({ day: dayFromIso(date), closeUsd: close, path: `[${index}].close` });
      });
      const inSpan = splitsInSpan(splits, span);
      const checked = checkedShareCloses('tiingo', where, ticker, read, inSpan, span);
      return {
        source: 'tiingo',
        ticker,
        closes: checked.closes,
        splits: inSpan,
        adjustsSilently: false,
        notes: [...retries, ...checked.notes],
      };
    },
  };
}
