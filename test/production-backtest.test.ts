// `rerate backtest production` and the reported-figures CSV: modeled vs reported BTC per company-month in both modes,
// unmodelable months listed with their reason, and bad files refused at file:line:column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { errorPct, summarizeBacktest } from '../src/company/production-backtest.ts';
import { parseReportedFigures } from '../src/schema/reported-figures.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' } });
const EMBEDDED_2023_2024 = new URL('../data/reported/miners-monthly-2023-2024.csv', import.meta.url);
/** SHA-256 of ../shared/data/miners_monthly_reported_2023_2024.csv, of which the embedded file is a byte copy. */
const SHARED_FILE_SHA256 = 'e2cb35980790ab2f7805376299b5f5ee5f957023ad55f6212ff795d9b682169b';
const HEADER = 'company,period,metric,value,unit,source_url,source_kind,note';

async function rerate(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, COMMANDS, ports, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

function tempCsv(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rerate-reported-')), 'reported.csv');
  writeFileSync(path, text);
  return path;
}

test('the embedded 2023-2024 file is the shared reference file, byte for byte', () => {
  assert.equal(createHash('sha256').update(readFileSync(EMBEDDED_2023_2024)).digest('hex'), SHARED_FILE_SHA256);
});

test('MAPE and bias: mean absolute and mean signed error in percent of the reported figure', () => {
  const base = { operatingEhs: 1, realization: 1, realizationFrom: [] };
  const rows = [
    { ...base, company: 'A', month: '2024-01', reportedBtc: 100, modeledBtc: 110, reason: undefined },
    { ...base, company: 'A', month: '2024-02', reportedBtc: 200, modeledBtc: 180, reason: undefined },
    { ...base, company: 'B', month: '2024-01', reportedBtc: 50, modeledBtc: NaN, reason: 'no capacity' },
  ];
  assert.equal(errorPct(rows[0]!), 10);
  const [a, b, all] = summarizeBacktest(rows);
  assert.deepEqual(a, { company: 'A', months: 2, unmodeled: 0, mapePct: 10, biasPct: 0 });
  assert.equal(b?.months, 0);
  assert.equal(b?.unmodeled, 1);
  assert.ok(Number.isNaN(b?.mapePct));
  assert.equal(all?.months, 2);
  assert.equal(all?.unmodeled, 1);
});

const reportedHashrateBacktestTestName =
  'backtest production on the 2023-2024 file with reported hashrate: every production row listed, modeled within 12%';
test(reportedHashrateBacktestTestName, async () => {
  const run = await rerate([
    'backtest',
    'production',
    '--reported',
    EMBEDDED_2023_2024.pathname,
    '--use-reported-hashrate',
    '--json',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const { results } = JSON.parse(run.stdout);
  const production = readFileSync(EMBEDDED_2023_2024, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.includes(',btc_produced,'));
  assert.equal(results.rows.length, production.length, 'no production row is dropped');
  const modeled = results.rows.filter((row: { reason: string | null }) => row.reason === null);
  assert.ok(modeled.length >= 8);
  for (const row of modeled) assert.ok(Math.abs(row.errorPct) < 12, `${row.company} ${row.month}: ${row.errorPct}%`);
  for (const row of results.rows.filter((row: { reason: string | null }) => row.reason !== null)) {
    assert.equal(row.reason, 'no average operating hashrate reported for the month');
  }
  const all = results.summary.find((s: { company: string }) => s.company === 'all');
  assert.ok(all.mapePct < 5, `MAPE ${all.mapePct}%`);
});

const capacityHistoryBacktestTestName =
  'backtest production from capacity history: months before a company’s first hashrate point are listed with the ' +
  'reason';
test(capacityHistoryBacktestTestName, async () => {
  const run = await rerate(['backtest', 'production', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const { results } = JSON.parse(run.stdout);
  assert.equal(results.mode, 'capacity-history');
  const riot = results.rows.find(
    (row: { company: string; month: string }) => row.company === 'RIOT' && row.month === '2024-02',
  );
  assert.match(riot.reason, /^the capacity history in data\/coverage\/RIOT\.yaml starts \d{4}-\d{2}-\d{2}$/);
  // Walk-forward: RIOT's first modeled month uses the file's realization, the next ones earlier months only.
  const riotRows = results.rows.filter((row: { company: string; reason: string | null }) => row.company === 'RIOT');
  const modeled = riotRows.filter((row: { reason: string | null }) => row.reason === null);
  assert.deepEqual(modeled[0].realizationFrom, []);
  for (const row of modeled.slice(1))
    for (const month of row.realizationFrom) assert.ok(month < row.month, `${row.month} uses ${month}`);
  assert.ok(results.rows.some((row: { reason: string | null }) => row.reason === null));
  assert.ok(results.otherFigures.some((f: { metric: string }) => f.metric === 'btc_held_month_end'));
});

const listedNotDroppedTestName =
  'backtest production: companies outside the coverage, months outside the data and zero months are listed, not ' +
  'dropped';
test(listedNotDroppedTestName, async () => {
  const path = tempCsv(
    [
      HEADER,
      'ACME,2024-05,btc_produced,100,BTC,https://example.com/acme,news,',
      'RIOT,2031-01,btc_produced,400,BTC,https://example.com/riot,news,',
      // The month of the genesis block starts before the data (a month before it is refused: issue 19).
      'CLSK,2009-01,btc_produced,5,BTC,https://example.com/clsk,news,',
      'RIOT,2024-06,btc_produced,0,BTC,https://example.com/riot0,news,',
    ].join('\n'),
  );
  const { results } = JSON.parse((await rerate(['backtest', 'production', '--reported', path, '--json'])).stdout);
  assert.deepEqual(
    results.rows.map((row: { company: string; reason: string }) => `${row.company} ${row.reason}`),
    [
      'ACME ACME is not in the coverage universe (data/coverage/)',
      'CLSK the month starts before the data (2009-01-03)',
      'RIOT reported 0 BTC: no percentage error',
      'RIOT the month ends after the data (2026-02-04)',
    ],
  );
});

test('a bad reported-figures file is refused at file:line:column, exit 2, nothing on stdout', async () => {
  const cases: [string, RegExp][] = [
    [
      `${HEADER}\nRIOT,2024-13,btc_produced,1,BTC,https://example.com,news,`,
      /reported\.csv:2:6: column "period": "2024-13" does not match/,
    ],
    [
      `${HEADER}\nRIOT,2024-05,btc_produced,1,EH/s,https://example.com,news,`,
      /reported\.csv:2:\d+: column "unit": btc_produced is in BTC, found "EH\/s"/,
    ],
    [
      `${HEADER}\nRIOT,2024-05,btc_produced,-1,BTC,https://example.com,news,`,
      /reported\.csv:2:\d+: column "value": -1 is below the minimum 0/,
    ],
    [
      `${HEADER}\nRIOT,2024-05,btc_produced,1,BTC,https://a.com,news,\n` +
        'RIOT,2024-05,btc_produced,2,BTC,https://b.com,news,',
      /reported\.csv:3:\d+: column "value": RIOT 2024-05 btc_produced is 2 here but 1 on line 2/,
    ],
    ['company,period,value\n', /reported\.csv:1:1: expected the header/],
  ];
  for (const [text, message] of cases) {
    const run = await rerate(['backtest', 'production', '--reported', tempCsv(text)]);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, message);
  }
  const missing = await rerate(['backtest', 'production', '--reported', '/nonexistent/file.csv']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--reported: no file at \/nonexistent\/file\.csv/);
});

test('the same figure twice with the same value is kept once', () => {
  const figures = parseReportedFigures(
    `${HEADER}\nRIOT,2024-05,btc_produced,1,BTC,https://a.com,news,\n` +
      'RIOT,2024-05,btc_produced,1,BTC,https://b.com,news,\n',
    'x.csv',
  );
  assert.equal(figures.length, 1);
  assert.equal(figures[0]?.line, 2);
});
