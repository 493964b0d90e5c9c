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
  const executor: SqlExecutor = {
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []) {
      return db.prepare(sql).all(...params) as Row[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      db.prepare(sql).run(...params);
    },
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    dialect: 'sqlite',
    location: path,
    ...executor,
    transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const next = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(executor);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async backup(to: string) {
      await db.backup(to);
    },
    async close() {
      db.close();
    },
  };
}
