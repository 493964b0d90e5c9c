/**
 * The local store's share-price history (issue 20), `share-closes.csv` in a snapshot:
 *
 *   ticker,date,close_usd,split_factor,sources
 *   MARA,2026-02-05,8.41,1,nasdaq+yahoo
 *
 * One row per ticker per trading day, by ticker then date. `close_usd` is the close as traded that day — the basis
 * the day's share count is on — never adjusted for a later split; `split_factor` is the split effective at that
 * day's open (1 when none; 0.1 for a 1-for-10 reverse split), so a reader comparing days across a split can put them
 * on one basis. `sources` are the sources the close rests on. Rows are only ever added: a refresh never rewrites a
 * stored day (src/app/live-data/share-price-merge.ts).
 */
import { readCsvTable } from './csv-table.ts';
import { InputError } from './input-error.ts';
import { SHARE_PRICE_USD } from './bounds.ts';

export const SHARE_CLOSES_HEADER = 'ticker,date,close_usd,split_factor,sources';

export interface StoredShareClose {
  date: string;
  closeUsd: number;
  splitFactor: number;
  /** Sorted source ids. */
  sources: string[];
}

/** Each ticker's closes, ascending by date. */
export type ShareCloseHistory = ReadonlyMap<string, readonly StoredShareClose[]>;

export function readShareCloseTable(text: string, file: string): Map<string, StoredShareClose[]> {
  const table = readCsvTable(text, file, [
    { name: 'ticker', kind: 'text', pattern: /^[A-Z][A-Z.]{0,9}$/ },
    { name: 'date', kind: 'date' },
    { name: 'close_usd', kind: 'number', min: SHARE_PRICE_USD.min },
    { name: 'split_factor', kind: 'number', min: 0 },
    { name: 'sources', kind: 'text', pattern: /^[a-z]+(?:\+[a-z]+)*$/ },
  ]);
  const history = new Map<string, StoredShareClose[]>();
  const tickers = table.texts['ticker'] as string[];
  const dates = table.texts['date'] as string[];
  const closes = table.numbers['close_usd'] as Float64Array;
  const factors = table.numbers['split_factor'] as Float64Array;
  const sources = table.texts['sources'] as string[];
  let previous: { ticker: string; date: string } | undefined;
  for (let row = 0; row < table.rowCount; row++) {
    const ticker = tickers[row] as string;
    const date = dates[row] as string;
    const at = (column: string) => ({ file, line: table.lineOfRow(row), column: table.columnOf(row, column) });
    if (previous && (ticker < previous.ticker || (ticker === previous.ticker && date <= previous.date)))
      throw InputError.inFile(at('date'), `expected rows by ticker, then date, one per day; ${ticker} ${date} is not`);
    if ((closes[row] as number) > SHARE_PRICE_USD.max)
      throw InputError.inFile(at('close_usd'), `a close above ${SHARE_PRICE_USD.max} USD is not a share price`);
    if (!((factors[row] as number) > 0))
      throw InputError.inFile(at('split_factor'), 'a split factor is positive (1 when there is no split)');
    const rows = history.get(ticker) ?? [];
    rows.push({
      date,
      closeUsd: closes[row] as number,
      splitFactor: factors[row] as number,
      sources: (sources[row] as string).split('+'),
    });
    history.set(ticker, rows);
    previous = { ticker, date };
  }
  return history;
}

export function formatShareCloseTable(history: ShareCloseHistory): string {
  const lines = [SHARE_CLOSES_HEADER];
  for (const ticker of [...history.keys()].sort())
    for (const close of history.get(ticker) ?? [])
      lines.push(`${ticker},${close.date},${close.closeUsd},${close.splitFactor},${close.sources.join('+')}`);
  return `${lines.join('\n')}\n`;
}

/** The latest close of `ticker` on or before `day` (YYYY-MM-DD), if any. */
export function closeOnOrBefore(history: ShareCloseHistory, ticker: string, day: string): StoredShareClose | undefined {
  const closes = history.get(ticker) ?? [];
  for (let i = closes.length - 1; i >= 0; i--) if ((closes[i] as StoredShareClose).date <= day) return closes[i];
  return undefined;
}
