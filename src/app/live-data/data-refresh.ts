/**
 * `rerate data refresh`: fetch what is new from the live providers and merge it into the local data store
 * (DESIGN.md §9). Prices come from every exchange configured, cross-checked, from the day after the newest price;
 * chain data from the first chain source (the user's node, then mempool.space) whose data merges and passes the data
 * files' checks, from the day after the newest blocks. A source that fails or is refused is reported and the next one
 * tried: the store keeps the newest data it had, and nothing half-fetched is written. One refresh at a time holds the
 * store's lock.
 */
import type { z } from 'zod';
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from '../../protocol/consensus-params.ts';
import type { dataRefreshInputSchema, dataRefreshSchema } from '../../schema/data.ts';
import { InputError } from '../../schema/input-error.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { LOCAL_DATA_UNUSABLE_WARNING } from '../../schema/result-envelope.ts';
import { shareFreshness, staleDataWarnings, staleShareWarnings } from './data-freshness.ts';
import type { ChainDataProvider, ChainFetch, LiveDataNote } from '../ports/live-data.ts';
import { LiveDataConflict, mergeChangedAnything, mergeLiveData, tablesExtent, type MergeOutcome } from './merge.ts';
import { type NetworkTables } from '../ports/local-data.ts';
import { seriesAsOf } from '../sessions/network-state.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import type { LocalDataStorePort, RefreshLogEntry } from '../ports/local-data.ts';
import { priceConsensus, type SourcedClose } from './price-consensus.ts';
import { refreshStatus } from './refresh-status.ts';
import { shareStep } from './share-price-refresh.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';

type RefreshInput = z.output<typeof dataRefreshInputSchema>;
type RefreshResults = z.output<typeof dataRefreshSchema>;
type SourceOutcome = RefreshResults['sources'][number];

