/**
 * The network data commands run on: the local store's current snapshot when a refresh has written one, else the
 * embedded snapshot. A local snapshot that cannot be read or fails validation is not used: the commands fall back to
 * the embedded data and say so in a warning, rather than fail or run on half a file. Old snapshots stay loadable by
 * id, so a run can be replayed on the data it used.
 */
import { join } from 'node:path';
import type { LocalData, NetworkDataSnapshot, NetworkDataSource } from '../app/ports.ts';
import { sha256Hex } from '../app/canonical-json.ts';
import { EMBEDDED_SOURCES, LIVE_SOURCES, type EmbeddedData } from './embedded-snapshot.ts';
import { LOCAL_DAILY_FILE, LOCAL_EPOCHS_FILE, LOCAL_CLOSES_FILE, type LocalDataStore } from './local-data-store.ts';

export function networkDataSource(embedded: EmbeddedData, store: LocalDataStore | undefined): NetworkDataSource & LocalData {
  const byId = new Map<string, NetworkDataSnapshot>();
  let current: Promise<NetworkDataSnapshot> | undefined;

  const loadLocal = (id: string): NetworkDataSnapshot | undefined => {
    const cached = byId.get(id);
    if (cached || !store) return cached;
    const stored = store.readSnapshot(id);
    if (!stored) return undefined;
    const history = store.parse(id, stored.tables);
    const snapshot: NetworkDataSnapshot = {
      history,
      snapshotId: id,
      files: [
        { name: join(stored.folder, LOCAL_DAILY_FILE), sha256: sha256Hex(stored.tables.daily), rows: history.daily.dayCount },
        { name: join(stored.folder, LOCAL_EPOCHS_FILE), sha256: sha256Hex(stored.tables.epochs), rows: history.epochs.count },
        { name: join(stored.folder, LOCAL_CLOSES_FILE), sha256: sha256Hex(stored.tables.closes), rows: stored.tables.closes.split('\n').length - 2 },
      ],
      sources: [...EMBEDDED_SOURCES, ...LIVE_SOURCES],
      origin: { kind: 'local', location: stored.folder },
      warnings: [],
    };
    byId.set(id, snapshot);
    return snapshot;
  };

  const loadCurrent = async (): Promise<NetworkDataSnapshot> => {
    if (!store) return embedded.loadNetwork();
    let id: string | undefined;
    try {
      id = store.currentId();
      const local = id === undefined ? undefined : loadLocal(id);
      if (id !== undefined && !local) throw new Error(`snapshot ${id.slice(0, 12)} named by current.json is missing`);
      if (local) return local;
    } catch (error) {
      const fallback = await embedded.loadNetwork();
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ...fallback,
        warnings: [
          {
            code: 'local-data-unusable',
            message: `the local data in ${store.location} could not be used (${reason}); these figures use the embedded data instead`,
            field: 'dataAsOf',
          },
        ],
      };
    }
    return embedded.loadNetwork();
  };

  return {
    loadNetwork() {
      current ??= loadCurrent();
      return current;
    },
    async loadSnapshot(snapshotId) {
      return (await embedded.loadSnapshot(snapshotId)) ?? loadLocal(snapshotId);
    },
    store,
    async embedded() {
      return embedded.tables();
    },
  };
}
