/**
 * The local data store beside the embedded snapshot (DESIGN.md §9): a folder of snapshots kept by id, the pointer
 * to the current one, and a log of refresh attempts.
 *
 *   <dir>/snapshots/<id>/network-daily.csv, difficulty-epochs.csv, price-closes.csv, snapshot.json, and
 *                        share-closes.csv once share prices were fetched (issue 20)
 *   <dir>/current.json      {"snapshotId": …}
 *   <dir>/refresh-log.jsonl one line per source per refresh
 *   <dir>/refresh.lock      the process id of the refresh writing
 *
 * A snapshot is validated with the embedded data's reader, written to a temporary folder, synced and renamed into
 * place, and the folder synced; only then is current.json replaced the same way. A crash leaves the previous snapshot
 * current and nothing half-written. Snapshots are never changed or deleted, so every run that used one can be
 * replayed. A snapshot that cannot be read (files changed by hand, a crash mid-write on a file system that lost the
 * rename) is passed over for the newest one that can, and the reason is told. What a killed refresh leaves beside
 * the files — a temporary snapshot folder or pointer, its offer for the lock, a log line cut short — is cleared by the
 * next refresh once it holds the lock (issue 19: no debris).
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../app/canonical-json.ts';
import type { NetworkTables } from '../app/ports/local-data.ts';
import type { LocalDataStorePort, RefreshLogEntry, StoredSnapshotInfo } from '../app/ports/local-data.ts';
import type { NetworkHistory } from '../network/network-history.ts';
import { readInputTextFile } from './input-text-file.ts';
import { readShareCloseTable, type ShareCloseHistory } from '../schema/share-close-table.ts';
import { readNetworkHistoryFiles } from './network-history-files.ts';
import { processIsLive } from './process-is-live.ts';
import { syncPath, writeSynced } from './durable-files.ts';

export const LOCAL_DAILY_FILE = 'network-daily.csv';
export const LOCAL_EPOCHS_FILE = 'difficulty-epochs.csv';
export const LOCAL_CLOSES_FILE = 'price-closes.csv';
export const LOCAL_SHARE_CLOSES_FILE = 'share-closes.csv';
const INFO_FILE = 'snapshot.json';
const SNAPSHOT_ID = /^[0-9a-f]{64}$/;
/** A lock file left empty (a crash between creating and writing it) counts as abandoned after this long. */
const EMPTY_LOCK_ABANDONED_MS = 10_000;

/**
 * The id of a snapshot's tables: SHA-256 over each file's name and SHA-256, as for the embedded data. The share
 * closes count only when present, so the snapshots written before them keep their ids.
 */
export function localSnapshotId(tables: NetworkTables): string {
  const files: [string, string][] = [
    [LOCAL_DAILY_FILE, tables.daily],
    [LOCAL_EPOCHS_FILE, tables.epochs],
    [LOCAL_CLOSES_FILE, tables.closes],
  ];
  if (tables.shareCloses !== undefined) files.push([LOCAL_SHARE_CLOSES_FILE, tables.shareCloses]);
  return sha256Hex(files.map(([name, text]) => `${name}:${sha256Hex(text)}`).join('\n'));
}

export interface UsableSnapshot {
  id: string;
  tables: NetworkTables;
  info: StoredSnapshotInfo;
  folder: string;
  history: NetworkHistory;
  shareCloses: ShareCloseHistory;
}

export interface LocalDataStore extends LocalDataStorePort {
  /** A stored snapshot by id, validated; undefined when not stored; throws when stored but unreadable or invalid. */
  readSnapshot(id: string): UsableSnapshot | undefined;
  /** The current snapshot, else the newest readable one, with what was passed over and why. */
  usableSnapshot(): { snapshot: UsableSnapshot | undefined; problems: string[] };
}

