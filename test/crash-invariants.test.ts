// The crash test (issue 19, acceptance): `update`, `note` and `data refresh` run as the `rerate` command in child
// processes and are killed with SIGKILL at seeded random points — some just after they start writing (the first
// change in the folder they write to, plus a few milliseconds), the others at a random time up to that moment — and
// after every kill the application's own invariants are checked, not only SQLite's integrity check:
// - run store: every run has all its records (its companies and figures as counted, the texts of its files), its id
//   is the hash of its manifest and its envelope names it; saved runs are numbered without a gap;
// - note: the note at --out is the old one or the complete new one, and once the next write into the folder has
//   started (which settles what a crash left) the folder holds the old note with its charts or the new note with
//   its charts, and nothing else;
// - local data store: the current snapshot (if any) is whole and valid, no stored day is lost or changed (the
//   embedded days, and every day a snapshot current before the kill held), and every stored snapshot is intact;
// and then a normal run succeeds and leaves no debris.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createRng, type Rng } from '../src/math/random.ts';
import { runIdOf } from '../src/app/runs/run-manifest.ts';
import type { RunManifest } from '../src/app/ports/run-store.ts';
import { embeddedSnapshot } from '../src/data/embedded-snapshot.ts';
import { localDataStore } from '../src/data/local-data-store.ts';
import type { NetworkHistory } from '../src/network/network-history.ts';
import { settleAbandonedWrites } from '../src/report/staged-write.ts';
import { startFakeBitcoind } from './support/fake-bitcoind.ts';
import { startFakePublicApis } from './support/fake-public-apis.ts';
import { startFakeShareApis } from './support/fake-share-apis.ts';
import type { ShareCloseHistory } from '../src/schema/share-close-table.ts';
import { folderTree as tree } from './support/folder-tree.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
/** Kills per command: the first half just after the command starts writing, the rest at random times before that. */
const KILLS = 4;
/**
 * How long after its first write a command is killed, at most: a note's staged write (14 files, each synced, then
 * the commit and the moves) takes some 50–80 ms on a loaded machine, a run's transaction and a snapshot's less.
 */
const WRITE_WINDOW_MS = 100;
const SEED = 19;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the start to the first change in the watched folder, if one was seen. */
  firstWriteMs: number | undefined;
}

type Kill = { atMs: number } | { afterFirstChangeIn: string; thenMs: number };

/** Runs `rerate …args` in a child process; with `kill`, SIGKILLs it at that point (if it has not ended). */
function rerate(args: string[], env: Record<string, string>, kill?: Kill): Promise<Ended> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  let timer: NodeJS.Timeout | undefined;
  let firstWriteMs: number | undefined;
  const killLater = (ms: number) => (timer = setTimeout(() => child.kill('SIGKILL'), ms));
  const watcher =
    kill && 'afterFirstChangeIn' in kill
      ? watch(kill.afterFirstChangeIn, () => {
          if (firstWriteMs !== undefined) return;
          firstWriteMs = Date.now() - started;
          killLater(kill.thenMs);
        })
      : undefined;
  if (kill && 'atMs' in kill) killLater(kill.atMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      resolve({ code, signal, stdout, stderr, firstWriteMs });
    });
  });
}

/**
 * The kill points of one command: KILLS / 2 just after writing starts (stratified over WRITE_WINDOW_MS, so both the
 * start and the end of the write are hit), the rest uniform before the moment writing started.
 */
