// Saved runs end to end through the CLI: saving, ids, replay, and diffs whose attribution by sequential substitution
// sums to the change and credits each change to the group that caused it. The worked example of
// docs/examples/q4-2025-revision.md runs here exactly as written. The whole suite runs twice: on SQLite (in memory)
// and on PostgreSQL (a fresh database per test; RERATE_TEST_DATABASE_URL, see test/support/postgres-test-url.ts).
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { coverageFiles, coverageDir } from '../src/data/coverage-files.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import type { AppPorts } from '../src/app/ports/app-ports.ts';

import { createTestDatabase, postgresTestServer } from './support/postgres-test-url.ts';
import { rerate, rerateJson as json } from './support/cli-runner.ts';

type Backend = 'sqlite' | 'postgres';
const postgres = postgresTestServer();

/** Ports with an empty run store of the backend; closed (and a PostgreSQL database dropped) after the test. */
async function freshPorts(t: TestContext, backend: Backend): Promise<AppPorts> {
  if (backend === 'sqlite') {
    const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });
    t.after(() => ports.runs.close());
    return ports;
  }
  if (postgres.kind !== 'available') throw new Error(postgres.message);
  const database = await createTestDatabase(postgres.url);
  const ports = defaultPorts({ env: { DATABASE_URL: database.url }, monteCarlo: inProcessMonteCarlo });
  t.after(async () => {
    await ports.runs.close();
    await database.drop();
  });
  return ports;
}

interface DiffRow {
  ticker: string;
  period: string;
  metric: string;
  a: number;
  b: number;
  change: number;
  contributions: Record<string, number | null>;
  notReproduced: number;
}

/** Every row's contributions and residual sum to its change, to rounding. */
function assertSums(rows: DiffRow[]) {
  for (const row of rows) {
    const sum = Object.values(row.contributions).reduce<number>((s, c) => s + (c ?? 0), 0) + row.notReproduced;
    assert.ok(
      Math.abs(sum - row.change) <= 1e-9 * Math.max(1, Math.abs(row.a), Math.abs(row.b)),
      `${row.ticker} ${row.metric}: ${sum} vs ${row.change}`,
    );
  }
}

for (const backend of ['sqlite', 'postgres'] as const) {
  const skip = backend === 'postgres' && postgres.kind === 'skip' ? postgres.message : false;
  describe(`runs and diffs on ${backend}`, { skip }, () => suite(backend));
}

