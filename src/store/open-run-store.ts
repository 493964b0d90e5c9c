/**
 * Which run store a process uses: PostgreSQL when DATABASE_URL is a postgres URL, else SQLite at RERATE_DB or, by
 * default, $XDG_DATA_HOME/rerate/runs.sqlite (~/.local/share/rerate/runs.sqlite). Opened on first use and migrated.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RunStore, RunStoreOpener } from '../app/ports/run-store.ts';
import { migrate } from './migrations.ts';
import { openPostgres } from './postgres-database.ts';
import type { SqlDatabase } from './sql-database.ts';
import { openSqlite } from './sqlite-database.ts';
import { sqlRunStore } from './sql-run-store.ts';

export interface RunStoreLocation {
  kind: 'sqlite' | 'postgres';
  /** A file path (or `:memory:`), or a postgres URL. */
  target: string;
}

export function runStoreLocation(env: Record<string, string | undefined>): RunStoreLocation {
  const url = env['DATABASE_URL'];
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new Error(
        'DATABASE_URL must be a postgres:// or postgresql:// URL ' +
          '(unset it to use SQLite; RERATE_DB sets the SQLite file)',
      );
    return { kind: 'postgres', target: url };
  }
  const file = env['RERATE_DB'];
  if (file !== undefined && file !== '') return { kind: 'sqlite', target: file };
  const dataHome = env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return { kind: 'sqlite', target: join(dataHome, 'rerate', 'runs.sqlite') };
}

export async function openRunStore(location: RunStoreLocation): Promise<RunStore> {
  let db: SqlDatabase;
  try {
    db = location.kind === 'postgres' ? await openPostgres(location.target) : await openSqlite(location.target);
  } catch (error) {
    const where = location.kind === 'postgres' ? 'the PostgreSQL database in DATABASE_URL' : location.target;
    throw new Error(`cannot open the run store at ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  try {
    await migrate(db, (from) => `${location.target}.v${from}-${stamp}.backup`);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return sqlRunStore(db);
}

/** Opens the store once, on first use; `close` closes it if it was opened. */
export function lazyRunStore(location: () => RunStoreLocation): RunStoreOpener & { close(): Promise<void> } {
  let opened: Promise<RunStore> | undefined;
  return {
    open() {
      opened ??= (async () => openRunStore(location()))();
      return opened;
    },
    async close() {
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
}
