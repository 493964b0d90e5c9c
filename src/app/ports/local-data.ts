/**
 * The local data store beside the embedded snapshot: what a refresh reads and writes (src/data/local-data-store.ts).
 */

/** A local snapshot's description, kept beside its files. */
export interface StoredSnapshotInfo {
  snapshotId: string;
  /** The snapshot it was merged into. */
  parentId: string;
  /** When the refresh wrote it (ISO timestamp). */
  createdAt: string;
  /** The sources whose data it added. */
  sources: string[];
}

/** One source's outcome in one refresh. */
export interface RefreshLogEntry {
  source: string;
  /** What the source was asked for (mempool.space serves chain and prices). */
  kind: 'chain' | 'prices' | 'shares';
  endpoint: string;
  /** ISO timestamp. */
  at: string;
  ok: boolean;
  message: string;
}

/** The local data store beside the embedded snapshot (src/data/local-data-store.ts). */
export interface LocalDataStorePort {
  /** The folder, for messages. */
  readonly location: string;
  /**
   * The snapshot a refresh builds on: the current one, or, when it cannot be read, the newest one that can
   * (`problems` says what was passed over and why); undefined before the first refresh.
   */
  usable(): Promise<{
    snapshot: { id: string; tables: NetworkTables; info: StoredSnapshotInfo } | undefined;
    problems: string[];
  }>;
  /** Validates tables as the embedded data is validated: an InputError names the file:line:column. */
  check(tables: NetworkTables): void;
  /**
   * Validates the tables, writes them as a snapshot and makes it current, atomically. Same tables, same id: nothing
   * new.
   */
  commit(
    tables: NetworkTables,
    info: Omit<StoredSnapshotInfo, 'snapshotId'>,
  ): Promise<{ snapshotId: string; created: boolean; becameCurrent: boolean }>;
  logRefresh(entries: RefreshLogEntry[]): Promise<void>;
  /** The latest log entry of each source. */
  lastRefreshes(): Promise<RefreshLogEntry[]>;
  /** Takes the store's write lock (one refresh at a time); resolves to the release function. */
  lock(): Promise<() => Promise<void>>;
  snapshotCount(): number;
}

/** The local data store with what a refresh starts from when it is empty: the embedded data's tables. */
export interface LocalData {
  store: LocalDataStorePort | undefined;
  embedded(): Promise<{ snapshotId: string; tables: NetworkTables }>;
}

/** The local store's tables, as the CSV texts written to a snapshot. */
export interface NetworkTables {
  daily: string;
  epochs: string;
  closes: string;
  /** Share closes per ticker (issue 20; src/schema/share-close-table.ts); absent until a refresh fetched some. */
  shareCloses?: string;
}
