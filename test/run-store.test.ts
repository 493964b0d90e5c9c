// The run store (src/store) against real databases: one suite, run on SQLite in a temp dir and on the PostgreSQL
// server in RERATE_TEST_DATABASE_URL (a fresh database per test; see test/support/postgres-test-url.ts). Migrations
// and their backup, saving and reading runs, shared file texts, the append-only triggers, one transaction per run,
// and a writer killed mid-save five times over.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sha256Hex } from '../src/app/canonical-json.ts';
import type { RunFigure } from '../src/app/ports/run-store.ts';
import type { RunRecord, RunStore, StoredRun } from '../src/app/ports/run-store.ts';
import { InputError } from '../src/schema/input-error.ts';
import { MIGRATIONS, migrate, type Migration } from '../src/store/migrations.ts';
import { openRunStore, type RunStoreLocation } from '../src/store/open-run-store.ts';
import { openPostgres } from '../src/store/postgres-database.ts';
import type { SqlDatabase, SqlValue } from '../src/store/sql-database.ts';
import { sqlRunStore } from '../src/store/sql-run-store.ts';
import { openSqlite } from '../src/store/sqlite-database.ts';
import { createTestDatabase, POSTGRES_HOW_TO, postgresTestServer } from './support/postgres-test-url.ts';
import { companyText, syntheticRun } from './support/run-store-crash-writer.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CRASH_WRITER = fileURLToPath(new URL('./support/run-store-crash-writer.ts', import.meta.url));
const SAVED_AT = '2025-07-01T12:00:00.000Z';
const fixedClock = () => new Date(SAVED_AT);

/** One empty database of a backend, for one test. */
interface Fresh {
  /** The SQLite file or the postgres URL. */
  target: string;
  location: RunStoreLocation;
  open(): Promise<SqlDatabase>;
  dispose(): Promise<void>;
}

interface Backend {
  label: string;
  dialect: 'sqlite' | 'postgres';
  /** A skip message, or false to run. */
  skip: string | false;
  fresh(): Promise<Fresh>;
}

const sqliteDir = mkdtempSync(join(tmpdir(), 'rerate-run-store-'));
after(() => rmSync(sqliteDir, { recursive: true, force: true }));
let sqliteFiles = 0;

const sqlite: Backend = {
  label: 'SQLite',
  dialect: 'sqlite',
  skip: false,
  async fresh() {
    const target = join(sqliteDir, `store-${++sqliteFiles}`, 'runs.sqlite');
    return {
      target,
      location: { kind: 'sqlite', target },
      open: () => openSqlite(target),
      dispose: async () => undefined,
    };
  },
};

const server = postgresTestServer();
const postgres: Backend = {
  label: 'PostgreSQL',
  dialect: 'postgres',
  skip: server.kind === 'skip' ? server.message : false,
  async fresh() {
    if (server.kind !== 'available') assert.fail(server.message);
    const database = await createTestDatabase(server.url);
    return {
      target: database.url,
      location: { kind: 'postgres', target: database.url },
      open: () => openPostgres(database.url),
      dispose: database.drop,
    };
  },
};

if (server.kind === 'skip')
  process.stderr.write(`NOTICE: the PostgreSQL run-store tests are skipped. ${POSTGRES_HOW_TO}\n`);

/** Runs `work` on a fresh database; disposes of it afterwards (also when `work` fails). */
async function onFresh(backend: Backend, work: (fresh: Fresh) => Promise<void>): Promise<void> {
  const fresh = await backend.fresh();
  try {
    await work(fresh);
  } finally {
    await fresh.dispose();
  }
}

/** A migrated store on a fresh database, with its raw database for checks; both closed afterwards. */
async function withStore(
  backend: Backend,
  work: (store: RunStore, db: SqlDatabase, fresh: Fresh) => Promise<void>,
): Promise<void> {
  await onFresh(backend, async (fresh) => {
    const db = await fresh.open();
    const store = sqlRunStore(db, fixedClock);
    try {
      await migrate(db, () => assert.fail('a fresh database needs no backup'));
      await work(store, db, fresh);
    } finally {
      await store.close();
    }
  });
}

async function count(db: SqlDatabase, sql: string, params: readonly SqlValue[] = []): Promise<number> {
  const rows = await db.query<{ n: number | string }>(sql, params);
  return Number(rows[0]?.n);
}

async function schemaVersion(db: SqlDatabase): Promise<number> {
  return count(db, 'SELECT MAX(version) AS n FROM schema_migrations');
}

