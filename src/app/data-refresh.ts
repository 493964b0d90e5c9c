/**
 * `rerate data refresh`: fetch what is new from the live providers and merge it into the local data store
 * (DESIGN.md §9). Chain data comes from the first chain source that delivers (the user's node, then mempool.space);
 * prices from every exchange configured, cross-checked. A source that fails is reported and left out: the store keeps
 * the newest data it had, and nothing half-fetched is written. One refresh at a time holds the store's lock.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS } from '../protocol/consensus-params.ts';
import { InputError } from '../schema/input-error.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../units/calendar-day.ts';
import type { ChainDataProvider, ChainFetch, LiveDataNote } from './live-data.ts';
import { LiveDataConflict, mergeChangedAnything, mergeLiveData, tablesExtent, type MergeOutcome, type NetworkTables } from './live-data-merge.ts';
import { seriesAsOf } from './network-state.ts';
import type { AppPorts, RefreshLogEntry } from './ports.ts';
import type { SourcedClose } from './price-consensus.ts';
import type { ResultWarning } from './result-envelope.ts';
import type { z } from 'zod';
import type { dataRefreshInputSchema, dataRefreshSchema } from '../schema/data.ts';

type RefreshInput = z.output<typeof dataRefreshInputSchema>;
type RefreshResults = z.output<typeof dataRefreshSchema>;
type SourceOutcome = RefreshResults['sources'][number];

export async function refreshData(input: RefreshInput, ports: AppPorts): Promise<{ results: RefreshResults; warnings: ResultWarning[] }> {
  const store = ports.localData.store;
  if (!store) throw InputError.at([], 'there is no local data store: set RERATE_DATA_DIR (or HOME) so rerate has somewhere to keep fetched data');
  const chainProviders = chainProvidersFor(input.source, ports);
  const priceProviders = input.source === 'all' || input.source === 'prices' ? ports.liveData.prices : [];
  if (input.source === 'prices' && priceProviders.length === 0) throw InputError.at(['source'], 'every price source is turned off (RERATE_COINBASE_URL, RERATE_KRAKEN_URL, RERATE_BITSTAMP_URL)');

  const release = await store.lock();
  try {
    const local = await store.current();
    const base = local ? { snapshotId: local.id, tables: local.tables, origin: 'local' as const } : { ...(await ports.localData.embedded()), origin: 'embedded' as const };
    const extent = tablesExtent(base.tables);
    const lastComplete = shiftDay(ports.clock.today(), -1);
    const firstDay = input.since ?? shiftDay(extent.lastDay, 1);
    if (input.since !== undefined) {
      if (input.since < extent.firstDay) throw InputError.at(['since'], `${input.since} is before the data begins (${extent.firstDay})`);
      if (input.since > shiftDay(extent.lastDay, 1)) {
        throw InputError.at(['since'], `${input.since} would leave a gap: the data ends ${extent.lastDay}, so a refresh can start on ${shiftDay(extent.lastDay, 1)} at the latest`);
      }
    }
    const firstHeight = (extent.tipAtEndOf(shiftDay(firstDay, -1)) ?? 0) + 1;
    const fetchEpoch = Math.floor(firstHeight / DIFFICULTY_ADJUSTMENT_INTERVAL_BLOCKS);
    // The user's node is cheap to ask: from the first epoch whose start time is only estimated (to replace it by the
    // header's) or the one the fetch starts in. A public API is asked only for epochs the data does not list yet.
    const firstEpochFor = (provider: ChainDataProvider) =>
      provider.id === 'bitcoind' ? Math.min(extent.firstDerivedEpoch ?? Infinity, fetchEpoch, extent.epochCount - 1) : Math.max(fetchEpoch, extent.epochCount);
    const outcomes: SourceOutcome[] = [];
    const notes: LiveDataNote[] = [];
    const progress = ports.progress ?? (() => undefined);

    let chain: ChainFetch | undefined;
    if (firstDay <= lastComplete) {
      for (const provider of chainProviders) {
        try {
          chain = await provider.fetchChain({ firstDay, lastDay: lastComplete, firstHeight, firstEpoch: firstEpochFor(provider) }, progress);
          outcomes.push(outcome(provider, 'chain', true, `${chain.days.length} days, ${chain.epochs.length} epochs`, chain.days.length, chain.epochs.length, 0));
          notes.push(...chain.notes);
          break;
        } catch (error) {
          outcomes.push(outcome(provider, 'chain', false, messageOf(error), 0, 0, 0));
        }
      }
    }
    const closes: SourcedClose[] = [];
    // Nothing to fetch when the data already reaches yesterday.
    for (const provider of firstDay <= lastComplete ? priceProviders : []) {
      try {
        const fetched = await provider.fetchDailyCloses(firstDay, lastComplete, progress);
        const complete = fetched.closes.filter((close) => close.date <= lastComplete);
        closes.push(...complete.map((close) => ({ ...close, source: provider.id })));
        notes.push(...fetched.notes);
        outcomes.push(outcome(provider, 'prices', true, `${complete.length} daily closes`, 0, 0, complete.length));
      } catch (error) {
        outcomes.push(outcome(provider, 'prices', false, messageOf(error), 0, 0, 0));
      }
    }

    const merged = mergeOrRefuseChain(base.tables, chain, closes, outcomes, ports);
    notes.push(...merged.notes);
    let snapshot = { snapshotId: base.snapshotId, created: false };
    if (mergeChangedAnything(merged.summary)) {
      const delivered = outcomes.filter((entry) => entry.ok).map((entry) => entry.source);
      const committed = await commitOrRefuseChain(merged, base, chain, closes, outcomes, ports, delivered);
      snapshot = { snapshotId: committed.snapshotId, created: committed.created };
    }
    const at = ports.clock.now();
    await store.logRefresh(outcomes.map((entry): RefreshLogEntry => ({ source: entry.source, endpoint: entry.endpoint, at, ok: entry.ok, message: entry.message })));

    const loaded = await ports.network.loadSnapshot(snapshot.snapshotId);
    const dataAsOf = loaded ? seriesAsOf(loaded.history) : {};
    const warnings = [...failureWarnings(outcomes, input.source, dataAsOf), ...notes.map((note): ResultWarning => ({ code: note.code, message: note.message, field: 'sources' }))];
    if (priceProviders.length > 0 && outcomes.filter((entry) => entry.kind === 'prices' && entry.ok).length === 1) {
      warnings.push({ code: 'price-not-cross-checked', message: 'only one price source delivered, so its closes are not cross-checked', field: 'sources' });
    }
    return {
      results: { store: store.location, base: { snapshotId: base.snapshotId, origin: base.origin }, snapshot, span: { firstDay, lastDay: lastComplete }, sources: outcomes, added: merged.summary, dataAsOf },
      warnings,
    };
  } finally {
    await release();
  }
}

/** A refresh failed when a kind of data it asked for came from no source. */
export function refreshFailed(results: RefreshResults): boolean {
  return (['chain', 'prices'] as const).some((kind) => {
    const tried = results.sources.filter((entry) => entry.kind === kind);
    return tried.length > 0 && tried.every((entry) => !entry.ok);
  });
}

