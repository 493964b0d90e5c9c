/** PostgreSQL through node-postgres: a small pool; a transaction holds one client from BEGIN to COMMIT. */
import type { SqlDatabase, SqlExecutor, SqlValue } from './sql-database.ts';

/** `?` placeholders to `$1, $2, …` (the store's statements have no `?` inside literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export async function openPostgres(url: string): Promise<SqlDatabase> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // A failed idle client must not crash the process; the next query reports the problem.
  pool.on('error', () => undefined);
  const executorOf = (client: { query: typeof pool.query }): SqlExecutor => ({
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []) {
      return (await client.query(numbered(sql), [...params])).rows as Row[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      await client.query(numbered(sql), [...params]);
    },
  });
  await pool.query('SELECT 1');
  return {
    dialect: 'postgres',
    location: redacted(url),
    ...executorOf(pool),
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(executorOf(client as unknown as { query: typeof pool.query }));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        // A client whose transaction failed is discarded rather than returned to the pool in an unknown state.
        client.release(failure);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}