export async function refreshData(
  input: RefreshInput,
  ports: AppPorts,
): Promise<{ results: RefreshResults; warnings: ResultWarning[] }> {
  const store = ports.localData.store;
  if (!store)
    throw InputError.at(
      [],
      'there is no local data store: set RERATE_DATA_DIR (or HOME) so rerate has somewhere to keep fetched data',
    );
  const live = ports.liveData();
  const chainProviders = chainProvidersFor(input.source, live.chain);
  const priceProviders = input.source === 'all' || input.source === 'prices' ? live.prices : [];
  if (input.source === 'prices' && priceProviders.length === 0)
    throw InputError.at(
      ['source'],
      'every price source is turned off (RERATE_COINBASE_URL, RERATE_KRAKEN_URL, RERATE_BITSTAMP_URL)',
    );

  const release = await store.lock();
  try {
    const { base, warnings } = await startingPoint(store, ports);
    const extent = tablesExtent(base.tables);
    const lastComplete = shiftDay(ports.clock.today(), -1);
    const nextDay = shiftDay(extent.lastDay, 1);
    if (input.since !== undefined) {
      if (input.since < extent.firstDay)
        throw InputError.at(['since'], `${input.since} is before the data begins (${extent.firstDay})`);
      if (input.since > nextDay)
        throw InputError.at(
          ['since'],
          `${input.since} would leave a gap: the data ends ${extent.lastDay}, ` +
            `so a refresh can start on ${nextDay} at the latest`,
        );
    }
    const chainFirstDay = input.since ?? nextDay;
    const priceFirstDay = input.since ?? shiftDay(extent.lastPricedDay, 1);
    const outcomes: SourceOutcome[] = [];
    const notes: LiveDataNote[] = [];
    const progress = ports.progress ?? (() => undefined);

    const shares = await shareStep(
      input.source,
      live.shares ?? [],
      () => ports.coverage.tickers(),
      base.tables,
      `${store.location}/snapshots/${base.snapshotId}/share-closes.csv`,
      lastComplete,
      progress,
    );
    outcomes.push(...shares.outcomes);
    notes.push(...shares.notes);

    const closes: SourcedClose[] = [];
    for (const provider of priceFirstDay <= lastComplete ? priceProviders : []) {
      try {
        const fetched = await provider.fetchDailyCloses(priceFirstDay, lastComplete, progress);
        const complete = fetched.closes.filter((close) => close.date <= lastComplete);
        // A well-formed answer without a single close of the days asked delivered nothing: that source failed.
        if (complete.length === 0) {
          const asked = `${priceFirstDay} … ${lastComplete}`;
          outcomes.push(outcome(provider, 'prices', false, `answered no daily close for ${asked}`, 0, 0, 0));
          continue;
        }
        closes.push(...complete.map((close) => ({ ...close, source: provider.id })));
        notes.push(...fetched.notes);
        outcomes.push(outcome(provider, 'prices', true, `${complete.length} daily closes`, 0, 0, complete.length));
      } catch (error) {
        outcomes.push(outcome(provider, 'prices', false, messageOf(error), 0, 0, 0));
      }
    }

    let merged: MergeOutcome | undefined;
    if (chainFirstDay <= lastComplete) {
      const firstHeight = (extent.tipAtEndOf(shiftDay(chainFirstDay, -1)) ?? 0) + 1;
      const fetchEpoch = Math.floor(firstHeight / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS);
      // The user's node is cheap to ask: from the first epoch whose start time is only estimated (to replace it by
      // the header's) or the one the fetch starts in. A public API is asked only for epochs the data does not list.
      const firstEpochFor = (provider: ChainDataProvider) =>
        provider.id === 'bitcoind'
          ? Math.min(extent.firstDerivedEpoch ?? Infinity, fetchEpoch, extent.epochCount - 1)
          : Math.max(fetchEpoch, extent.epochCount);
      for (const provider of chainProviders) {
        let chain: ChainFetch;
        try {
          chain = completeDaysOnly(
            await provider.fetchChain(
              { firstDay: chainFirstDay, lastDay: lastComplete, firstHeight, firstEpoch: firstEpochFor(provider) },
              progress,
            ),
            firstHeight,
          );
        } catch (error) {
          outcomes.push(outcome(provider, 'chain', false, messageOf(error), 0, 0, 0));
          continue;
        }
        // Not one complete day of those asked (a source behind the chain, an empty answer): the next source is tried.
        if (chain.days.length === 0) {
          const asked = `${chainFirstDay} … ${lastComplete}`;
          outcomes.push(outcome(provider, 'chain', false, `delivered no complete day of ${asked}`, 0, 0, 0));
          continue;
        }
        const refusal = mergeRefusal(base.tables, chain, closes, store);
        if (typeof refusal === 'string') {
          outcomes.push(outcome(provider, 'chain', false, `refused: ${refusal}`, 0, 0, 0));
          continue;
        }
        merged = refusal;
        notes.push(...chain.notes);
        outcomes.push(
          outcome(
            provider,
            'chain',
            true,
            `${chain.days.length} days, ${chain.epochs.length} epochs`,
            chain.days.length,
            chain.epochs.length,
            0,
          ),
        );
        break;
      }
    }
    merged ??= mergeLiveData(base.tables, undefined, closes);
    notes.push(...merged.notes);

    let snapshot = { snapshotId: base.snapshotId, created: false };
    if (mergeChangedAnything(merged.summary) || shares.added > 0) {
      const delivered = [...new Set(outcomes.filter((entry) => entry.ok).map((entry) => entry.source))];
      const committed = await store.commit(shares.tablesWith(merged.tables), {
        parentId: base.snapshotId,
        createdAt: ports.clock.now(),
        sources: delivered,
      });
      snapshot = { snapshotId: committed.snapshotId, created: committed.created };
    }
    const at = ports.clock.now();
    await store.logRefresh(
      outcomes.map((entry): RefreshLogEntry => ({
        source: entry.source,
        kind: entry.kind,
        endpoint: entry.endpoint,
        at,
        ok: entry.ok,
        message: entry.message,
      })),
    );

    const loaded = await ports.network.loadSnapshot(snapshot.snapshotId);
    const dataAsOf = loaded ? seriesAsOf(loaded.history) : {};
    warnings.push(
      ...failureWarnings(outcomes, dataAsOf),
      ...shares.warnings,
      ...notes.map((note): ResultWarning => ({ code: note.code, message: note.message, field: 'sources' })),
      ...singleSourceWarnings(closes),
      // The refresh describes the present: judged against today whatever it fetched.
      ...staleDataWarnings('', dataAsOf, ports.clock.today()),
      ...(shares.history.size > 0
        ? staleShareWarnings(shareFreshness(shares.history, await ports.coverage.tickers(), ports.clock.today()))
        : []),
    );
    return {
      results: {
        store: store.location,
        base: { snapshotId: base.snapshotId, origin: base.origin },
        snapshot,
        span: { firstDay: chainFirstDay < priceFirstDay ? chainFirstDay : priceFirstDay, lastDay: lastComplete },
        status: refreshStatus(outcomes),
        // Chain sources first, in the order tried, then the exchanges, then the share-price sources.
        sources: [
          ...outcomes.filter((entry) => entry.kind === 'chain'),
          ...outcomes.filter((entry) => entry.kind === 'prices'),
          ...outcomes.filter((entry) => entry.kind === 'shares'),
        ],
        added: { ...merged.summary, shareClosesAdded: shares.added },
        dataAsOf,
        shareLastTrades: shares.lastTrades,
      },
      warnings,
    };
  } finally {
    await release();
  }
}

/**
 * What the refresh merges into: the local store's usable snapshot, else the embedded tables, and why if it is not the
 * current one.
 */
