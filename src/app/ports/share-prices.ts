/**
 * What share-price providers deliver (issue 20): daily closes of one listed ticker, as traded on the day (not adjusted
 * for later splits), in USD, with the splits the source reports and its last trade where it gives one. Providers live
 * in src/data/providers behind this port; the cross-check and the store's history are src/app/live-data/.
 */

/** As live-data.ts's LiveDataNote and FetchProgress (repeated, so the two ports do not import each other). */
interface ShareFetchNote {
  code: string;
  message: string;
  date?: string;
}
type ShareFetchProgress = (event: { source: string; done: number; total: number; unit: string }) => void;

export type SharePriceSourceId = 'yahoo' | 'nasdaq' | 'tiingo';

/** A regular-session close on one exchange trading day. */
export interface ShareClose {
  /** YYYY-MM-DD, the exchange's trading day. */
  date: string;
  /** The close as traded that day: a later split does not change it. */
  closeUsd: number;
}

/** A split taking effect at the open of `date`: one old share became `factor` new ones (1:10 reverse → 0.1). */
export interface ShareSplit {
  date: string;
  factor: number;
}

export interface ShareCloseFetch {
  source: SharePriceSourceId;
  ticker: string;
  /** Ascending, one per trading day the source has in the span asked, all before the current UTC day. */
  closes: ShareClose[];
  /** Splits the source reports inside the span; empty when it reports none (or cannot report any). */
  splits: ShareSplit[];
  /**
   * Whether the source's closes before a split it does not report would be on the post-split basis: a source that
   * adjusts history silently (Nasdaq's historical table) cannot be stored across a split another source reports.
   */
  adjustsSilently: boolean;
  /** The last trade the source reports (it may be today's, intraday), when it gives one. */
  lastTrade?: { at: string; priceUsd: number };
  notes: ShareFetchNote[];
}

export interface SharePriceProvider {
  readonly id: SharePriceSourceId;
  /** The API host without credentials, for messages. */
  readonly endpoint: string;
  /**
   * Daily closes of `ticker` for firstDay … lastDay. Fails with a ProviderError (src/data/http/provider-error.ts) when
   * the source is down, does not know the ticker (renamed, delisted: failure `unknown-ticker`), quotes it in another
   * currency than USD, or answers anything malformed: never a wrong number.
   */
  fetchShareCloses(
    ticker: string,
    firstDay: string,
    lastDay: string,
    progress: ShareFetchProgress,
  ): Promise<ShareCloseFetch>;
}