/** Row counts of every run table. */
async function tableCounts(db: SqlDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['runs', 'run_files', 'run_companies', 'run_figures'])
    counts[table] = await count(db, `SELECT COUNT(*) AS n FROM ${table}`);
  return counts;
}

const figureKey = (f: RunFigure) => `${f.ticker}\u0000${f.period}\u0000${f.metric}`;
const sortedFigures = (figures: readonly RunFigure[]) =>
  [...figures].sort((a, b) => (figureKey(a) < figureKey(b) ? -1 : figureKey(a) > figureKey(b) ? 1 : 0));

/** The stored run equals what was saved (figures compared as a set: the port promises no order). */
function assertSameRun(got: StoredRun | undefined, run: RunRecord, seq: number): void {
  assert.ok(got, `run ${run.id} is stored`);
  assert.equal(got.id, run.id);
  assert.equal(got.seq, seq);
  assert.equal(got.savedAt, SAVED_AT);
  assert.deepEqual(got.manifest, run.manifest);
  assert.deepEqual(got.texts, run.texts);
  assert.deepEqual(got.envelope, run.envelope);
  assert.deepEqual(
    got.companies,
    [...run.companies].sort((a, b) => (a.ticker < b.ticker ? -1 : 1)),
  );
  assert.deepEqual(sortedFigures(got.figures), sortedFigures(run.figures));
}

/** Figures whose values a lossy store would change: doubles at the edges of their range, integers, nulls. */
const EXACT_VALUES: (number | null)[] = [
  0.1 + 0.2,
  -1234.5678,
  1e-300,
  5e-324,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  123456789012345.67,
  2 ** 53 + 2,
  0,
  42,
  null,
  1 / 3,
];

function withExactFigures(run: RunRecord): RunRecord {
  const figures: RunFigure[] = EXACT_VALUES.map((value, i) => ({
    ticker: i % 2 === 0 ? 'MARA' : 'RIOT',
    period: i < 6 ? 'valuation' : 'FY26Q1',
    metric: `exact${i}`,
    value,
  }));
  return { ...run, figures: [...run.figures, ...figures] };
}

/** Two runs whose ids share their first 6 hex digits (found by trying keys; about 5,000 tries). */
let collidingPair: [RunRecord, RunRecord] | undefined;
function runsSharingAPrefix(): [RunRecord, RunRecord] {
  if (collidingPair) return collidingPair;
  const seen = new Map<string, RunRecord>();
  for (let i = 0; i < 200_000; i++) {
    const run = syntheticRun(`collide-${i}`, { tickers: ['CIFR'] });
    const other = seen.get(run.id.slice(0, 6));
    if (other) return (collidingPair = [other, run]);
    seen.set(run.id.slice(0, 6), run);
  }
  throw new Error('no two ids share a 6-digit prefix');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` after `ms`. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts the crash writer on `target`, waits for its first saved run, lets it write `delayMs` more and kills it with
 * SIGKILL. Returns the ids it reported saved.
 */
async function writeAndKill(target: string, delayMs: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CRASH_WRITER, target], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    const firstSave = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => {
        if (stdout.includes('\n')) resolve();
      });
      child.once('error', reject);
      void exited.then(({ code, signal }) =>
        reject(new Error(`the crash writer exited (${code ?? signal}) before saving a run:\n${stderr}`)),
      );
    });
    await within(20_000, firstSave, "the crash writer's first saved run");
    await sleep(delayMs);
    child.kill('SIGKILL');
    const end = await within(10_000, exited, 'the killed crash writer to exit');
    assert.equal(end.signal, 'SIGKILL', `the writer was killed, not ended: ${stderr}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  // A line cut short by the kill names no complete id.
  return [...stdout.matchAll(/^saved ([0-9a-f]{64}) \d+ \d+$/gm)].map((m) => m[1] as string);
}

const VERSION_2: Migration = {
  version: 2,
  name: 'run notes (test only)',
  statements: ['CREATE TABLE run_notes (run_id TEXT NOT NULL, note TEXT NOT NULL)'],
};

