/**
 * The local data store beside the embedded snapshot (DESIGN.md §9): a folder of snapshots kept by id, the pointer
 * to the current one, and a log of refresh attempts.
 *
 *   <dir>/snapshots/<id>/network-daily.csv, difficulty-epochs.csv, price-closes.csv, snapshot.json
 *   <dir>/current.json      {"snapshotId": …}
 *   <dir>/refresh-log.jsonl one line per source per refresh
 *   <dir>/refresh.lock      held while a refresh writes
 *
 * A snapshot is validated with the embedded data's reader, written to a temporary folder, synced and renamed into
 * place; only then is current.json replaced (write, sync, rename). A crash leaves the previous snapshot current and
 * nothing half-written. Snapshots are never changed or deleted, so every run that used one can be replayed.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../app/canonical-json.ts';
import type { NetworkTables } from '../app/live-data-merge.ts';
import type { LocalDataStorePort, RefreshLogEntry, StoredSnapshotInfo } from '../app/ports.ts';
import { readNetworkHistoryFiles } from './network-history-files.ts';
import type { NetworkHistory } from '../network/network-history.ts';

export const LOCAL_DAILY_FILE = 'network-daily.csv';
export const LOCAL_EPOCHS_FILE = 'difficulty-epochs.csv';
export const LOCAL_CLOSES_FILE = 'price-closes.csv';
const INFO_FILE = 'snapshot.json';

/** The id of a snapshot's tables: SHA-256 over each file's name and SHA-256, as for the embedded data. */
export function localSnapshotId(tables: NetworkTables): string {
  const files: [string, string][] = [[LOCAL_DAILY_FILE, tables.daily], [LOCAL_EPOCHS_FILE, tables.epochs], [LOCAL_CLOSES_FILE, tables.closes]];
  return sha256Hex(files.map(([name, text]) => `${name}:${sha256Hex(text)}`).join('\n'));
}

export interface LocalDataStore extends LocalDataStorePort {
  /** The current snapshot's id, or undefined before the first refresh. */
  currentId(): string | undefined;
  /** A stored snapshot's tables and info; undefined when no such snapshot is stored. */
  readSnapshot(id: string): { tables: NetworkTables; info: StoredSnapshotInfo; folder: string } | undefined;
  /** Validates a snapshot's tables with the embedded data's reader (file:line:column on error). */
  parse(id: string, tables: NetworkTables): NetworkHistory;
}

export function localDataStore(dir: string): LocalDataStore {
  const snapshotsDir = join(dir, 'snapshots');
  const currentFile = join(dir, 'current.json');
  const logFile = join(dir, 'refresh-log.jsonl');
  const folderOf = (id: string) => join(snapshotsDir, id);
  const parse = (id: string, tables: NetworkTables) =>
    readNetworkHistoryFiles({
      daily: { name: join(folderOf(id), LOCAL_DAILY_FILE), text: tables.daily },
      epochs: { name: join(folderOf(id), LOCAL_EPOCHS_FILE), text: tables.epochs },
    });

  const store: LocalDataStore = {
    location: dir,
    currentId() {
      if (!existsSync(currentFile)) return undefined;
      const parsed = JSON.parse(readFileSync(currentFile, 'utf8')) as { snapshotId?: unknown };
      if (typeof parsed.snapshotId !== 'string' || !/^[0-9a-f]{64}$/.test(parsed.snapshotId)) throw new Error(`${currentFile}: snapshotId is not a snapshot id`);
      return parsed.snapshotId;
    },
    readSnapshot(id) {
      const folder = folderOf(id);
      if (!/^[0-9a-f]{64}$/.test(id) || !existsSync(join(folder, INFO_FILE))) return undefined;
      const tables = {
        daily: readFileSync(join(folder, LOCAL_DAILY_FILE), 'utf8'),
        epochs: readFileSync(join(folder, LOCAL_EPOCHS_FILE), 'utf8'),
        closes: readFileSync(join(folder, LOCAL_CLOSES_FILE), 'utf8'),
      };
      if (localSnapshotId(tables) !== id) throw new Error(`${folder}: the files do not hash to the snapshot id (changed on disk?)`);
      return { tables, info: JSON.parse(readFileSync(join(folder, INFO_FILE), 'utf8')) as StoredSnapshotInfo, folder };
    },
    parse,
    async current() {
      const id = store.currentId();
      const snapshot = id === undefined ? undefined : store.readSnapshot(id);
      return snapshot ? { id: id as string, tables: snapshot.tables, info: snapshot.info } : undefined;
    },
    async commit(tables, info) {
      const id = localSnapshotId(tables);
      parse(id, tables);
      mkdirSync(snapshotsDir, { recursive: true });
      const folder = folderOf(id);
      const created = !existsSync(join(folder, INFO_FILE));
      if (created) {
        const temporary = join(snapshotsDir, `.incoming-${process.pid}-${Date.now()}`);
        mkdirSync(temporary);
        try {
          writeSynced(join(temporary, LOCAL_DAILY_FILE), tables.daily);
          writeSynced(join(temporary, LOCAL_EPOCHS_FILE), tables.epochs);
          writeSynced(join(temporary, LOCAL_CLOSES_FILE), tables.closes);
          writeSynced(join(temporary, INFO_FILE), `${JSON.stringify({ ...info, snapshotId: id }, null, 2)}\n`);
          rmSync(folder, { recursive: true, force: true }); // a folder without snapshot.json is a crashed write
          renameSync(temporary, folder);
        } catch (error) {
          rmSync(temporary, { recursive: true, force: true });
          throw error;
        }
      }
      const becameCurrent = store.currentId() !== id;
      if (becameCurrent) {
        writeSynced(`${currentFile}.incoming`, `${JSON.stringify({ snapshotId: id })}\n`);
        renameSync(`${currentFile}.incoming`, currentFile);
      }
      return { snapshotId: id, created, becameCurrent };
    },
    async logRefresh(entries) {
      mkdirSync(dir, { recursive: true });
      const fd = openSync(logFile, 'a');
      try {
        writeSync(fd, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
    async lastRefreshes() {
      if (!existsSync(logFile)) return [];
      const latest = new Map<string, RefreshLogEntry>();
      for (const line of readFileSync(logFile, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        try {
          const entry = JSON.parse(line) as RefreshLogEntry;
          latest.set(entry.source, entry);
        } catch {
          // A line cut short by a crash is skipped; the next refresh appends whole lines again.
        }
      }
      return [...latest.values()];
    },
    async lock() {
      mkdirSync(dir, { recursive: true });
      const lockFile = join(dir, 'refresh.lock');
      let fd: number;
      try {
        fd = openSync(lockFile, 'wx');
      } catch {
        const holder = readFileSync(lockFile, 'utf8').trim();
        if (holder !== '' && !processAlive(Number(holder))) {
          rmSync(lockFile, { force: true });
          return store.lock();
        }
        throw new Error(`another refresh is writing ${dir} (process ${holder || '?'}, ${lockFile}); wait for it, or remove the lock file if that process is gone`);
      }
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return async () => rmSync(lockFile, { force: true });
    },
    snapshotCount() {
      return existsSync(snapshotsDir) ? readdirSync(snapshotsDir).filter((name) => /^[0-9a-f]{64}$/.test(name)).length : 0;
    },
  };
  return store;
}

function writeSynced(file: string, text: string): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