async function killRepeatedly(
  t: TestContext,
  rng: Rng,
  run: (kill: Kill) => Promise<Ended>,
  watched: string,
  check: (ended: Ended, attempt: number) => Promise<void> | void,
): Promise<number> {
  let killed = 0;
  const writeStartsMs: number[] = [];
  for (let attempt = 0; attempt < KILLS; attempt++) {
    const kill: Kill =
      attempt < KILLS / 2 || writeStartsMs.length === 0
        ? {
            afterFirstChangeIn: watched,
            thenMs: Math.floor(((attempt + rng.nextFloat()) * WRITE_WINDOW_MS) / Math.ceil(KILLS / 2)),
          }
        : { atMs: Math.floor(rng.nextFloat() * Math.min(...writeStartsMs)) };
    const ended = await run(kill);
    t.diagnostic(
      `${'atMs' in kill ? `at ${kill.atMs} ms` : `${kill.thenMs} ms after the first write`}: ` +
        `${ended.signal ?? `exit ${ended.code}`}` +
        `${ended.firstWriteMs === undefined ? '' : `, writing from ${ended.firstWriteMs} ms`}`,
    );
    if (ended.firstWriteMs !== undefined) writeStartsMs.push(ended.firstWriteMs);
    if (ended.signal === 'SIGKILL') killed += 1;
    else assert.equal(ended.code, 0, `not killed, and failed: ${ended.stderr}`);
    await check(ended, attempt);
  }
  return killed;
}

/** The run store's own invariants; returns the number of runs. */
function checkRunStore(file: string): number {
  const db = new Database(file);
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    // Killed before its first open had migrated the store: no tables yet, and the next open makes them.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'").get()) return 0;
    const runs = db
      .prepare('SELECT id, seq, company_count, figure_count, manifest_json, envelope_json FROM runs ORDER BY seq')
      .all() as {
      id: string;
      seq: number;
      company_count: number;
      figure_count: number;
      manifest_json: string;
      envelope_json: string;
    }[];
    const count = (table: string, id: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE run_id = ?`).get(id) as { n: number }).n;
    const storedText = db.prepare('SELECT 1 FROM run_files WHERE sha256 = ?');
    runs.forEach((run, index) => {
      assert.equal(run.seq, index + 1, 'runs are numbered without a gap');
      assert.equal(count('run_companies', run.id), run.company_count, `companies of ${run.id}`);
      assert.equal(count('run_figures', run.id), run.figure_count, `figures of ${run.id}`);
      const manifest = JSON.parse(run.manifest_json) as RunManifest;
      assert.equal(runIdOf(manifest), run.id, 'the id is the hash of the manifest');
      assert.equal((JSON.parse(run.envelope_json) as { inputsHash: string }).inputsHash, run.id);
      for (const file of manifest.files) assert.ok(storedText.get(file.sha256), `${run.id}: text of ${file.file}`);
    });
    return runs.length;
  } finally {
    db.close();
  }
}

function baseEnv(dir: string): Record<string, string> {
  mkdirSync(join(dir, 'home'), { recursive: true });
  // Only what the test sets: an empty home (no local data store unless named), today pinned.
  return { PATH: process.env['PATH'] ?? '', HOME: join(dir, 'home'), RERATE_TODAY: '2026-02-09' };
}

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-crash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('update killed at random points: every saved run is whole, and the next update saves', async (t) => {
  const dir = tempDir(t);
  const env = { ...baseEnv(dir), RERATE_DB: join(dir, 'runs.db') };
  const rng = createRng(SEED, 1);
  const killed = await killRepeatedly(
    t,
    rng,
    (kill) => rerate(['update'], env, kill),
    dir,
    () => void t.diagnostic(`${checkRunStore(env.RERATE_DB)} runs saved`),
  );
  assert.ok(killed >= KILLS / 2, `${killed} of ${KILLS} runs killed`);
  const after = await rerate(['update'], env);
  assert.equal(after.code, 0, after.stderr);
  assert.match(after.stderr, /rerate: run [0-9a-f]{12} (saved|already saved) \(#1\)/);
  assert.equal(checkRunStore(env.RERATE_DB), 1);
});

test('note killed at random points: the old note or the whole new one, never debris', async (t) => {
  const dir = tempDir(t);
  const env = { ...baseEnv(dir), RERATE_DB: join(dir, 'runs.db') };
  const out = join(dir, 'out');
  mkdirSync(join(out, 'note-charts'), { recursive: true });
  // The note a desk had: its text and a chart the new note does not have.
  writeFileSync(join(out, 'note.md'), '# The old note\n\n![old](note-charts/old.svg)\n');
  writeFileSync(join(out, 'note-charts', 'old.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n');
  const old = tree(out);
  const afterKills: Record<string, string>[] = [];
  const rng = createRng(SEED, 2);
  const note = ['note', '--as-of', '2026-02-04', '--out', join(out, 'note.md')];
  const killed = await killRepeatedly(
    t,
    rng,
    (kill) => rerate(note, env, kill),
    out,
    () => {
      // Right after the kill: the note is one of the two whole notes; beside it only its charts (absent for the
      // instant between moving the old folder aside and the new one in) and the write's staging.
      const names = readdirSync(out).filter((name) => !/^\.note\.md\.rerate-staging-\d+-[0-9a-f]{12}$/.test(name));
      assert.ok(
        names.includes('note.md') && names.every((name) => ['note-charts', 'note.md'].includes(name)),
        `${names}`,
      );
      const text = readFileSync(join(out, 'note.md'), 'utf8');
      assert.ok(text === old['note.md'] || /Methodology and disclosures[\s\S]*\n$/.test(text), 'a half-written note');
      // The next write into the folder settles what the crash left: then the folder is one note and its charts.
      const settled = settleAbandonedWrites(out);
      if (settled.length > 0) t.diagnostic(`a crashed write's staging settled: ${settled.join(', ')}`);
      afterKills.push(tree(out));
      checkRunStore(env.RERATE_DB);
    },
  );
  assert.ok(killed >= KILLS / 2, `${killed} of ${KILLS} runs killed`);

  const after = await rerate(note, env);
  assert.equal(after.code, 0, after.stderr);
  const complete = tree(out);
  assert.ok(Object.keys(complete).some((name) => name.startsWith('note-charts/') && name.endsWith('.svg')));
  assert.ok(!('note-charts/old.svg' in complete), 'the old charts went with the old note');
  for (const [attempt, state] of afterKills.entries()) {
    const same = (other: Record<string, string>) => JSON.stringify(state) === JSON.stringify(other);
    assert.ok(same(old) || same(complete), `after kill ${attempt + 1}: ${Object.keys(state).join(', ')}`);
    t.diagnostic(`after kill ${attempt + 1}: the ${same(old) ? 'old' : 'new'} note`);
  }
  checkRunStore(env.RERATE_DB);
});

