/**
 * How a `rerate data refresh` went, for an operator scripting a nightly refresh (docs/cli.md): its status, and why a
 * partial or failed refresh exits 1.
 */
import type { z } from 'zod';
import { SOURCE_KINDS, type dataRefreshSchema } from '../../schema/data.ts';

type RefreshResults = z.output<typeof dataRefreshSchema>;
type SourceOutcome = RefreshResults['sources'][number];

const KIND_TEXT = { chain: 'chain data', prices: 'prices', shares: 'share prices' } as const;

/**
 * How the refresh went, for an operator's script: `up-to-date` (nothing to fetch), `refreshed` (every kind of data
 * asked for came from a source), `partial` (one kind did, another came from no source), `failed` (none did). A kind
 * "comes from no source" when every source of it failed, was refused or answered none of the days asked.
 */
export function refreshStatus(sources: readonly SourceOutcome[]): RefreshResults['status'] {
  const asked = SOURCE_KINDS.filter((kind) => sources.some((entry) => entry.kind === kind));
  const delivered = asked.filter((kind) => sources.some((entry) => entry.kind === kind && entry.ok));
  if (asked.length === 0) return 'up-to-date';
  if (delivered.length === asked.length) return 'refreshed';
  return delivered.length > 0 ? 'partial' : 'failed';
}

/** Why a refresh is a failure (exit 1): the kinds of data no source delivered, and what was kept. */
export function refreshFailure(results: RefreshResults): string | undefined {
  if (results.status !== 'partial' && results.status !== 'failed') return undefined;
  const missing = SOURCE_KINDS.filter(
    (kind) =>
      results.sources.some((entry) => entry.kind === kind) &&
      results.sources.every((entry) => entry.kind !== kind || !entry.ok),
  );
  const names = (kind: SourceOutcome['kind']) =>
    results.sources.filter((entry) => entry.kind === kind).map((entry) => entry.source);
  const what = missing.map((kind) => `${KIND_TEXT[kind]} (${names(kind).join(', ')})`);
  return (
    `no source delivered ${what.join(' or ')}; ` +
    (results.status === 'partial'
      ? 'the rest was merged, and a later refresh fetches what is missing'
      : 'the local data is as it was')
  );
}