async function startingPoint(
  store: LocalDataStorePort,
  ports: AppPorts,
): Promise<{
  base: { snapshotId: string; tables: NetworkTables; origin: 'local' | 'embedded' };
  warnings: ResultWarning[];
}> {
  const { snapshot, problems } = await store.usable();
  const base = snapshot
    ? { snapshotId: snapshot.id, tables: snapshot.tables, origin: 'local' as const }
    : { ...(await ports.localData.embedded()), origin: 'embedded' as const };
  const warnings: ResultWarning[] =
    problems.length === 0
      ? []
      : [
          {
            code: LOCAL_DATA_UNUSABLE_WARNING,
            field: 'base',
            message:
              `passed over in ${store.location}: ${problems.join('; ')}; ` +
              `this refresh builds on the ${base.origin} snapshot ${base.snapshotId.slice(0, 12)}`,
          },
        ];
  return { base, warnings };
}

function chainProvidersFor(source: RefreshInput['source'], chain: readonly ChainDataProvider[]): ChainDataProvider[] {
  if (source === 'prices' || source === 'shares') return [];
  if (source === 'all') {
    if (chain.length === 0)
      throw InputError.at(
        ['source'],
        'no chain source is configured: set RERATE_BITCOIND_URL for your node, or do not turn mempool.space off',
      );
    return [...chain];
  }
  const provider = chain.find((candidate) => candidate.id === source);
  if (!provider) {
    throw InputError.at(
      ['source'],
      source === 'bitcoind'
        ? 'no Bitcoin Core node is configured: set RERATE_BITCOIND_URL ' +
            '(and the cookie file or user and password; docs/data.md)'
        : 'mempool.space is turned off (RERATE_MEMPOOL_URL=off)',
    );
  }
  return [provider];
}

/**
 * Epochs that start in blocks after the last complete day are left for a later refresh: a block that young can still
 * be replaced by a reorganisation, and a stored epoch is never changed.
 */
function completeDaysOnly(chain: ChainFetch, firstHeight: number): ChainFetch {
  const lastTip =
    chain.days.length > 0
      ? (chain.days[chain.days.length - 1] as ChainFetch['days'][number]).tipHeight
      : firstHeight - 1;
  return { ...chain, epochs: chain.epochs.filter((epoch) => epoch.startHeight <= lastTip) };
}

/**
 * The merge of a source's chain data, or why it is refused: it contradicts the stored data or fails the files' checks.
 */
function mergeRefusal(
  tables: NetworkTables,
  chain: ChainFetch,
  closes: SourcedClose[],
  store: LocalDataStorePort,
): MergeOutcome | string {
  try {
    const merged = mergeLiveData(tables, chain, closes);
    store.check(merged.tables);
    return merged;
  } catch (error) {
    if (error instanceof LiveDataConflict) return error.message;
    if (error instanceof InputError) return `its data fails the data files' checks: ${error.message}`;
    throw error;
  }
}

function failureWarnings(outcomes: SourceOutcome[], dataAsOf: Record<string, string>): ResultWarning[] {
  const delivered = (kind: SourceOutcome['kind']) => outcomes.some((entry) => entry.kind === kind && entry.ok);
  return outcomes
    .filter((entry) => !entry.ok)
    .map((entry) => {
      const fallback =
        entry.kind === 'shares'
          ? delivered('shares')
            ? 'the share prices came from the other sources'
            : 'the share prices stay as stored'
          : delivered(entry.kind)
            ? entry.kind === 'chain'
              ? 'the chain data came from the next source'
              : 'the prices came from the other exchanges'
            : entry.kind === 'chain'
              ? `the blocks stay as they were (to ${dataAsOf['blocks'] ?? '?'})`
              : `the prices stay as they were (to ${dataAsOf['price'] ?? '?'})`;
      return {
        code: 'source-failed',
        message: `${entry.source} (${entry.endpoint}) failed: ${entry.message}; ${fallback}`,
        field: 'sources',
      };
    });
}

/** Days whose price rests on one exchange alone cannot be cross-checked: one warning lists them. */
function singleSourceWarnings(closes: readonly SourcedClose[]): ResultWarning[] {
  const single = priceConsensus(closes).prices.filter((price) => price.sources.length < 2);
  if (single.length === 0) return [];
  const days = single.map((price) => `${price.date} (${price.sources[0]})`);
  return [
    {
      code: 'price-not-cross-checked',
      field: 'sources',
      message:
        `${single.length} days have a close from one exchange only, so their price is not cross-checked: ` +
        `${days.slice(0, 5).join(', ')}${days.length > 5 ? ', …' : ''}`,
    },
  ];
}

function outcome(
  provider: { id: string; endpoint: string },
  kind: SourceOutcome['kind'],
  ok: boolean,
  message: string,
  days: number,
  epochs: number,
  closes: number,
): SourceOutcome {
  return { source: provider.id, kind, endpoint: provider.endpoint, ok, message, days, epochs, closes };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The ISO date `days` after `date`. */
function shiftDay(date: string, days: number): string {
  return isoFromDay((dayFromIso(date) + days) as DayNumber);
}