function suite(backend: Backend) {
  const workedExampleTestName =
    'the worked example of docs/examples/q4-2025-revision.md: Q4 BTC mined up on network, revenue down on price';
  test(workedExampleTestName, async (t) => {
    const doc = readFileSync(new URL('../docs/examples/q4-2025-revision.md', import.meta.url), 'utf8');
    const commands = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)]
      .flatMap((block) => (block[1] as string).split('\n'))
      .filter((line) => line.startsWith('rerate '));
    assert.equal(commands.length, 3);
    const ports = await freshPorts(t, backend);
    const outputs = [];
    for (const line of commands) {
      const run = await rerate(ports, line.split(' ').slice(1));
      assert.equal(run.code, 0, `${line}: ${run.stderr}`);
      outputs.push(run);
    }
    assert.match(outputs[0]?.stderr ?? '', /run [0-9a-f]{12} saved \(#1\)/);
    assert.match(outputs[2]?.stdout ?? '', /Network hashrate\/difficulty/);

    const diff = (await json(ports, commands[2]?.split(' ').slice(1) ?? [])).results;
    assert.equal(diff.attribution.available, true);
    assert.equal(diff.runA.asOf, '2025-09-30');
    assert.equal(diff.runB.asOf, '2026-02-04');
    const rows = diff.rows as DiffRow[];
    assertSums(rows);
    for (const ticker of ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT']) {
      const mined = rows.find((r) => r.ticker === ticker && r.period === '2025Q4' && r.metric === 'btcMined');
      const revenue = rows.find((r) => r.ticker === ticker && r.period === '2025Q4' && r.metric === 'miningRevenueUsd');
      assert.ok(mined && revenue, ticker);
      // The network raises every company's coins; MARA's walk-forward realization (September's report, public
      // after the first run) can outweigh it.
      assert.ok((mined.contributions['network'] ?? 0) > 0, `${ticker}: the network raises BTC mined`);
      assert.ok(revenue.change < 0, `${ticker}: mining revenue down`);
      assert.equal(mined.contributions['btc-price'], 0, `${ticker}: the price does not change coins`);
      assert.ok((revenue.contributions['btc-price'] ?? 0) < 0, `${ticker}: the price path lowers revenue`);
      assert.ok(
        (revenue.contributions['btc-price'] ?? 0) < -Math.abs(revenue.contributions['network'] ?? 0),
        `${ticker}: price outweighs network in revenue`,
      );
      // Without reported months (CLSK, RIOT) the extra coins are the network's: slower growth than 35%/yr.
      if (ticker !== 'CLSK' && ticker !== 'RIOT')
        assert.ok((mined.contributions['network'] ?? 0) > 0.8 * mined.change, `${ticker}: network drives coins`);
    }
    // What the doc says about ratings.
    const rating = (t: string) => diff.ratings.find((r: { ticker: string }) => r.ticker === t);
    assert.deepEqual(
      [rating('MARA').a, rating('MARA').b, rating('MARA').changedBy],
      ['Overweight', 'Underweight', ['btc-price']],
    );
    assert.deepEqual(
      [rating('CLSK').a, rating('CLSK').b, rating('CLSK').changedBy],
      // Underweight in both runs since cash SG&A (a corporate part) and refresh capex are valued.
      ['Underweight', 'Underweight', []],
    );
  });

  const sameInputsSameRunTestName =
    'same inputs, same run: the second save stores nothing; --no-save saves nothing; the id is the inputs hash';
  test(sameInputsSameRunTestName, async (t) => {
    const ports = await freshPorts(t, backend);
    const first = await rerate(ports, ['value', 'RIOT', '--json']);
    const again = await rerate(ports, ['value', 'RIOT', '--as-of', '2026-02-04', '--json']);
    assert.equal(JSON.parse(first.stdout).inputsHash, JSON.parse(again.stdout).inputsHash);
    assert.match(again.stderr, /already saved \(#1\)/);
    const unsaved = await rerate(ports, ['value', 'RIOT', '--price', '80000', '--no-save']);
    assert.equal(unsaved.code, 0);
    assert.doesNotMatch(unsaved.stderr, /saved/);
    const list = (await json(ports, ['runs', 'list'])).results.runs;
    assert.equal(list.length, 1);
    assert.equal(list[0].id, JSON.parse(first.stdout).inputsHash);
    assert.deepEqual(
      list[0].companies.map((c: { ticker: string }) => c.ticker),
      ['RIOT'],
    );
    const shown = (await json(ports, ['runs', 'show', list[0].id.slice(0, 8)])).results;
    assert.deepEqual(shown.manifest.files.map((f: { role: string }) => f.role).sort(), [
      'company',
      'methodology',
      'scenario',
    ]);
    assert.equal(shown.manifest.asOf, '2026-02-04');
    assert.ok(shown.manifest.data.snapshotId);
    const bad = await rerate(ports, ['runs', 'show', 'zz']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /<run>: a run id/);
  });

  test('runs replay recomputes from the stored files and finds a tampered figure', async (t) => {
    const ports = await freshPorts(t, backend);
    const saved = await json(ports, ['estimates', 'all', '--quarters', '2025Q3:2026Q2', '--scenario', 'bear']);
    const replay = await rerate(ports, ['runs', 'replay', saved.inputsHash.slice(0, 10), '--json']);
    assert.equal(replay.code, 0, replay.stderr);
    const result = JSON.parse(replay.stdout).results;
    assert.equal(result.identical, true);
    assert.equal(result.inputsIdentical, true);
    assert.ok(result.figuresCompared > 400);

    // The same run stored with one figure altered (a different id, so the store takes it): replay must say so and fail.
    const store = await ports.runs.open();
    const original = await store.get(saved.inputsHash);
    assert.ok(original);
    const tamperedManifest = { ...original.manifest, input: { ...original.manifest.input } };
    const figures = original.figures.map((f, i) => (i === 0 ? { ...f, value: (f.value ?? 0) + 1 } : f));
    await store.save({ ...original, id: 'ab'.repeat(32), manifest: tamperedManifest, figures });
    const failed = await rerate(ports, ['runs', 'replay', 'abababab']);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /DIFFERENT/);
    assert.match(failed.stdout, /1 differ/);
    assert.match(
      failed.stderr,
      /^rerate: failed: the replay of run abababababab does not reproduce it \(1 figure differs/,
    );
  });

  test('a methodology change is the methodology’s alone; a composed policy scenario is HPC and power’s', async (t) => {
    const ports = await freshPorts(t, backend);
    await rerate(ports, ['update']);
    await rerate(ports, ['update', '--methodology', 'jpm-2025-11']);
    const methodology = (await json(ports, ['diff', '--metrics', 'all'])).results;
    assert.deepEqual(
      methodology.drivers
        .filter((d: { change: string | null }) => d.change !== null)
        .map((d: { driver: string }) => d.driver),
      ['methodology'],
    );
    assertSums(methodology.rows);
    const targets = (methodology.rows as DiffRow[]).filter((r) => r.metric === 'targetUsd');
    assert.equal(targets.length, 5);
    for (const row of targets) assert.ok(Math.abs((row.contributions['methodology'] ?? 0) - row.change) < 1e-9);

    await rerate(ports, ['update', '--scenario', 'base,ercot-use-it-or-lose-it']);
    const runs = (await json(ports, ['runs', 'list'])).results.runs;
    const policy = (await json(ports, ['diff', runs[2].id, runs[0].id, '--ticker', 'RIOT', '--metrics', 'targetUsd']))
      .results;
    assert.deepEqual(
      policy.drivers
        .filter((d: { change: string | null }) => d.change !== null)
        .map((d: { driver: string }) => d.driver),
      ['hpc-and-power'],
    );
    const [target] = policy.rows as DiffRow[];
    assert.ok(target && target.change < 0, 'the rule lowers Riot’s target');
    assert.ok(
      Math.abs((target.contributions['hpc-and-power'] ?? 0) - target.change) < 1e-9,
      'all of it is the policy block’s',
    );
    assert.equal(target.contributions['timing'], 0);
  });

  test('company-file changes land in their groups: shares in balance sheet, fleet in operations', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'rerate-coverage-'));
    cpSync(coverageDir(), dir, { recursive: true });
    const ports = await freshPorts(t, backend);
    await rerate(ports, ['value', 'RIOT']);
    const riot = readFileSync(join(dir, 'RIOT.yaml'), 'utf8');
    const basic = /\n {2}basic: \{ value: (\d+)/.exec(riot);
    assert.ok(basic, 'the RIOT file gives shares.basic');
    writeFileSync(join(dir, 'RIOT.yaml'), riot.replace(basic[1] as string, String(Math.round(Number(basic[1]) * 1.1))));
    const edited: AppPorts = { ...ports, coverage: coverageFiles(dir, 'edited') };
    await rerate(edited, ['value', 'RIOT']);
    // A metric name neither run carries is a usage error naming it, not an empty table (issue 19).
    const typo = await rerate(ports, ['diff', '--metrics', 'targetUSD,miningUsd']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /metrics: no metric "targetUSD" in both runs; they carry: .*targetUsd/);
    const diff = (await json(ports, ['diff', '--metrics', 'targetUsd,dilutedShares,miningUsd'])).results;
    assert.deepEqual(
      diff.drivers.filter((d: { change: string | null }) => d.change !== null).map((d: { driver: string }) => d.driver),
      ['balance-sheet'],
    );
    assert.match(diff.drivers.find((d: { driver: string }) => d.driver === 'balance-sheet').change, /RIOT: shares/);
    const rows = diff.rows as DiffRow[];
    assertSums(rows);
    const target = rows.find((r) => r.metric === 'targetUsd');
    assert.ok(target && target.change < 0 && target.contributions['balance-sheet'] === target.change);
    assert.equal(
      rows.find((r) => r.metric === 'miningUsd'),
      undefined,
      'mining value does not move',
    );

    const csv = await rerate(ports, ['diff', '--csv']);
    assert.equal(csv.code, 0);
    assert.match(
      csv.stdout.split('\n')[0] ?? '',
      new RegExp(
        '^ticker,period,metric,a,b,change,changePct,timing,' +
          'btc-price,network,fees,operations,hpc-and-power,balance-sheet,methodology,notReproduced$',
      ),
    );
  });

  test('diff needs two runs and says so', async (t) => {
    const ports = await freshPorts(t, backend);
    const none = await rerate(ports, ['diff']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no runs in .*: rerate update saves one/);
    await rerate(ports, ['value', 'CIFR']);
    const one = await rerate(ports, ['diff']);
    assert.equal(one.code, 2);
    assert.match(one.stderr, /no value run saved before/);
  });
}
