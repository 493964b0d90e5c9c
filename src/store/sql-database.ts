/**
 * The little SQL the run store needs, over SQLite and PostgreSQL alike: statements use `?` placeholders (the
 * PostgreSQL adapter numbers them) and only types both understand (TEXT, INTEGER, BIGINT, DOUBLE PRECISION).
 */
export type SqlValue = string | number | null;

export interface SqlExecutor {
  query<Row extends Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where it lives, as shown to users (no password). */
  readonly location: string;
  /** Runs `work` in one transaction: all of it is committed, or none of it. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** SQLite only: copies the database to `path` (a consistent snapshot) before a migration. */
  backup?(path: string): Promise<void>;
  close(): Promise<void>;
}