/** Chain and price days of `history` that `kept` also has, which must be unchanged (a filled price is allowed). */
function assertDaysKept(kept: NetworkHistory, history: NetworkHistory, what: string): void {
  const a = kept.daily;
  const b = history.daily;
  assert.equal(b.firstDay, a.firstDay, what);
  assert.ok(b.dayCount >= a.dayCount, `${what}: ${a.dayCount - b.dayCount} days lost`);
  const same = (x: number, y: number) => x === y || (Number.isNaN(x) && Number.isNaN(y));
  for (let i = 0; i < a.dayCount; i++) {
    for (const series of ['blocks', 'tipHeight', 'difficulty', 'issuanceBtc'] as const)
      assert.ok(same(a[series][i] as number, b[series][i] as number), `${what}: day ${i} ${series}`);
    for (const series of ['priceUsd', 'feesBtc'] as const)
      if (!Number.isNaN(a[series][i] as number))
        assert.equal(b[series][i], a[series][i], `${what}: day ${i} ${series} changed`);
  }
  for (let e = 0; e < kept.epochs.count; e++) {
    assert.equal(history.epochs.startHeight[e], kept.epochs.startHeight[e], `${what}: epoch ${e}`);
    assert.equal(history.epochs.difficulty[e], kept.epochs.difficulty[e], `${what}: epoch ${e} difficulty`);
  }
}

/** Every share close stored before is stored still, unchanged (issue 20: the history is append-only). */
function assertSharesKept(kept: ShareCloseHistory, now: ShareCloseHistory, what: string): void {
  for (const [ticker, rows] of kept)
    assert.deepEqual(now.get(ticker)?.slice(0, rows.length), rows, `${what}: ${ticker}`);
}

