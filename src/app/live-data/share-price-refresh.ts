/**
 * The share-price part of `rerate data refresh` (issue 20): for every covered ticker, every configured share-price
 * source is asked for the days after the ticker's last stored close (a ticker new to the store: the last
 * SHARE_HISTORY_DAYS days), the answers are cross-checked (share-price-consensus.ts) and only new days are appended.
 * A stored day is never rewritten: the history is append-only, as the chain data is. A source that fails for a
 * ticker (down, renamed or delisted ticker, another currency, a malformed answer) is reported; that ticker's history
 * stays as it was when no source answers.
 */
import type { FetchProgress, LiveDataNote } from '../ports/live-data.ts';
import type { SharePriceProvider, ShareCloseFetch } from '../ports/share-prices.ts';
import type { NetworkTables } from '../ports/local-data.ts';
import { InputError } from '../../schema/input-error.ts';
import {
  formatShareCloseTable,
  readShareCloseTable,
  type ShareCloseHistory,
  type StoredShareClose,
} from '../../schema/share-close-table.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { shareConsensus } from './share-price-consensus.ts';

/** How far back a ticker new to the store is fetched. */
export const SHARE_HISTORY_DAYS = 365;

export interface ShareSourceOutcome {
  source: string;
  kind: 'shares';
  endpoint: string;
  /** At least one ticker answered (a day without trading answers no close, and is no failure). */
  ok: boolean;
  message: string;
  days: number;
  epochs: number;
  closes: number;
}

export interface ShareRefresh {
  history: Map<string, StoredShareClose[]>;
  outcomes: ShareSourceOutcome[];
  notes: LiveDataNote[];
  warnings: ResultWarning[];
  /** New closes appended, all tickers. */
  added: number;
  /** The last trade per ticker where a source gives one (the first configured that does): shown, never stored. */
  lastTrades: { ticker: string; source: string; at: string; priceUsd: number }[];
}

export async function refreshSharePrices(
  tickers: readonly string[],
  providers: readonly SharePriceProvider[],
  stored: ShareCloseHistory,
  lastComplete: string,
  progress: FetchProgress,
): Promise<ShareRefresh> {
  const history = new Map<string, StoredShareClose[]>([...stored].map(([ticker, rows]) => [ticker, [...rows]]));
  const tally = new Map(providers.map((p) => [p.id, { answered: 0, closes: 0, failures: [] as string[] }]));
  const notes: LiveDataNote[] = [];
  const warnings: ResultWarning[] = [];
  let added = 0;
  let asked = 0;
  const lastTrades: ShareRefresh['lastTrades'] = [];
  for (const ticker of tickers) {
    const rows = history.get(ticker) ?? [];
    const last = rows[rows.length - 1];
    const firstDay = last ? shift(last.date, 1) : shift(lastComplete, -SHARE_HISTORY_DAYS);
    if (firstDay > lastComplete) continue;
    asked++;
    const fetches: ShareCloseFetch[] = [];
    const failed: string[] = [];
    for (const provider of providers) {
      const counts = tally.get(provider.id) as { answered: number; closes: number; failures: string[] };
      try {
        const fetched = await provider.fetchShareCloses(ticker, firstDay, lastComplete, progress);
        fetches.push(fetched);
        notes.push(...fetched.notes);
        counts.answered++;
        counts.closes += fetched.closes.length;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        counts.failures.push(`${ticker}: ${message}`);
        failed.push(`${provider.id} (${message})`);
      }
    }
    if (fetches.length === 0) {
      if (providers.length > 0)
        warnings.push({
          code: 'share-prices-not-refreshed',
          field: 'sources',
          message:
            `${ticker}: no share-price source answered (${failed.join('; ')}); its closes stay as stored ` +
            `(${last ? `to ${last.date}` : 'none yet'})`,
        });
      continue;
    }
    const traded = fetches.find((fetch) => fetch.lastTrade !== undefined);
    if (traded?.lastTrade) lastTrades.push({ ticker, source: traded.source, ...traded.lastTrade });
    const consensus = shareConsensus(ticker, fetches, last?.date ?? '', last);
    notes.push(...consensus.notes);
    if (consensus.singleSource.length > 0 && providers.length > 1)
      warnings.push({
        code: 'share-price-not-cross-checked',
        field: 'sources',
        message:
          `${ticker}: ${consensus.singleSource.length} days have a close from one source only ` +
          `(${consensus.singleSource.slice(0, 3).join(', ')}${consensus.singleSource.length > 3 ? ', …' : ''})`,
      });
    if (consensus.closes.length > 0) {
      history.set(ticker, [...rows, ...consensus.closes]);
      added += consensus.closes.length;
    }
  }
  // Every ticker up to date: nothing was asked, so no source has an outcome.
  const outcomes = (asked === 0 ? [] : providers).map((provider): ShareSourceOutcome => {
    const counts = tally.get(provider.id) as { answered: number; closes: number; failures: string[] };
    const failures = counts.failures.length > 0 ? `; failed for ${counts.failures.join('; ')}` : '';
    return {
      source: provider.id,
      kind: 'shares',
      endpoint: provider.endpoint,
      ok: counts.answered > 0,
      message: `${counts.closes} share closes for ${counts.answered} tickers${failures}`,
      days: 0,
      epochs: 0,
      closes: counts.closes,
    };
  });
  return { history, outcomes, notes, warnings, added, lastTrades };
}

function shift(date: string, days: number): string {
  return isoFromDay((dayFromIso(date) + days) as DayNumber);
}

/**
 * The share step of a refresh over the tables it merges into: which sources `source` selects, the history read from
 * the base tables (a stored table that fails its checks stops the refresh: nothing is written over it), and the
 * tables to write — the base's share table carried over unchanged when nothing new came, so no stored day is lost.
 */
export async function shareStep(
  source: string,
  providers: readonly SharePriceProvider[],
  tickers: () => Promise<string[]>,
  base: NetworkTables,
  where: string,
  lastComplete: string,
  progress: FetchProgress,
): Promise<ShareRefresh & { tablesWith(merged: NetworkTables): NetworkTables }> {
  const asked = source === 'all' || source === 'shares' ? providers : [];
  if (source === 'shares' && asked.length === 0)
    throw InputError.at(['source'], 'every share-price source is turned off (RERATE_YAHOO_URL, RERATE_NASDAQ_URL)');
  const stored = base.shareCloses === undefined ? new Map() : readShareCloseTable(base.shareCloses, where);
  const refresh =
    asked.length === 0
      ? { history: stored, outcomes: [], notes: [], warnings: [], added: 0, lastTrades: [] }
      : await refreshSharePrices(await tickers(), asked, stored, lastComplete, progress);
  const text = refresh.added > 0 ? formatShareCloseTable(refresh.history) : base.shareCloses;
  return { ...refresh, tablesWith: (merged) => (text === undefined ? merged : { ...merged, shareCloses: text }) };
}