function chainProvidersFor(source: RefreshInput['source'], ports: AppPorts): ChainDataProvider[] {
  const { chain } = ports.liveData;
  if (source === 'prices') return [];
  if (source === 'all') {
    if (chain.length === 0) throw InputError.at(['source'], 'no chain source is configured: set RERATE_BITCOIND_URL for your node, or do not turn mempool.space off');
    return chain;
  }
  const provider = chain.find((candidate) => candidate.id === source);
  if (!provider) {
    throw InputError.at(['source'], source === 'bitcoind' ? 'no Bitcoin Core node is configured: set RERATE_BITCOIND_URL (and the cookie file or user and password; docs/data.md)' : 'mempool.space is turned off (RERATE_MEMPOOL_URL=off)');
  }
  return [provider];
}

/** Merges; when the chain data contradicts the store, refuses it (the source failed) and merges the prices alone. */
function mergeOrRefuseChain(tables: NetworkTables, chain: ChainFetch | undefined, closes: SourcedClose[], outcomes: SourceOutcome[], ports: AppPorts): MergeOutcome {
  try {
    return mergeLiveData(tables, chain, closes);
  } catch (error) {
    if (!(error instanceof LiveDataConflict) || !chain) throw error;
    refuse(outcomes, chain, error.message, ports);
    return mergeLiveData(tables, undefined, closes);
  }
}

/** Writes the merged tables; when the chain data fails the data files' validation, refuses it and writes the prices alone. */
async function commitOrRefuseChain(
  merged: MergeOutcome,
  base: { snapshotId: string; tables: NetworkTables },
  chain: ChainFetch | undefined,
  closes: SourcedClose[],
  outcomes: SourceOutcome[],
  ports: AppPorts,
  delivered: string[],
): Promise<{ snapshotId: string; created: boolean }> {
  const store = ports.localData.store as NonNullable<AppPorts['localData']['store']>;
  const info = { parentId: base.snapshotId, createdAt: ports.clock.now(), sources: delivered };
  try {
    return await store.commit(merged.tables, info);
  } catch (error) {
    if (!(error instanceof InputError) || !chain) throw error;
    refuse(outcomes, chain, `its data fails validation: ${error.message}`, ports);
    const pricesOnly = mergeLiveData(base.tables, undefined, closes);
    if (!mergeChangedAnything(pricesOnly.summary)) return { snapshotId: base.snapshotId, created: false };
    return store.commit(pricesOnly.tables, { ...info, sources: delivered.filter((source) => source !== chain.source) });
  }
}

function refuse(outcomes: SourceOutcome[], chain: ChainFetch, reason: string, ports: AppPorts): void {
  const entry = outcomes.find((candidate) => candidate.source === chain.source) as SourceOutcome;
  Object.assign(entry, { ok: false, message: `refused: ${reason}`, days: 0, epochs: 0 });
  ports.progress?.({ source: chain.source, done: 0, total: 0, unit: `refused: ${reason}` });
}

function failureWarnings(outcomes: SourceOutcome[], source: RefreshInput['source'], dataAsOf: Record<string, string>): ResultWarning[] {
  const chainDelivered = outcomes.some((entry) => entry.kind === 'chain' && entry.ok);
  return outcomes
    .filter((entry) => !entry.ok)
    .map((entry) => {
      const fallback =
        entry.kind === 'chain' && chainDelivered && source === 'all'
          ? 'the chain data came from the next source'
          : `the data stays as it was (${entry.kind === 'chain' ? `blocks to ${dataAsOf['blocks'] ?? '?'}` : `prices to ${dataAsOf['price'] ?? '?'}`})`;
      return { code: 'source-failed', message: `${entry.source} (${entry.endpoint}) failed: ${entry.message}; ${fallback}`, field: 'sources' };
    });
}

function outcome(provider: { id: string; endpoint: string }, kind: 'chain' | 'prices', ok: boolean, message: string, days: number, epochs: number, closes: number): SourceOutcome {
  return { source: provider.id, kind, endpoint: provider.endpoint, ok, message, days, epochs, closes };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The ISO date `days` after `date`. */
function shiftDay(date: string, days: number): string {
  return isoFromDay((dayFromIso(date) + days) as DayNumber);
}