test('data refresh killed at random points: no stored day lost or changed, and no debris', async (t) => {
  const dir = tempDir(t);
  const node = await startFakeBitcoind({ cookiePath: join(dir, 'node', '.cookie') });
  const apis = await startFakePublicApis();
  const shares = await startFakeShareApis();
  t.after(async () => {
    await node.close();
    await apis.close();
    await shares.close();
  });
  const data = join(dir, 'data');
  mkdirSync(join(data, 'snapshots'), { recursive: true });
  const env = {
    ...baseEnv(dir),
    RERATE_DB: join(dir, 'runs.db'),
    RERATE_DATA_DIR: data,
    RERATE_BITCOIND_URL: node.url,
    RERATE_BITCOIND_COOKIE: join(dir, 'node', '.cookie'),
    RERATE_MEMPOOL_URL: apis.mempool.url,
    RERATE_COINBASE_URL: apis.coinbase.url,
    RERATE_KRAKEN_URL: apis.kraken.url,
    RERATE_BITSTAMP_URL: apis.bitstamp.url,
    RERATE_YAHOO_URL: shares.yahoo.url,
    RERATE_NASDAQ_URL: shares.nasdaq.url,
  };
  const embedded = (await embeddedSnapshot().loadNetwork()).history;
  let kept = embedded;
  let sharesKept: ShareCloseHistory = new Map();
  let refreshes = 0;
  const rng = createRng(SEED, 3);
  const killed = await killRepeatedly(
    t,
    rng,
    // Each attempt a day later, so each has days to fetch even if the one before completed.
    (kill) => rerate(['data', 'refresh'], { ...env, RERATE_TODAY: `2026-02-0${6 + refreshes++}` }, kill),
    join(data, 'snapshots'),
    () => {
      const store = localDataStore(data);
      const { snapshot, problems } = store.usableSnapshot();
      assert.deepEqual(problems, [], 'the current snapshot is whole and valid');
      for (const id of readdirSync(join(data, 'snapshots')).filter((name) => /^[0-9a-f]{64}$/.test(name)))
        assert.ok(store.readSnapshot(id), `snapshot ${id} is intact`);
      const history = snapshot?.history ?? embedded;
      assertDaysKept(embedded, history, 'the embedded days');
      assertDaysKept(kept, history, 'the days stored before the kill');
      kept = history;
      assertSharesKept(sharesKept, snapshot?.shareCloses ?? new Map(), 'the share closes stored before the kill');
      sharesKept = snapshot?.shareCloses ?? new Map();
      t.diagnostic(`data to ${snapshot ? `${snapshot.id.slice(0, 12)} (local)` : 'the embedded snapshot'}`);
    },
  );
  assert.ok(killed >= KILLS / 2, `${killed} of ${KILLS} refreshes killed`);

  const after = await rerate(['data', 'refresh', '--json'], env);
  assert.equal(after.code, 0, after.stderr);
  const report = JSON.parse(after.stdout);
  assert.ok(['refreshed', 'up-to-date'].includes(report.results.status));
  assert.equal(report.results.dataAsOf.blocks, '2026-02-08');
  const current = localDataStore(data).usableSnapshot().snapshot;
  assert.ok(current);
  assertDaysKept(kept, current.history, 'the days stored before the last refresh');
  assertSharesKept(sharesKept, current.shareCloses, 'the share closes stored before the last refresh');
  assert.ok((current.shareCloses.get('MARA')?.length ?? 0) > 200, 'a year of MARA closes');
  // No debris: the store's files only, the snapshots by id, every line of the log whole or skipped.
  assert.deepEqual(readdirSync(data).sort(), ['current.json', 'refresh-log.jsonl', 'snapshots']);
  for (const name of readdirSync(join(data, 'snapshots'))) assert.match(name, /^[0-9a-f]{64}$/);
  const status = await rerate(['data', 'status', '--json'], env);
  assert.equal(status.code, 0, status.stderr);
  assert.equal(JSON.parse(status.stdout).results.snapshot.snapshotId, current.id);
});