/** `redact` removes configured secrets from what the refresh log keeps. */
export function localDataStore(dir: string, redact: (text: string) => string = (text) => text): LocalDataStore {
  const snapshotsDir = join(dir, 'snapshots');
  const currentFile = join(dir, 'current.json');
  const logFile = join(dir, 'refresh-log.jsonl');
  const lockFile = join(dir, 'refresh.lock');
  const folderOf = (id: string) => join(snapshotsDir, id);
  const parse = (id: string, tables: NetworkTables) =>
    readNetworkHistoryFiles({
      daily: { name: join(folderOf(id), LOCAL_DAILY_FILE), text: tables.daily },
      epochs: { name: join(folderOf(id), LOCAL_EPOCHS_FILE), text: tables.epochs },
    });
  const parseShares = (id: string, tables: NetworkTables): ShareCloseHistory =>
    tables.shareCloses === undefined
      ? new Map()
      : readShareCloseTable(tables.shareCloses, join(folderOf(id), LOCAL_SHARE_CLOSES_FILE));

  const currentId = (): string | undefined => {
    if (!existsSync(currentFile)) return undefined;
    let parsed: { snapshotId?: unknown };
    try {
      parsed = JSON.parse(readFileSync(currentFile, 'utf8')) as { snapshotId?: unknown };
    } catch (error) {
      throw new Error(`${currentFile} is not JSON (${(error as Error).message})`);
    }
    if (typeof parsed.snapshotId !== 'string' || !SNAPSHOT_ID.test(parsed.snapshotId))
      throw new Error(`${currentFile}: snapshotId is not a snapshot id`);
    return parsed.snapshotId;
  };

  const readSnapshot = (id: string): UsableSnapshot | undefined => {
    const folder = folderOf(id);
    if (!SNAPSHOT_ID.test(id) || !existsSync(join(folder, INFO_FILE))) return undefined;
    const table = (name: string) =>
      readInputTextFile(join(folder, name), { shownAs: join(folder, name), kind: 'file' });
    const tables: NetworkTables = {
      daily: table(LOCAL_DAILY_FILE),
      epochs: table(LOCAL_EPOCHS_FILE),
      closes: table(LOCAL_CLOSES_FILE),
      ...(existsSync(join(folder, LOCAL_SHARE_CLOSES_FILE)) ? { shareCloses: table(LOCAL_SHARE_CLOSES_FILE) } : {}),
    };
    if (localSnapshotId(tables) !== id)
      throw new Error(`${folder}: the files do not hash to the snapshot id (changed on disk?)`);
    const info = JSON.parse(readFileSync(join(folder, INFO_FILE), 'utf8')) as StoredSnapshotInfo;
    return { id, tables, info, folder, history: parse(id, tables), shareCloses: parseShares(id, tables) };
  };

  const intact = (id: string): boolean => {
    try {
      return readSnapshot(id) !== undefined;
    } catch {
      return false;
    }
  };

  const storedIds = (): string[] =>
    existsSync(snapshotsDir) ? readdirSync(snapshotsDir).filter((name) => SNAPSHOT_ID.test(name)) : [];
  const createdAtOf = (id: string): string => {
    try {
      return (JSON.parse(readFileSync(join(folderOf(id), INFO_FILE), 'utf8')) as StoredSnapshotInfo).createdAt;
    } catch {
      return '';
    }
  };

  const usableSnapshot = (): { snapshot: UsableSnapshot | undefined; problems: string[] } => {
    const problems: string[] = [];
    const candidates: string[] = [];
    try {
      const id = currentId();
      if (id !== undefined) candidates.push(id);
    } catch (error) {
      problems.push((error as Error).message);
    }
    const others = storedIds()
      .map((id) => ({ id, createdAt: createdAtOf(id) }))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .map((entry) => entry.id);
    for (const id of new Set([...candidates, ...others])) {
      try {
        const snapshot = readSnapshot(id);
        if (snapshot) return { snapshot, problems };
        problems.push(`snapshot ${id.slice(0, 12)} named by current.json is missing`);
      } catch (error) {
        problems.push(`snapshot ${id.slice(0, 12)}: ${(error as Error).message}`);
      }
    }
    return { snapshot: undefined, problems };
  };

  /**
   * What refreshes killed mid-way left, removed by the lock holder: temporary snapshot folders and pointers (only the
   * lock holder writes them, so none is in use) and lock offers or moved-aside locks of processes that are gone.
   */
  const clearCrashDebris = (): void => {
    if (existsSync(snapshotsDir))
      for (const name of readdirSync(snapshotsDir))
        if (name.startsWith('.incoming-')) rmSync(join(snapshotsDir, name), { recursive: true, force: true });
    for (const name of readdirSync(dir)) {
      if (name.startsWith('current.json.incoming-')) rmSync(join(dir, name), { force: true });
      const offer = /^refresh\.lock\.(?:abandoned-)?(\d+)(?:-\d+)?$/.exec(name);
      if (offer && !processIsLive(Number(offer[1]))) rmSync(join(dir, name), { force: true });
    }
  };

  const store: LocalDataStore = {
    location: dir,
    readSnapshot,
    usableSnapshot,
    async usable() {
      const { snapshot, problems } = usableSnapshot();
      return { snapshot: snapshot && { id: snapshot.id, tables: snapshot.tables, info: snapshot.info }, problems };
    },
    check(tables) {
      parse(localSnapshotId(tables), tables);
      parseShares(localSnapshotId(tables), tables);
    },
    async commit(tables, info) {
      const id = localSnapshotId(tables);
      parse(id, tables);
      parseShares(id, tables);
      mkdirSync(snapshotsDir, { recursive: true });
      const folder = folderOf(id);
      // A stored snapshot of the same id is these very tables, unless it was damaged: then it is written again.
      const created = !intact(id);
      if (created) {
        const temporary = join(snapshotsDir, `.incoming-${process.pid}-${Date.now()}`);
        mkdirSync(temporary);
        writeSynced(join(temporary, LOCAL_DAILY_FILE), tables.daily);
        writeSynced(join(temporary, LOCAL_EPOCHS_FILE), tables.epochs);
        writeSynced(join(temporary, LOCAL_CLOSES_FILE), tables.closes);
        if (tables.shareCloses !== undefined) writeSynced(join(temporary, LOCAL_SHARE_CLOSES_FILE), tables.shareCloses);
        writeSynced(join(temporary, INFO_FILE), `${JSON.stringify({ ...info, snapshotId: id }, null, 2)}\n`);
        syncPath(temporary);
        rmSync(folder, { recursive: true, force: true }); // a crashed write, or a damaged copy
        renameSync(temporary, folder);
        syncPath(snapshotsDir);
      }
      let previous: string | undefined;
      try {
        previous = currentId();
      } catch {
        previous = undefined;
      }
      const becameCurrent = previous !== id;
      if (becameCurrent) {
        const incoming = `${currentFile}.incoming-${process.pid}`;
        writeSynced(incoming, `${JSON.stringify({ snapshotId: id })}\n`);
        renameSync(incoming, currentFile);
        syncPath(dir);
      }
      return { snapshotId: id, created, becameCurrent };
    },
    async logRefresh(entries) {
      mkdirSync(dir, { recursive: true });
      const fd = openSync(logFile, 'a+');
      try {
        // A line a crash cut short gets its end first, so the first new entry starts a line of its own.
        const size = fstatSync(fd).size;
        const lastByte = Buffer.alloc(1);
        const cutShort = size > 0 && readSync(fd, lastByte, 0, 1, size - 1) === 1 && lastByte[0] !== 0x0a;
        const lines = entries.map((entry) => `${redact(JSON.stringify(entry))}\n`).join('');
        writeSync(fd, cutShort ? `\n${lines}` : lines);
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
          latest.set(`${entry.source} ${entry.kind}`, entry);
        } catch {
          // A line cut short by a crash is skipped; the next refresh appends whole lines again.
        }
      }
      return [...latest.values()];
    },
    async lock() {
      mkdirSync(dir, { recursive: true });
      const mine = String(process.pid);
      // The lock is taken by linking a complete file into place: it exists with its process id, or not at all.
      const offer = `${lockFile}.${mine}-${Date.now()}`;
      writeSynced(offer, mine);
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            linkSync(offer, lockFile);
            break;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0 || !abandoned(lockFile)) {
              const holder = readLock(lockFile);
              throw new Error(
                `another refresh is writing ${dir} (process ${holder || '?'}, ${lockFile}); ` +
                  'wait for it, or remove the lock file if that process is gone',
              );
            }
            // Abandoned: moved aside under a unique name, so of two processes taking it over only one succeeds.
            try {
              renameSync(lockFile, `${lockFile}.abandoned-${mine}`);
              rmSync(`${lockFile}.abandoned-${mine}`, { force: true });
            } catch {
              // Another process moved it first; the link below decides.
            }
          }
        }
      } finally {
        rmSync(offer, { force: true });
      }
      clearCrashDebris();
      return async () => {
        if (readLock(lockFile) === mine) rmSync(lockFile, { force: true });
      };
    },
    snapshotCount() {
      return storedIds().length;
    },
  };
  return store;
}

function readLock(lockFile: string): string {
  try {
    return readFileSync(lockFile, 'utf8').trim();
  } catch {
    return '';
  }
}

/** A lock whose process is gone, or left empty long enough ago. */
function abandoned(lockFile: string): boolean {
  const holder = readLock(lockFile);
  if (holder === '') {
    try {
      return Date.now() - statSync(lockFile).mtimeMs > EMPTY_LOCK_ABANDONED_MS;
    } catch {
      return true;
    }
  }
  const pid = Number(holder);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  return !processIsLive(pid);
}
