/**
 * Ports: what the application needs from the outside world, as interfaces. Adapters in src/data (and later
 * src/store) implement them; only the composition roots (src/cli, src/server) pick the adapters.
 */
import type { NetworkHistory } from '../network/network-history.ts';

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
  /** SHA-256 over the snapshot's files: the data part of every inputs hash. */
  snapshotId: string;
  files: DataFileProvenance[];
  /** Source of each code in the daily series' `sources`, with its licence. */
  sources: DataSourceNotice[];
}

export interface NetworkDataSource {
  /** Loads (once) and validates the chain and market history. Bad data throws an InputError naming file:line. */
  loadNetwork(): Promise<NetworkDataSnapshot>;
}

export interface AppPorts {
  network: NetworkDataSource;
}
