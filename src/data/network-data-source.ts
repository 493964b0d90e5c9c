/**
 * The network data commands run on: the local store's current snapshot when a refresh has written one, else the
 * embedded snapshot. A local snapshot that cannot be read or fails validation is not used: the commands fall back to
 * the newest one that can be, or to the embedded data, and say so in a warning, rather than fail or run on half a
 * file. Old snapshots stay loadable by id, so a run can be replayed on the data it used.
 */
import { metricsOnce } from './metrics-once.ts';
import { join } from 'node:path';
import type { LocalData } from '../app/ports/local-data.ts';
import type { NetworkDataSnapshot, NetworkDataSource } from '../app/ports/network-data.ts';
import { sha256Hex } from '../app/canonical-json.ts';
import { LOCAL_DATA_UNUSABLE_WARNING } from '../schema/result-envelope.ts';
import { EMBEDDED_SOURCES, LIVE_SOURCES, type EmbeddedData } from './embedded-snapshot.ts';
import {
  LOCAL_DAILY_FILE,
  LOCAL_EPOCHS_FILE,
  LOCAL_CLOSES_FILE,
  LOCAL_SHARE_CLOSES_FILE,
  type LocalDataStore,
  type UsableSnapshot,
} from './local-data-store.ts';

export function networkDataSource(
  embedded: EmbeddedData,
  store: LocalDataStore | undefined,
): NetworkDataSource & LocalData {
  const byId = new Map<string, NetworkDataSnapshot>();
  let current: Promise<NetworkDataSnapshot> | undefined;

  const snapshotOf = (stored: UsableSnapshot): NetworkDataSnapshot => {
    const cached = byId.get(stored.id);
    if (cached) return cached;
    const { history, tables } = stored;
    const shareFiles =
      tables.shareCloses === undefined
        ? []
        : [
            {
              name: join(stored.folder, LOCAL_SHARE_CLOSES_FILE),
              sha256: sha256Hex(tables.shareCloses),
              rows: [...stored.shareCloses.values()].reduce((sum, rows) => sum + rows.length, 0),
            },
          ];
    const snapshot: NetworkDataSnapshot = {
      history,
      shareCloses: stored.shareCloses,
      metrics: metricsOnce(history),
      snapshotId: stored.id,
      files: [
        { name: join(stored.folder, LOCAL_DAILY_FILE), sha256: sha256Hex(tables.daily), rows: history.daily.dayCount },
        { name: join(stored.folder, LOCAL_EPOCHS_FILE), sha256: sha256Hex(tables.epochs), rows: history.epochs.count },
        {
          name: join(stored.folder, LOCAL_CLOSES_FILE),
          sha256: sha256Hex(tables.closes),
          rows: tables.closes.split('\n').length - 2,
        },
        ...shareFiles,
      ],
      sources: [...EMBEDDED_SOURCES, ...LIVE_SOURCES],
      origin: { kind: 'local', location: stored.folder, createdAt: stored.info.createdAt },
      warnings: [],
    };
    byId.set(stored.id, snapshot);
    return snapshot;
  };

  const loadCurrent = async (): Promise<NetworkDataSnapshot> => {
    if (!store) return embedded.loadNetwork();
    const { snapshot, problems } = store.usableSnapshot();
    const served = snapshot ? snapshotOf(snapshot) : await embedded.loadNetwork();
    if (problems.length === 0) return served;
    const instead = snapshot
      ? `local snapshot ${snapshot.id.slice(0, 12)} written ${snapshot.info.createdAt}`
      : 'the embedded data';
    return {
      ...served,
      warnings: [
        {
          code: LOCAL_DATA_UNUSABLE_WARNING,
          field: 'dataAsOf',
          message:
            `the local data in ${store.location} could not all be used (${problems.join('; ')}); ` +
            `these figures use ${instead} instead`,
        },
      ],
    };
  };

  return {
    loadNetwork() {
      current ??= loadCurrent();
      return current;
    },
    async loadSnapshot(snapshotId) {
      const known = (await embedded.loadSnapshot(snapshotId)) ?? byId.get(snapshotId);
      if (known || !store) return known;
      const stored = store.readSnapshot(snapshotId);
      return stored && snapshotOf(stored);
    },
    store,
    async embedded() {
      return embedded.tables();
    },
  };
}
