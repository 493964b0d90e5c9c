/**
 * The run store's schema, as versioned migrations shared by SQLite and PostgreSQL (DESIGN.md §8). Each migration
 * runs in one transaction and is recorded in schema_migrations; on SQLite the database file is copied first.
 * Runs are append-only: triggers refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) on the run tables; SQLite runs with
 * recursive_triggers on, so INSERT OR REPLACE cannot delete either.
 */
import type { SqlDatabase } from './sql-database.ts';

export interface Migration {
  version: number;
  name: string;
  /** Statements for both dialects, then each dialect's own (triggers differ). */
  statements: string[];
  sqlite?: string[];
  postgres?: string[];
}

const RUN_TABLES = ['runs', 'run_files', 'run_companies', 'run_figures'];
/** PostgreSQL advisory-lock key for migrations ("rera" in ASCII). */
const MIGRATION_LOCK_KEY = 0x72657261;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, their files, companies and figures',
    statements: [
      `CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        saved_at TEXT NOT NULL,
        command TEXT NOT NULL,
        as_of TEXT NOT NULL,
        scenario TEXT,
        methodology TEXT,
        engine_version TEXT NOT NULL,
        code_commit TEXT,
        manifest_json TEXT NOT NULL,
        envelope_json TEXT NOT NULL,
        company_count INTEGER NOT NULL,
        figure_count INTEGER NOT NULL
      )`,
      'CREATE TABLE run_files (sha256 TEXT PRIMARY KEY, text TEXT NOT NULL)',
      `CREATE TABLE run_companies (
        run_id TEXT NOT NULL REFERENCES runs (id),
        ticker TEXT NOT NULL,
        rating TEXT,
        target_usd DOUBLE PRECISION,
        PRIMARY KEY (run_id, ticker)
      )`,
      'CREATE INDEX run_companies_by_ticker ON run_companies (ticker)',
      `CREATE TABLE run_figures (
        run_id TEXT NOT NULL REFERENCES runs (id),
        ticker TEXT NOT NULL,
        period TEXT NOT NULL,
        metric TEXT NOT NULL,
        value DOUBLE PRECISION,
        PRIMARY KEY (run_id, ticker, period, metric)
      )`,
    ],
    sqlite: RUN_TABLES.flatMap((table) => [
      `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} ` +
        "BEGIN SELECT RAISE(ABORT, 'rerate runs are append-only'); END",
      `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} ` +
        "BEGIN SELECT RAISE(ABORT, 'rerate runs are append-only'); END",
    ]),
    postgres: [
      'CREATE FUNCTION rerate_append_only() RETURNS trigger LANGUAGE plpgsql ' +
        "AS $$ BEGIN RAISE EXCEPTION 'rerate runs are append-only'; END $$",
      ...RUN_TABLES.flatMap((table) => [
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} ` +
          'FOR EACH ROW EXECUTE FUNCTION rerate_append_only()',
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} ` +
          'FOR EACH STATEMENT EXECUTE FUNCTION rerate_append_only()',
      ]),
    ],
  },
];

export interface MigrationReport {
  from: number;
  to: number;
  /** The copy taken before migrating (SQLite with an existing schema only). */
  backup: string | null;
}

/**
 * Brings the schema to the newest version. `backupPath(version)` names the copy taken before migrating an existing
 * SQLite database (the clock that dates it stays with the caller).
 */
export async function migrate(
  db: SqlDatabase,
  backupPath: (fromVersion: number) => string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  await db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations ' +
        '(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
  });
  const from = await currentVersion(db);
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  let backup: string | null = null;
  if (pending.length > 0 && from > 0 && db.backup) {
    backup = backupPath(from);
    await db.backup(backup);
  }
  for (const migration of pending) {
    await db.transaction(async (tx) => {
      // Another process may be migrating too: PostgreSQL serializes on a lock; then re-check inside the transaction.
      if (db.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
      if ((await currentVersion(tx)) >= migration.version) return;
      for (const sql of [
        ...migration.statements,
        ...((db.dialect === 'sqlite' ? migration.sqlite : migration.postgres) ?? []),
      ])
        await tx.run(sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    });
  }
  return { from, to: Math.max(from, ...migrations.map((m) => m.version)), backup };
}

async function currentVersion(db: Pick<SqlDatabase, 'query'>): Promise<number> {
  const rows = await db.query<{ version: number | string | null }>(
    'SELECT MAX(version) AS version FROM schema_migrations',
  );
  return Number(rows[0]?.version ?? 0);
}
