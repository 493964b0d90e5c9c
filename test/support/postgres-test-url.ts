// The PostgreSQL server tests run against: RERATE_TEST_DATABASE_URL (a postgres:// URL). Each test gets a database
// of its own, created through that URL and dropped afterwards, so reruns start clean.
// Without the variable the PostgreSQL tests skip with a notice, unless RERATE_REQUIRE_POSTGRES=1 (CI sets it, after
// starting a cluster in .ci/run): then they fail.
import assert from 'node:assert/strict';

/** What to install and set, for the skip notice and the failure. */
export const POSTGRES_HOW_TO =
  'Install PostgreSQL 15 (Debian: apt-get install postgresql-15) ' +
  'and set RERATE_TEST_DATABASE_URL to a postgres:// URL ' +
  'whose user may CREATE DATABASE (ENGINEERING.md shows a throwaway cluster on port 55432; .ci/run starts one)';

export type PostgresTestServer =
  | { kind: 'available'; url: string }
  /** Not configured, and not required: skip with this message. */
  | { kind: 'skip'; message: string }
  /** Required or misconfigured: every test fails with this message. */
  | { kind: 'fail'; message: string };

export function postgresTestServer(env: Record<string, string | undefined> = process.env): PostgresTestServer {
  const url = env['RERATE_TEST_DATABASE_URL'];
  if (url === undefined || url === '') {
    if (env['RERATE_REQUIRE_POSTGRES'] === '1') {
      return {
        kind: 'fail',
        message:
          'RERATE_REQUIRE_POSTGRES=1 but RERATE_TEST_DATABASE_URL is not set, so the PostgreSQL tests cannot run. ' +
          POSTGRES_HOW_TO,
      };
    }
    return {
      kind: 'skip',
      message:
        'needs PostgreSQL 15: install it and set RERATE_TEST_DATABASE_URL=postgres://… ' +
        '(RERATE_REQUIRE_POSTGRES=1 makes this a failure)',
    };
  }
  if (!/^postgres(ql)?:\/\//.test(url))
    return { kind: 'fail', message: 'RERATE_TEST_DATABASE_URL must be a postgres:// or postgresql:// URL' };
  return { kind: 'available', url };
}

export interface TestDatabase {
  /** The URL of the new database (the server's URL with its path replaced). */
  url: string;
  name: string;
  drop(): Promise<void>;
}

let created = 0;

/** Creates an empty database on the server at `serverUrl`, named uniquely for this process and moment. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const { default: pg } = await import('pg');
  const name = `rerate_test_${process.pid}_${Date.now().toString(36)}_${++created}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  assert.match(url.toString(), new RegExp(`/${name}(\\?|$)`));
  return {
    url: url.toString(),
    name,
    // FORCE (PostgreSQL 13+) ends connections a killed writer may have left behind.
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
