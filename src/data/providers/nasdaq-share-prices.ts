/**
 * Daily share closes from Nasdaq's quote API (issue 20) — the endpoint nasdaq.com's own "historical quotes" page
 * calls: public and keyless, but not documented for programs (docs/data.md); a reverse-engineered description is in
 * steveman1123/stonkBot NASDAQ_API_DOC.md.
 *
 * `GET /api/quote/{TICKER}/historical?assetclass=stocks&fromdate=YYYY-MM-DD&todate=YYYY-MM-DD&limit=9999` answers
 * `{ data: { symbol, totalRecords, tradesTable: { rows: [{ date: "MM/DD/YYYY", close: "$12.34", open, high, low,
 * volume }] } }, message, status: { rCode: 200, bCodeMessage: null } }`, newest first; an unknown symbol is HTTP 200
 * with `data: null` and `status.bCodeMessage[0].errorMessage` ("Symbol not exists"). Prices are US-dollar strings
 * (US listings only: there is no currency field, so a "$" prefix is required). The table reports no splits and its
 * history is adjusted to the current basis without saying so: its closes cannot be stored across a split another
 * source reports (src/app/live-data/share-price-consensus.ts).
 */
import type { ShareCloseFetch, SharePriceProvider } from '../../app/ports/share-prices.ts';
import { dayFromCivil, isoFromDay } from '../../units/calendar-day.ts';
import {
  checkedShareCloses,
  checkedTicker,
  invalidShareAnswer,
  shareApi,
  shareFailure,
  shareSpan,
  type ReadClose,
  type ShareApiConfig,
} from './share-closes.ts';

export const DEFAULT_NASDAQ_URL = 'https://api.nasdaq.com';

type Json = Record<string, unknown>;
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const DOLLARS = /^\$(\d{1,3}(?:,\d{3})*|\d+)(\.\d+)?$/;

export function nasdaqSharePrices(config: ShareApiConfig = {}): SharePriceProvider {
  const api = shareApi('nasdaq', DEFAULT_NASDAQ_URL, config);
  return {
    id: 'nasdaq',
    endpoint: api.client.endpoint,
    async fetchShareCloses(ticker, firstDay, lastDay, progress): Promise<ShareCloseFetch> {
      const retries = api.startFetch();
      const span = shareSpan(firstDay, lastDay, api.nowMs());
      const path = `/api/quote/${encodeURIComponent(checkedTicker('nasdaq', ticker))}/historical`;
      const where = `GET ${api.client.endpoint}${path}`;
      progress({ source: 'nasdaq', done: 0, total: 1, unit: 'requests' });
      const body = await api.client.getJson(path, {
        assetclass: 'stocks',
        fromdate: isoFromDay(span.first),
        todate: isoFromDay(span.last),
        limit: 9999,
      });
      progress({ source: 'nasdaq', done: 1, total: 1, unit: 'requests' });
      const read = readRows(body, where, ticker);
      const checked = checkedShareCloses('nasdaq', where, ticker, read, [], span);
      return {
        source: 'nasdaq',
        ticker,
        closes: checked.closes,
        splits: [],
        adjustsSilently: true,
        notes: [...retries, ...checked.notes],
      };
    },
  };
}

/** The rows, oldest first (the answer lists them newest first). */
function readRows(body: unknown, where: string, ticker: string): ReadClose[] {
  const answer = record(body, where, '(body)');
  const data = answer['data'];
  if (data === null || data === undefined) {
    const status = answer['status'] as Json | undefined;
    const first = Array.isArray(status?.['bCodeMessage']) ? (status['bCodeMessage'][0] as Json | undefined) : undefined;
    const reason = typeof first?.['errorMessage'] === 'string' ? first['errorMessage'].slice(0, 120) : 'no data';
    throw shareFailure('nasdaq', 'unknown-ticker', where, `${ticker}: ${reason} (renamed or delisted?)`);
  }
  const table = record(data, where, 'data')['tradesTable'];
  // No trading day in the span: Nasdaq sends the table as null.
  if (table === null) return [];
  const rows = record(table, where, 'data.tradesTable')['rows'];
  if (rows === null) return [];
  if (!Array.isArray(rows)) throw invalidShareAnswer('nasdaq', where, 'data.tradesTable.rows', 'an array', rows);
  return rows
    .map((row, index): ReadClose => {
      const fields = record(row, where, `data.tradesTable.rows[${index}]`);
      const date = US_DATE.exec(String(fields['date']));
      if (!date) throw invalidShareAnswer('nasdaq', where, `rows[${index}].date`, 'MM/DD/YYYY', fields['date']);
      const close = fields['close'];
      const dollars = typeof close === 'string' ? DOLLARS.exec(close) : null;
      if (!dollars) throw invalidShareAnswer('nasdaq', where, `rows[${index}].close`, 'a "$" amount', close);
      const day = dayFromCivil(Number(date[3]), Number(date[1]), Number(date[2]));
      if (isoFromDay(day) !== `${date[3]}-${date[1]}-${date[2]}`)
        throw invalidShareAnswer('nasdaq', where, `rows[${index}].date`, 'a calendar date', fields['date']);
      return {
        day,
        closeUsd: Number(`${(dollars[1] as string).replaceAll(',', '')}${dollars[2] ?? ''}`),
        path: `data.tradesTable.rows[${index}].close`,
      };
    })
    .reverse();
}

function record(value: unknown, where: string, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidShareAnswer('nasdaq', where, path, 'expected an object', value);
  return value as Json;
}
