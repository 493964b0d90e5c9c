/**
 * `rerate data refresh|status`: live data merged into the local store, and how fresh every series is (DESIGN.md §9).
 */
import { defineCommand } from '../command.ts';
import {
  freshnessOf,
  SHARE_STALE_AFTER_DAYS,
  shareFreshness,
  STALE_AFTER_DAYS,
  staleShareWarnings,
} from '../live-data/data-freshness.ts';
import { refreshData } from '../live-data/data-refresh.ts';
import { refreshFailure } from '../live-data/refresh-status.ts';
import { loadNetworkState } from '../sessions/network-state.ts';
import type { NetworkHistory } from '../../network/network-history.ts';
import {
  dataRefreshInputSchema,
  dataRefreshSchema,
  dataStatusInputSchema,
  dataStatusSchema,
} from '../../schema/data.ts';

export const dataRefreshCommand = defineCommand({
  name: 'data refresh',
  summary: 'Fetch new chain data and prices from live sources into the local data store',
  description:
    'Chain data (blocks, fees, difficulty epochs) comes from your Bitcoin Core node (RERATE_BITCOIND_URL), else ' +
    "mempool.space; BTC/USD daily closes from Coinbase, Kraken, Bitstamp and mempool.space's price index, " +
    "cross-checked (over 1% apart is a warning); each covered ticker's share closes from Yahoo and Nasdaq (and " +
    'Tiingo with RERATE_TIINGO_TOKEN), cross-checked and split-aware (docs/data.md). New days are appended after ' +
    'the newest data, empty fees and prices filled; stored days are never changed, so a second refresh adds ' +
    'nothing twice. Every answer is validated (mainnet genesis, heights, subsidy, ranges) and the merged data ' +
    'passes the same checks as the embedded data ' +
    'before it is written as a new snapshot. A source that fails, is refused or answers none of the days asked is ' +
    'reported and left out. Exits 0 when every kind of data asked for came from a source (or there was nothing to ' +
    'fetch), 1 when a kind came from none: the report is printed all the same and stderr says what is missing.',
  examples: [
    'rerate data refresh',
    'rerate data refresh --source bitcoind',
    'rerate data refresh --source prices --since 2026-02-01',
    'rerate data refresh --source shares',
  ],
  http: { notServed: 'fetches from the internet and writes the local data store: run it from the CLI' },
  inputSchema: dataRefreshInputSchema,
  outputSchema: dataRefreshSchema,
  async run(input, ports) {
    const { results, warnings } = await refreshData(input, ports);
    return { results, asOf: results.span.lastDay, dataAsOf: results.dataAsOf, warnings };
  },
  failure: refreshFailure,
  textView(results) {
    const added = results.added;
    return [
      {
        kind: 'table',
        title: `Sources, ${results.span.firstDay} … ${results.span.lastDay}`,
        columns: ['Source', 'Kind', 'Endpoint', 'Result'],
        rows: results.sources.map((entry) => [
          entry.source,
          entry.kind,
          entry.endpoint,
          `${entry.ok ? 'ok' : 'FAILED'}: ${entry.message}`,
        ]),
        ...(results.sources.length === 0 ? { notes: ['nothing to fetch: the data already reaches yesterday'] } : {}),
      },
      {
        kind: 'pairs',
        title: `Local data store ${results.store}`,
        rows: [
          ['Status', STATUS_TEXT[results.status]],
          ['Merged into', `${results.base.origin} snapshot ${results.base.snapshotId.slice(0, 12)}`],
          [
            'Now current',
            `${results.snapshot.snapshotId.slice(0, 12)}${results.snapshot.created ? ' (new)' : ' (nothing new)'}`,
          ],
          ['Days added', String(added.daysAdded)],
          ['Fees / prices filled', `${added.feesFilled} / ${added.pricesFilled}`],
          ['Epochs added / start times from headers', `${added.epochsAdded} / ${added.epochTimesFromHeaders}`],
          ['Exchange closes added', String(added.closesAdded)],
          ['Share closes added', String(added.shareClosesAdded)],
          [
            'Data as of',
            Object.entries(results.dataAsOf)
              .map(([series, day]) => `${series} ${day}`)
              .join(', '),
          ],
        ],
      },
      ...(results.shareLastTrades.length === 0
        ? []
        : [
            {
              kind: 'table' as const,
              title: 'Last trades (for reference; not stored, valuations use the closes)',
              columns: ['Ticker', 'Price', 'At (UTC)', 'Source'],
              rows: results.shareLastTrades.map((trade) => [
                trade.ticker,
                `$${trade.priceUsd}`,
                trade.at.slice(0, 16).replace('T', ' '),
                trade.source,
              ]),
            },
          ]),
    ];
  },
});

const STATUS_TEXT = {
  'up-to-date': 'up to date: nothing to fetch',
  refreshed: 'refreshed: every kind of data asked for came from a source',
  partial: 'PARTIAL: a kind of data came from no source',
  failed: 'FAILED: no source delivered any data asked for',
} as const;