for (const backend of [sqlite, postgres]) {
  const options = { skip: backend.skip, timeout: 30_000 };

  describe(`run store on ${backend.label}`, () => {
    test('migrate creates schema version 1 on a fresh database; migrating again is a no-op', options, async () => {
      await onFresh(backend, async (fresh) => {
        const db = await fresh.open();
        try {
          const backups: number[] = [];
          const backupPath = (from: number) => (backups.push(from), `${fresh.target}.v${from}.backup`);
          assert.deepEqual(await migrate(db, backupPath), { from: 0, to: 1, backup: null });
          assert.equal(await schemaVersion(db), 1);
          assert.deepEqual(await tableCounts(db), { runs: 0, run_files: 0, run_companies: 0, run_figures: 0 });
          assert.deepEqual(await migrate(db, backupPath), { from: 1, to: 1, backup: null });
          assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM schema_migrations'), 1);
          assert.deepEqual(backups, [], 'no backup without a pending migration');
        } finally {
          await db.close();
        }
      });
    });

    test(
      'a new migration on an existing database ' +
        (backend.dialect === 'sqlite' ? 'backs the file up at the old version first' : 'applies (no file to back up)'),
      options,
      async () => {
        await onFresh(backend, async (fresh) => {
          const run = syntheticRun('before-v2');
          let db = await fresh.open();
          await migrate(db, () => assert.fail('a fresh database needs no backup'));
          await sqlRunStore(db, fixedClock).save(run);
          await db.close();

          db = await fresh.open();
          try {
            const backupPath = (from: number) => `${fresh.target}.v${from}.backup`;
            const report = await migrate(db, backupPath, [...MIGRATIONS, VERSION_2]);
            const expectedBackup = backend.dialect === 'sqlite' ? backupPath(1) : null;
            assert.deepEqual(report, { from: 1, to: 2, backup: expectedBackup });
            assert.equal(await schemaVersion(db), 2);
            await db.run('INSERT INTO run_notes (run_id, note) VALUES (?, ?)', [run.id, 'v2 table works']);
            assertSameRun(await sqlRunStore(db, fixedClock).get(run.id), run, 1);
            assert.deepEqual(
              await migrate(db, () => assert.fail('nothing pending: no backup'), [...MIGRATIONS, VERSION_2]),
              { from: 2, to: 2, backup: null },
            );

            if (expectedBackup !== null) {
              assert.ok(existsSync(expectedBackup), `backup file ${expectedBackup}`);
              const copy = new Database(expectedBackup, { readonly: true, fileMustExist: true });
              try {
                assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
                assert.equal(
                  (copy.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v,
                  1,
                );
                assert.equal(
                  copy.prepare("SELECT name FROM sqlite_master WHERE name = 'run_notes'").get(),
                  undefined,
                  'the backup predates version 2',
                );
                assert.deepEqual(copy.prepare('SELECT id FROM runs').all(), [{ id: run.id }]);
              } finally {
                copy.close();
              }
            }
          } finally {
            await db.close();
          }
        });
      },
    );

    test('save, save again, get by id and prefix, list newest first and by ticker', options, async () => {
      await withStore(backend, async (store, db) => {
        const a = withExactFigures(syntheticRun('a', { tickers: ['RIOT', 'MARA'] }));
        const b = syntheticRun('b', { tickers: ['CLSK'], periods: 3 });
        const c = syntheticRun('c', {
          tickers: ['MARA', 'CLSK', 'HUT'],
          command: 'value',
          scenario: null,
          codeCommit: null,
        });

        assert.deepEqual(await store.save(a), { created: true, seq: 1 });
        const afterA = await tableCounts(db);
        assert.deepEqual(afterA, { runs: 1, run_files: a.texts.size, run_companies: 2, run_figures: a.figures.length });
        assert.deepEqual(await store.save(a), { created: false, seq: 1 }, 'the same run again is not saved twice');
        assert.deepEqual(await tableCounts(db), afterA, 'saving a run again writes nothing');
        assert.deepEqual(await store.save(b), { created: true, seq: 2 });
        assert.deepEqual(await store.save(c), { created: true, seq: 3 });
        assert.deepEqual(await store.save(a), { created: false, seq: 1 });

        const byId = await store.get(a.id);
        assertSameRun(byId, a, 1);
        assert.deepEqual(await store.get(a.id.slice(0, 8)), byId, 'an 8-digit prefix finds the same run');
        assertSameRun(await store.get(b.id.slice(0, 6)), b, 2);
        assertSameRun(await store.get(c.id), c, 3);
        const nulls = byId?.figures.filter((f) => f.value === null).length;
        assert.equal(nulls, a.figures.filter((f) => f.value === null).length, 'null figures stay null');

        assert.deepEqual(
          (await store.list({})).map((r) => [r.id, r.seq]),
          [
            [c.id, 3],
            [b.id, 2],
            [a.id, 1],
          ],
        );
        const [latest] = await store.list({ limit: 1 });
        assert.deepEqual(latest, {
          id: c.id,
          seq: 3,
          savedAt: SAVED_AT,
          command: 'value',
          asOf: '2025-06-30',
          scenario: null,
          methodology: 'sotp',
          codeCommit: null,
          companies: [...c.companies].sort((x, y) => (x.ticker < y.ticker ? -1 : 1)),
        });
        const [oldest] = await store.list({ ticker: 'RIOT' });
        assert.equal(oldest?.scenario, 'base');
        assert.equal(oldest?.codeCommit, a.manifest.codeCommit);
        const ids = async (filter: { ticker?: string; limit?: number }) => (await store.list(filter)).map((r) => r.id);
        assert.deepEqual(await ids({ ticker: 'RIOT' }), [a.id]);
        assert.deepEqual(await ids({ ticker: 'MARA' }), [c.id, a.id]);
        assert.deepEqual(await ids({ ticker: 'CLSK' }), [c.id, b.id]);
        assert.deepEqual(await ids({ ticker: 'MARA', limit: 1 }), [c.id]);
        assert.deepEqual(await ids({ ticker: 'NONE' }), []);
        assert.deepEqual(await ids({ limit: 2 }), [c.id, b.id]);

        const unknown = sha256Hex('no such run');
        assert.ok([a, b, c].every((r) => !r.id.startsWith(unknown.slice(0, 6))));
        assert.equal(await store.get(unknown), undefined);
        assert.equal(await store.get(unknown.slice(0, 6)), undefined);
        for (const bad of [
          '',
          'abc12',
          'xyz123',
          a.id.slice(0, 8).toUpperCase(),
          `${a.id.slice(0, 6)}%`,
          `${a.id.slice(0, 6)}_`,
          `${a.id}0`,
          ` ${a.id}`,
        ]) {
          await assert.rejects(store.get(bad), InputError, `"${bad}" is not a run id`);
        }
      });
    });

    test('a prefix that matches two runs is an input error', options, async () => {
      await withStore(backend, async (store) => {
        const [first, second] = runsSharingAPrefix();
        const prefix = first.id.slice(0, 6);
        assert.equal(second.id.slice(0, 6), prefix);
        await store.save(first);
        assert.equal((await store.get(prefix))?.id, first.id, 'unambiguous while only one run has it');
        await store.save(second);
        await assert.rejects(
          store.get(prefix),
          (error: unknown) => error instanceof InputError && /more than one run/.test(error.message),
        );
        assert.equal((await store.get(second.id.slice(0, 12)))?.id, second.id);
      });
    });

    test('file texts are kept once per SHA-256, shared by the runs that read them', options, async () => {
      await withStore(backend, async (store, db) => {
        const x = syntheticRun('x', { tickers: ['MARA', 'RIOT'] });
        const y = syntheticRun('y', { tickers: ['RIOT', 'MARA'] });
        const shared = sha256Hex(companyText('MARA'));
        assert.ok(x.texts.has(shared) && y.texts.has(shared));
        await store.save(x);
        await store.save(y);
        const distinct = new Set([...x.texts.keys(), ...y.texts.keys()]);
        assert.equal(distinct.size, 4, 'two company files and two scenario files');
        assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM run_files'), distinct.size);
        assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM run_files WHERE sha256 = ?', [shared]), 1);
        assert.equal((await store.get(x.id))?.texts.get(shared), companyText('MARA'));
        assert.equal((await store.get(y.id))?.texts.get(shared), companyText('MARA'));
      });
    });

    test('runs are append-only: UPDATE and DELETE on the run tables are refused', options, async () => {
      await withStore(backend, async (store, db) => {
        const run = syntheticRun('kept');
        await store.save(run);
        const before = await tableCounts(db);
        for (const [table, column] of [
          ['runs', 'command'],
          ['run_companies', 'rating'],
          ['run_figures', 'metric'],
        ] as const) {
          const where = table === 'runs' ? 'id' : 'run_id';
          await assert.rejects(
            db.run(`UPDATE ${table} SET ${column} = ? WHERE ${where} = ?`, ['changed', run.id]),
            /append-only/,
            `UPDATE ${table}`,
          );
          await assert.rejects(
            db.run(`DELETE FROM ${table} WHERE ${where} = ?`, [run.id]),
            /append-only/,
            `DELETE FROM ${table}`,
          );
          await assert.rejects(db.run(`DELETE FROM ${table}`), /append-only/, `DELETE FROM ${table} (all rows)`);
        }
        assert.deepEqual(await tableCounts(db), before);
        assertSameRun(await store.get(run.id), run, 1);
      });
    });

    test('a save that fails part-way leaves nothing of its run: one transaction', options, async () => {
      await withStore(backend, async (store, db) => {
        const good = syntheticRun('good');
        await store.save(good);
        const before = await tableCounts(db);
        // 1,200 figures, so the duplicate of the first one fails in a later INSERT than the one that wrote it.
        const valid = syntheticRun('bad', { periods: 30, metrics: 20 });
        const first = valid.figures[0] as RunFigure;
        const broken: RunRecord = { ...valid, figures: [...valid.figures, { ...first, value: 1 }] };
        const ownText = [...valid.texts.keys()].filter((sha) => !good.texts.has(sha));
        assert.equal(ownText.length, 1, 'the bad run brings a file text of its own');

        await assert.rejects(
          store.save(broken),
          (error: unknown) => !(error instanceof InputError),
          'the primary key of run_figures refuses the duplicate',
        );
        assert.deepEqual(
          await tableCounts(db),
          before,
          'no row of the failed run: not its run, files, companies or figures',
        );
        assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM runs WHERE id = ?', [valid.id]), 0);
        assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM run_figures WHERE run_id = ?', [valid.id]), 0);
        assert.equal(await count(db, 'SELECT COUNT(*) AS n FROM run_companies WHERE run_id = ?', [valid.id]), 0);
        assert.equal(
          await count(db, 'SELECT COUNT(*) AS n FROM run_files WHERE sha256 = ?', [ownText[0] as string]),
          0,
        );
        assert.equal(await store.get(valid.id), undefined);

        // The store is still usable, and the failed run's id and seq were not used up.
        assert.deepEqual(await store.save(valid), { created: true, seq: 2 });
        assertSameRun(await store.get(valid.id), valid, 2);
      });
    });

    test('a writer killed mid-save five times leaves only whole runs', { ...options, timeout: 90_000 }, async () => {
      await onFresh(backend, async (fresh) => {
        const reported: string[] = [];
        for (const delayMs of [30, 55, 80, 120, 170]) reported.push(...(await writeAndKill(fresh.target, delayMs)));
        assert.ok(reported.length >= 5, `each writer saved a run before it was killed (${reported.length})`);

        const db = await fresh.open();
        const store = await openRunStore(fresh.location);
        try {
          const runs = await db.query<{
            id: string;
            seq: number | string;
            company_count: number | string;
            figure_count: number | string;
          }>('SELECT id, seq, company_count, figure_count FROM runs ORDER BY seq');
          const ids = new Set(runs.map((r) => r.id));
          for (const id of reported) assert.ok(ids.has(id), `run ${id} was reported saved, so it is kept`);
          assert.ok(
            runs.length <= reported.length + 5,
            `at most one unreported commit per kill (${runs.length} runs, ${reported.length} reported)`,
          );
          assert.deepEqual(
            runs.map((r) => Number(r.seq)),
            runs.map((_, i) => i + 1),
            'seq counts 1, 2, … with no gaps',
          );

          const perRun = async (table: string) => {
            const rows = await db.query<{ run_id: string; n: number | string }>(
              `SELECT run_id, COUNT(*) AS n FROM ${table} GROUP BY run_id`,
            );
            return new Map(rows.map((r) => [r.run_id, Number(r.n)]));
          };
          const figures = await perRun('run_figures');
          const companies = await perRun('run_companies');
          assert.deepEqual(
            [...figures.keys()].filter((id) => !ids.has(id)),
            [],
            'no figures without their run',
          );
          assert.deepEqual(
            [...companies.keys()].filter((id) => !ids.has(id)),
            [],
            'no companies without their run',
          );
          for (const run of runs) {
            assert.equal(figures.get(run.id), Number(run.figure_count), `figures of ${run.id}`);
            assert.equal(companies.get(run.id), Number(run.company_count), `companies of ${run.id}`);
            const got = await store.get(run.id);
            assert.equal(got?.figures.length, Number(run.figure_count));
            assert.equal(got?.companies.length, Number(run.company_count));
            assert.equal(
              got?.texts.size,
              new Set(got?.manifest.files.map((f) => f.sha256)).size,
              `every file text of ${run.id} is there`,
            );
          }
          if (backend.dialect === 'sqlite') {
            assert.deepEqual(await db.query('PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
            assert.deepEqual(await db.query('PRAGMA foreign_key_check'), []);
          }
          // And the store takes new runs after the crashes.
          assert.deepEqual(await store.save(syntheticRun('after-the-crashes')), {
            created: true,
            seq: runs.length + 1,
          });
        } finally {
          await store.close();
          await db.close();
        }
      });
    });
  });
}
