/**
 * SQLite through better-sqlite3: one connection, write-ahead log, synchronous=FULL so a committed run survives a
 * crash and a killed process leaves no partial one. Transactions are serialized in-process.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqlDatabase, SqlExecutor, SqlValue } from './sql-database.ts';

export async function openSqlite(path: string): Promise<SqlDatabase> {
  const { default: Database } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // REPLACE deletes the old row: with recursive triggers the append-only delete triggers fire for it too.
  db.pragma('recursive_triggers = ON');
  const direct: SqlExecutor = {
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []) {
      return db.prepare(sql).all(...params) as Row[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      db.prepare(sql).run(...params);
    },
  };
  // One connection: every statement outside a transaction waits for the transaction in progress, so no reader sees
  // (and no writer joins) a half-written run.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    dialect: 'sqlite',
    location: path,
    query: (sql, params) => serially(() => direct.query(sql, params)),
    run: (sql, params) => serially(() => direct.run(sql, params)),
    transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return serially(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          // SQLite may have rolled back by itself (disk full, I/O error): keep the first error.
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
    },
    backup: (to: string) => serially(async () => void (await db.backup(to))),
    close: () => serially(async () => void db.close()),
  };
}
