/** Inputs and results of `rerate data refresh` and `rerate data status` (DESIGN.md §9). */
import { z } from 'zod';
import { isoDateSchema } from './common.ts';
import { inputField } from './input-field.ts';

export const REFRESH_SOURCES = ['all', 'bitcoind', 'mempool', 'prices', 'shares'] as const;
/** What a source was asked for: chain data, BTC/USD closes, or share closes of the covered tickers (issue 20). */
export const SOURCE_KINDS = ['chain', 'prices', 'shares'] as const;

export const dataRefreshInputSchema = z
  .object({
    source: z
      .enum(REFRESH_SOURCES, { error: `expected one of ${REFRESH_SOURCES.join(', ')}` })
      .default('all')
      .meta(inputField({ value: '<source>', description: 'which sources to fetch' })),
    since: isoDateSchema.optional().meta(
      inputField({
        value: '<date>',
        description:
          'first UTC day to fetch (default: the day after the newest data); ' +
          'earlier days only fill empty fees and prices',
      }),
    ),
  })
  .strict();

const sourceOutcome = z.object({
  source: z.string(),
  kind: z.enum(SOURCE_KINDS),
  endpoint: z.string(),
  ok: z.boolean(),
  /** What it delivered, or why it failed. */
  message: z.string(),
  days: z.number().int(),
  epochs: z.number().int(),
  closes: z.number().int(),
});

export const dataRefreshSchema = z.object({
  store: z.string(),
  /** The snapshot the refresh merged into. */
  base: z.object({ snapshotId: z.string(), origin: z.enum(['embedded', 'local']) }),
  /** The snapshot now current; `created` false when nothing new was found. */
  snapshot: z.object({ snapshotId: z.string(), created: z.boolean() }),
  span: z.object({ firstDay: z.string(), lastDay: z.string() }),
  /**
   * `up-to-date`: nothing to fetch; `refreshed`: every kind of data asked for came from a source (exit 0);
   * `partial`: a kind came from no source, the other was merged; `failed`: none came (exit 1).
   */
  status: z.enum(['up-to-date', 'refreshed', 'partial', 'failed']),
  sources: z.array(sourceOutcome),
  added: z.object({
    daysAdded: z.number().int(),
    feesFilled: z.number().int(),
    pricesFilled: z.number().int(),
    epochsAdded: z.number().int(),
    epochTimesFromHeaders: z.number().int(),
    closesAdded: z.number().int(),
    /** Share closes appended, all tickers (issue 20). */
    shareClosesAdded: z.number().int(),
  }),
  /** The last day of each series after the refresh. */
  dataAsOf: z.record(z.string(), z.string()),
  /**
   * The last trade of each ticker where a share-price source gives one (issue 20; it may be intraday): shown for
   * reference, never stored — valuations use the stored closes.
   */
  shareLastTrades: z.array(z.object({ ticker: z.string(), source: z.string(), at: z.string(), priceUsd: z.number() })),
});

export const dataStatusInputSchema = z.object({}).strict();

const seriesStatus = z.object({
  series: z.string(),
  lastDay: z.string(),
  source: z.string(),
  ageDays: z.number().int().nullable(),
  staleAfterDays: z.number().int(),
  stale: z.boolean(),
});

export const dataStatusSchema = z.object({
  today: z.string(),
  snapshot: z.object({
    snapshotId: z.string(),
    origin: z.enum(['embedded', 'local']),
    location: z.string(),
    createdAt: z.string().nullable(),
  }),
  store: z.object({ location: z.string().nullable(), snapshots: z.number().int() }),
  series: z.array(seriesStatus),
  /** Each covered ticker's last stored close (issue 20); empty before share prices were fetched. */
  shares: z.array(
    z.object({
      ticker: z.string(),
      lastDay: z.string().nullable(),
      closeUsd: z.number().nullable(),
      sources: z.array(z.string()),
      ageDays: z.number().int().nullable(),
      staleAfterDays: z.number().int(),
      stale: z.boolean(),
    }),
  ),
  providers: z.array(z.object({ source: z.string(), kind: z.enum(SOURCE_KINDS), endpoint: z.string() })),
  lastRefreshes: z.array(
    z.object({
      source: z.string(),
      kind: z.enum(SOURCE_KINDS),
      endpoint: z.string(),
      at: z.string(),
      ok: z.boolean(),
      message: z.string(),
    }),
  ),
});
