/**
 * What live providers deliver (DESIGN.md §9): complete UTC days of chain data, difficulty epochs and daily BTC/USD
 * closes. Providers live in src/data behind these ports; merging into the local store is src/app/live-data-merge.ts.
 */
import type { SharePriceProvider } from './share-prices.ts';

/** One complete UTC day of chain data. */
export interface ChainDay {
  /** YYYY-MM-DD (UTC). */
  date: string;
  /**
   * Height of the day's last block: the block before the first block whose header time is at or after the next
   * midnight UTC, scanning up from the day's first height (header times are not strictly monotone).
   */
  tipHeight: number;
  /**
   * Transaction fees of the day's blocks (heights previous tip + 1 … tipHeight), BTC; null when the source has none.
   */
  feesBtc: number | null;
}

/** The first block of a difficulty epoch (heights 2016k … 2016k + 2015). */
export interface EpochStart {
  epoch: number;
  startHeight: number;
  /** Compact target (nBits) of the epoch. */
  bits: number;
  /** Header time of the epoch's first block, unix seconds. */
  startTimeUnixS: number;
  /** Chainwork up to and including the first block, hex without 0x; null when the source has none. */
  chainworkHex: string | null;
}

export interface ChainRequest {
  /** First and last day to fetch, YYYY-MM-DD (complete UTC days only). */
  firstDay: string;
  lastDay: string;
  /**
   * The day before `firstDay` ends at height `firstHeight − 1` in the local data: the first fetched day starts here.
   */
  firstHeight: number;
  /** Epochs from this one up to the chain tip are returned (those already known are checked against the store). */
  firstEpoch: number;
}

/** A soft problem found while fetching: an outlier flagged (not deleted), a retry, a source disagreement. */
export interface LiveDataNote {
  code: string;
  message: string;
  /** The day the note concerns, when it concerns one (YYYY-MM-DD). */
  date?: string;
}

export interface ChainFetch {
  source: ChainSourceId;
  /**
   * Consecutive days firstDay … lastDay, or fewer when the chain tip ends earlier (the days after are not complete).
   */
  days: ChainDay[];
  /** Epochs firstEpoch … the epoch of the chain tip, consecutive. */
  epochs: EpochStart[];
  notes: LiveDataNote[];
}

/** How a long fetch reports progress: `done` of `total` units (blocks, days, requests). */
export type FetchProgress = (event: { source: string; done: number; total: number; unit: string }) => void;

export type ChainSourceId = 'bitcoind' | 'mempool';

export interface ChainDataProvider {
  readonly id: ChainSourceId;
  /** Describes the endpoint for users, with any credentials removed (e.g. `http://127.0.0.1:8332`). */
  readonly endpoint: string;
  /** Fails with a ProviderError (src/data) when the source is down, on the wrong chain, or returns invalid data. */
  fetchChain(request: ChainRequest, progress: FetchProgress): Promise<ChainFetch>;
}

export type PriceSourceId = 'coinbase' | 'kraken' | 'bitstamp' | 'mempool';

/** A daily close: the last trade price of the UTC day, USD per BTC. */
export interface DailyClose {
  date: string;
  closeUsd: number;
}

export interface PriceFetch {
  source: PriceSourceId;
  /** Closes for complete UTC days in the requested span, ascending, possibly with gaps the source has. */
  closes: DailyClose[];
  notes: LiveDataNote[];
}

export interface PriceProvider {
  readonly id: PriceSourceId;
  readonly endpoint: string;
  /** Daily closes for firstDay … lastDay (UTC, complete days). Fails with a ProviderError. */
  fetchDailyCloses(firstDay: string, lastDay: string, progress: FetchProgress): Promise<PriceFetch>;
}

/** The live providers configured for this process. */
export interface LiveDataSources {
  chain: ChainDataProvider[];
  prices: PriceProvider[];
  /** Share-price sources (issue 20), in order of preference; absent: none configured. */
  shares?: SharePriceProvider[];
}