export const dataStatusCommand = defineCommand({
  name: 'data status',
  summary: 'Every data series with its last day, source and age, flagging stale ones',
  description:
    `A series is stale when its last day is more than a threshold behind today: ${Object.entries(STALE_AFTER_DAYS)
      .map(([series, days]) => `${series} ${days} days`)
      .join(', ')}; a ticker's share closes ${SHARE_STALE_AFTER_DAYS} days (weekends and exchange holidays). ` +
    "Also lists each covered ticker's last stored close with its sources, the snapshot in use (local or " +
    'embedded), the live sources configured and the last refresh of each.',
  examples: ['rerate data status', 'rerate data status --json'],
  // The local data store's log changes with every refresh.
  http: { uncached: true },
  inputSchema: dataStatusInputSchema,
  outputSchema: dataStatusSchema,
  async run(_input, ports) {
    const state = await loadNetworkState(ports);
    const { snapshot } = state;
    const today = ports.clock.today();
    const live = ports.liveData();
    const store = ports.localData.store;
    const sourceOf = seriesSources(snapshot.history);
    const series = freshnessOf(state.dataAsOf, today).map((entry) => ({
      series: entry.series,
      lastDay: entry.lastDay,
      source: sourceOf[entry.series] ?? '',
      ageDays: Number.isFinite(entry.ageDays) ? entry.ageDays : null,
      staleAfterDays: entry.staleAfterDays,
      stale: entry.stale,
    }));
    // Every covered ticker is listed, with or without stored closes, so a missing history is visible.
    const shares = shareFreshness(snapshot.shareCloses ?? new Map(), await ports.coverage.tickers(), today);
    const results = {
      today,
      shares,
      snapshot: {
        snapshotId: snapshot.snapshotId,
        origin: snapshot.origin.kind,
        location: snapshot.origin.location,
        createdAt: snapshot.origin.createdAt ?? null,
      },
      store: { location: store?.location ?? null, snapshots: store?.snapshotCount() ?? 0 },
      series,
      providers: [
        ...live.chain.map((provider) => ({ source: provider.id, kind: 'chain' as const, endpoint: provider.endpoint })),
        ...live.prices.map((provider) => ({
          source: provider.id,
          kind: 'prices' as const,
          endpoint: provider.endpoint,
        })),
        ...(live.shares ?? []).map((provider) => ({
          source: provider.id,
          kind: 'shares' as const,
          endpoint: provider.endpoint,
        })),
      ],
      lastRefreshes: (await store?.lastRefreshes()) ?? [],
    };
    const warnings = snapshot.shareCloses?.size
      ? staleShareWarnings(shares)
      : [
          {
            code: 'stale-share-price',
            field: 'shares',
            message:
              'no share closes are stored: valuations use the company files’ prices (`rerate data refresh` ' +
              'fetches the closes)',
          },
        ];
    return { results, asOf: today, dataAsOf: state.dataAsOf, warnings };
  },
  textView(status) {
    const shareTable =
      status.shares.length === 0
        ? []
        : [
            {
              kind: 'table' as const,
              title: 'Share prices (last stored close per ticker)',
              columns: ['Ticker', 'Last close', 'Day', 'Sources', 'Age (days)', 'Status'],
              rows: status.shares.map((entry) => [
                entry.ticker,
                entry.closeUsd === null ? '—' : `$${entry.closeUsd}`,
                entry.lastDay ?? '—',
                entry.sources.join(', '),
                entry.ageDays === null ? '—' : String(entry.ageDays),
                entry.lastDay === null ? 'none stored' : entry.stale ? 'STALE' : 'fresh',
              ]),
            },
          ];
    return [
      {
        kind: 'table',
        title:
          `Data series on ${status.today} ` +
          `(${status.snapshot.origin} snapshot ${status.snapshot.snapshotId.slice(0, 12)})`,
        columns: ['Series', 'Last day', 'Source', 'Age (days)', 'Stale after', 'Status'],
        rows: status.series.map((entry) => [
          entry.series,
          entry.lastDay,
          entry.source,
          entry.ageDays === null ? '—' : String(entry.ageDays),
          String(entry.staleAfterDays),
          entry.stale ? 'STALE' : 'fresh',
        ]),
        notes: [
          `data: ${status.snapshot.location}` +
            `${status.snapshot.createdAt ? `, written ${status.snapshot.createdAt}` : ''}`,
          `local store: ${status.store.location ?? 'none (no HOME or RERATE_DATA_DIR)'}, ` +
            `${status.store.snapshots} snapshots`,
        ],
      },
      {
        kind: 'table',
        title: 'Live sources (called only by rerate data refresh)',
        columns: ['Source', 'Kind', 'Endpoint', 'Last refresh'],
        rows: [
          ...status.providers.map((provider) => {
            const last = status.lastRefreshes.find(
              (entry) => entry.source === provider.source && entry.kind === provider.kind,
            );
            return [provider.source, provider.kind, provider.endpoint, last ? describeRefresh(last) : 'never'];
          }),
          // Sources refreshed before but not configured in this environment.
          ...status.lastRefreshes
            .filter(
              (entry) =>
                !status.providers.some((provider) => provider.source === entry.source && provider.kind === entry.kind),
            )
            .map((entry) => [
              entry.source,
              entry.kind,
              `${entry.endpoint} (not configured now)`,
              describeRefresh(entry),
            ]),
        ],
      },
      ...shareTable,
    ];
  },
});

function describeRefresh(entry: { at: string; ok: boolean; message: string }): string {
  return `${entry.at.slice(0, 16).replace('T', ' ')} ${entry.ok ? 'ok' : 'FAILED'}: ${entry.message}`;
}

/** The source of each series' last value: the row's source for chain series, the price's own source for prices. */
function seriesSources(history: NetworkHistory): Record<string, string> {
  const { daily, epochs } = history;
  const lastWith = (values: Float64Array, index: Uint8Array): string => {
    for (let i = daily.dayCount - 1; i >= 0; i--)
      if (!Number.isNaN(values[i] as number)) return daily.sources[index[i] as number] as string;
    return '';
  };
  return {
    blocks: daily.sources[daily.sourceIndex[daily.dayCount - 1] as number] as string,
    difficulty: lastWith(daily.difficulty, daily.sourceIndex),
    price: lastWith(daily.priceUsd, daily.priceSourceIndex),
    fees: lastWith(daily.feesBtc, daily.sourceIndex),
    epochs: epochs.startTimeDerived[epochs.count - 1] ? 'derived start time' : 'block header',
  };
}
