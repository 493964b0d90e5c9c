/** The network data port: the chain and market history as a validated snapshot, embedded or from the local store. */
import type { DailyNetworkMetrics } from '../../network/daily-metrics.ts';
import type { NetworkHistory } from '../../network/network-history.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import type { ShareCloseHistory } from '../../schema/share-close-table.ts';

export interface DataFileProvenance {
  /** Path of the file as shown to users, e.g. `data/network-daily.csv`. */
  name: string;
  sha256: string;
  rows: number;
}

export interface DataSourceNotice {
  id: string;
  description: string;
  licence: string;
}

export interface NetworkDataSnapshot {
  history: NetworkHistory;
  /**
   * Each covered ticker's stored share closes (issue 20): part of the snapshot, so its id — the data part of every
   * inputs hash — pins the price a run used. Absent or empty: none fetched (the embedded data has none).
   */
  shareCloses?: ShareCloseHistory;
  /** The daily metrics derived from the history (hashrate estimates, hashprice), computed once per snapshot. */
  metrics(): DailyNetworkMetrics;
  /** SHA-256 over the snapshot's files: the data part of every inputs hash. */
  snapshotId: string;
  files: DataFileProvenance[];
  /** Source of each code in the daily series' `sources`, with its licence. */
  sources: DataSourceNotice[];
  /** The embedded data, or a snapshot of the local store (with its folder and when a refresh wrote it). */
  origin: { kind: 'embedded' | 'local'; location: string; createdAt?: string };
  /** Why this snapshot is served instead of the one asked for (a local snapshot that could not be read). */
  warnings: ResultWarning[];
}

export interface NetworkDataSource {
  /**
   * Loads (once) and validates the chain and market history: the local store's current snapshot when there is one,
   * else the embedded data. Bad embedded data throws an InputError naming file:line; an unreadable local snapshot
   * falls back to the embedded data with a warning.
   */
  loadNetwork(): Promise<NetworkDataSnapshot>;
  /** A snapshot by id (the embedded one, or one kept in the local store), for replaying a run; undefined when gone. */
  loadSnapshot(snapshotId: string): Promise<NetworkDataSnapshot | undefined>;
}
