// The rerate CLI end to end, in process (the registry, the embedded data, the renderers), plus one run of the real
// entry point as a child process for exit codes and streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { embeddedSnapshot, packageDataDir } from '../src/data/embedded-snapshot.ts';
import { runCli } from '../src/cli/run-cli.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' } });
const packageVersion = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

async function rerate(args: string[], customPorts = ports) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, COMMANDS, customPorts, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

async function rerateJson(args: string[]) {
  const run = await rerate([...args, '--json']);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('network status --as-of 2025-10-29 --json: the epoch that started at height 921,312 at 155.97T', async () => {
  const envelope = await rerateJson(['network', 'status', '--as-of', '2025-10-29']);
  assert.deepEqual(Object.keys(envelope).sort(), [
    'asOf',
    'dataAsOf',
    'engineVersion',
    'inputsHash',
    'results',
    'warnings',
  ]);
  assert.equal(envelope.asOf, '2025-10-29');
  assert.match(envelope.inputsHash, /^[0-9a-f]{64}$/);
  assert.equal(envelope.engineVersion, packageVersion);
  assert.equal(envelope.dataAsOf.blocks, '2026-02-04');
  assert.equal(envelope.dataAsOf.fees, '2025-12-29');
  const status = envelope.results;
  assert.equal(status.epoch.startHeight, 921_312);
  assert.equal(status.epoch.index, 457);
  assert.equal((status.epoch.difficulty / 1e12).toFixed(2), '155.97');
  assert.equal(status.epoch.bits, '0x1701cdfb');
  assert.equal(status.tipHeight, 921_387);
  assert.equal(status.blocksInDay, 123);
  assert.equal(status.epoch.blocksMined, 76);
  assert.equal(status.halving.nextHeight, 1_050_000);
  // Values recomputed independently (Python, from the shared data files) during review.
  assert.equal(status.hashrate7dEhs.toFixed(3), '1109.409');
  assert.equal(status.hashrate30dEhs.toFixed(3), '1081.328');
  assert.equal(status.fees.sharePct.toFixed(4), '0.6601');
  assert.equal(status.realizedDay.hashvalueBtcPerPhDay.toExponential(7), '4.1513867e-4');
  assert.equal(status.realizedDay.hashpriceUsdPerPhDay.toFixed(4), '45.7509');
  // Spot: the next block's difficulty (155.97T) and subsidy (3.125), the day's fees per block, the day's price.
  assert.equal(status.spotDifficulty, status.epoch.difficulty);
  assert.equal(status.spotSubsidyBtc, 3.125);
  const spot = ((1e15 * 86400) / (status.spotDifficulty * 2 ** 32)) * (3.125 + status.fees.perBlockBtc);
  assert.ok(Math.abs(status.hashvalueBtcPerPhDay / spot - 1) < 1e-12);
  assert.ok(Math.abs(status.hashpriceUsdPerPhDay - status.hashvalueBtcPerPhDay * status.priceUsd) < 1e-9);
  assert.equal(status.hashpriceUsdPerPhDay.toFixed(2), '44.71');
  // Next retarget: 75 intervals observed, the rest at the 7-day hashrate. The real one (epoch 458) was 152.27T.
  const retarget = status.retargetEstimate;
  assert.equal(retarget.height, 923_328);
  assert.equal(retarget.basis, 'observed-and-hashrate');
  assert.equal(retarget.observedIntervals, 75);
  assert.equal(retarget.bits, '0x1701d305');
  assert.equal(retarget.changePct.toFixed(2), '-1.08');
  assert.ok(Math.abs(retarget.difficulty / 152.27e12 - 1) < 0.015);
  assert.deepEqual(
    envelope.warnings.map((w: { code: string }) => w.code),
    ['epoch-start-estimated'],
  );
});

test('network status defaults to the last day of the data, and the inputs hash identifies the inputs', async () => {
  const latest = await rerateJson(['network', 'status']);
  assert.equal(latest.asOf, '2026-02-04');
  assert.equal(latest.results.tipHeight, 935_057);
  assert.equal(latest.results.fees.imputed, true);
  assert.ok(
    latest.warnings.some((w: { code: string; field: string }) => w.code === 'fees-imputed' && w.field === 'fees'),
  );
  const explicit = await rerateJson(['network', 'status', '--as-of', '2026-02-04']);
  assert.equal(explicit.inputsHash, latest.inputsHash);
  const other = await rerateJson(['network', 'status', '--as-of', '2026-02-03']);
  assert.notEqual(other.inputsHash, latest.inputsHash);
});

test('network status: revenue per MWh, hashcost and hash spread at given efficiencies and power price', async () => {
  const envelope = await rerateJson([
    'network',
    'status',
    '--as-of',
    '2025-11-18',
    '--efficiency',
    '17,22.5',
    '--power-price',
    '45',
  ]);
  const { hashpriceUsdPerPhDay, unitEconomics } = envelope.results;
  assert.equal(unitEconomics.powerPriceUsdPerMwh, 45);
  assert.deepEqual(
    unitEconomics.rows.map((row: { efficiencyJPerTh: number }) => row.efficiencyJPerTh),
    [17, 22.5],
  );
  const [first] = unitEconomics.rows;
  assert.ok(Math.abs(first.revenueUsdPerMwh - hashpriceUsdPerPhDay / (0.024 * 17)) < 1e-9);
  assert.ok(Math.abs(first.hashcostUsdPerPhDay - 17 * 45 * 0.024) < 1e-9);
  assert.ok(Math.abs(first.hashSpreadUsdPerMwh - (first.revenueUsdPerMwh - 45)) < 1e-9);
  // Without a power price: revenue only, at the Hashrate Index tier efficiencies by default.
  const defaults = await rerateJson(['network', 'status', '--as-of', '2025-11-18']);
  assert.deepEqual(
    defaults.results.unitEconomics.rows.map((row: { efficiencyJPerTh: number }) => row.efficiencyJPerTh),
    [17, 22, 32],
  );
  assert.equal(defaults.results.unitEconomics.rows[0].hashcostUsdPerPhDay, null);
  assert.notEqual(defaults.inputsHash, envelope.inputsHash);
});

test('network history --interval quarter gives Q4-2025 blocks and hashprice', async () => {
  const envelope = await rerateJson([
    'network',
    'history',
    '--from',
    '2025-10-01',
    '--to',
    '2025-12-31',
    '--interval',
    'quarter',
  ]);
  const rows = envelope.results.rows;
  assert.equal(rows.length, 1);
  const quarter = rows[0];
  assert.equal(quarter.period, '2025Q4');
  assert.equal(quarter.complete, true);
  assert.equal(quarter.days, 92);
  // Blocks: the sum of the data file's daily counts for the quarter, read independently here.
  const daily = readFileSync(new URL('../data/network-daily.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const q4Blocks = daily
    .filter((line) => line >= '2025-10-01' && line < '2026-01-01')
    .reduce((sum, line) => sum + Number(line.split(',')[1]), 0);
  assert.equal(quarter.blocks, q4Blocks);
  assert.equal(quarter.blocks, 13_192);
  assert.equal(quarter.lastHeight - quarter.firstHeight + 1, q4Blocks);
  // Values recomputed independently (Python, from the shared data files) during review.
  assert.equal(quarter.issuanceBtc, 41_225);
  assert.equal(quarter.feesBtc.toFixed(4), '272.3638');
  assert.equal(quarter.hashrateEhs.toFixed(3), '1071.360');
  assert.equal(quarter.hashpriceUsdPerPhDay.toFixed(5), '42.01685');
  assert.equal(quarter.networkBtcPerEhDay.toFixed(7), '0.4210148');
  assert.equal(quarter.priceDays, 92);
  assert.deepEqual(
    envelope.results.dataSources.map((s: { id: string }) => s.id),
    ['cm-repo', 'cm-supply'],
  );
  assert.equal(quarter.feesImputedDays, 2);
  assert.ok(
    envelope.warnings.some(
      (w: { code: string; field: string }) => w.code === 'fees-imputed' && w.field === 'rows[0].feesBtc',
    ),
  );
});

test('network history by day, week, month and epoch, in JSON, CSV and text', async () => {
  const days = await rerateJson(['network', 'history', '--from', '2025-10-27', '--to', '2025-11-02']);
  assert.equal(days.results.interval, 'day');
  assert.equal(days.results.rows.length, 7);
  const week = await rerateJson([
    'network',
    'history',
    '--from',
    '2025-10-27',
    '--to',
    '2025-11-02',
    '--interval',
    'week',
  ]);
  assert.equal(week.results.rows[0].period, '2025-W44');
  assert.equal(
    week.results.rows[0].blocks,
    days.results.rows.reduce((s: number, r: { blocks: number }) => s + r.blocks, 0),
  );
  // Epoch 455 began 2025-10-01 19:54 UTC; epoch 457 on 2025-10-29.
  const epochs = await rerateJson([
    'network',
    'history',
    '--from',
    '2025-10-01',
    '--to',
    '2025-12-31',
    '--interval',
    'epoch',
  ]);
  assert.equal(epochs.results.rows[0].period, 'epoch 455');
  assert.equal(epochs.results.rows[0].complete, true);
  assert.ok(
    epochs.results.rows.some(
      (r: { period: string; from: string; epoch: { difficulty: number } }) =>
        r.period === 'epoch 457' && r.from === '2025-10-29' && r.epoch.difficulty > 155.9e12,
    ),
  );
  const cut = await rerateJson([
    'network',
    'history',
    '--from',
    '2025-10-05',
    '--to',
    '2025-12-31',
    '--interval',
    'epoch',
  ]);
  assert.equal(cut.results.rows[0].complete, false); // the range starts inside epoch 455

  const csv = await rerate([
    'network',
    'history',
    '--from',
    '2025-01-01',
    '--to',
    '2025-12-31',
    '--interval',
    'month',
    '--csv',
  ]);
  assert.equal(csv.code, 0);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines.length, 13);
  assert.match(lines[0] as string, /^period,from,to,days,complete,/);
  assert.match(lines[1] as string, /^2025-01,2025-01-01,2025-01-31,31,true,/);

  const text = await rerate([
    'network',
    'history',
    '--from',
    '2025-10-01',
    '--to',
    '2026-02-04',
    '--interval',
    'quarter',
  ]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /2025Q4 /);
  assert.match(text.stdout, /2026Q1\* /); // cut short by the data
  assert.match(text.stdout, /Warnings:/);
});

test('bad dates, reversed ranges and bad flags exit 2 with a message naming the flag, and print nothing', async () => {
  const cases: [string[], RegExp][] = [
    [['network', 'status', '--as-of', '2025-13-01'], /--as-of: expected a calendar date YYYY-MM-DD/],
    [['network', 'status', '--as-of', '29/10/2025'], /--as-of: expected a calendar date/],
    [
      ['network', 'status', '--as-of', '2030-01-01'],
      /--as-of: 2030-01-01 is outside the data, which covers 2009-01-03 … 2026-02-04/,
    ],
    [
      ['network', 'status', '--as-of', '2009-01-04'],
      /--as-of: 2009-01-04: the data counts no block after genesis yet; the status needs a day from 2009-01-09 on/,
    ],
    [
      ['network', 'history', '--from', '2025-12-31', '--to', '2025-10-01'],
      /--to: 2025-10-01 is before --from 2025-12-31: the range is reversed/,
    ],
    [['network', 'history', '--from', '2008-12-31', '--to', '2025-10-01'], /--from: 2008-12-31 is outside the data/],
    [['network', 'history', '--from', '2025-10-01', '--to', '2025-02-30'], /--to: expected a calendar date/],
    [
      ['network', 'history', '--from', '2025-10-01', '--to', '2025-12-31', '--interval', 'fortnight'],
      /Allowed choices are day, week, month, quarter, epoch/,
    ],
    [['network', 'history', '--to', '2025-12-31'], /required option '--from <date>' not specified/],
    [['network', 'status', '--bogus'], /unknown option '--bogus'/],
    [['network', 'status', '--efficiency', '17,abc'], /--efficiency \(item 2\): expected a number of J\/TH/],
    [['network', 'status', '--efficiency', '0'], /--efficiency \(item 1\): must be above 0 J\/TH/],
    [['network', 'status', '--efficiency', '0x11'], /--efficiency \(item 1\): expected a number of J\/TH/],
    [['network', 'status', '--power-price', '-3'], /--power-price: must be at least 0 USD\/MWh/],
    [['network', 'status', '--power-price', ''], /--power-price: expected a number of USD\/MWh/],
    [['network', 'status', '--json', '--csv'], /unknown option '--csv'/],
    [
      ['network', 'history', '--from', '2025-10-01', '--to', '2025-12-31', '--json', '--csv'],
      /choose one of --json and --csv/,
    ],
    [['network', 'nonsense'], /unknown command 'nonsense'/],
  ];
  for (const [args, message] of cases) {
    const run = await rerate(args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message, args.join(' '));
    assert.equal(run.stdout, '', args.join(' '));
  }
});

test('--help on every command shows an example and exits 0', async () => {
  for (const definition of COMMANDS) {
    const run = await rerate([...definition.name.split(' '), '--help']);
    assert.equal(run.code, 0, definition.name);
    assert.match(run.stdout, /Examples:\n {2}\$ rerate /, definition.name);
  }
  for (const group of [[], ['network']]) {
    const help = await rerate([...group, '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /network/);
    assert.match(help.stdout, /Examples:\n {2}\$ rerate network status/);
  }
  const version = await rerate(['--version']);
  assert.equal(version.stdout.trim(), packageVersion);
});

test('a bad embedded data file fails loudly with its file, line and column, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-data-'));
  const source = packageDataDir();
  copyFileSync(join(source, 'difficulty-epochs.csv'), join(dir, 'difficulty-epochs.csv'));
  writeFileSync(join(dir, 'NOTICE'), '');
  const daily = readFileSync(join(source, 'network-daily.csv'), 'utf8').split('\n');
  daily[101] = (daily[101] as string).replace(/^(2009-\d\d-\d\d),(\d+),/, '$1,x,');
  writeFileSync(join(dir, 'network-daily.csv'), daily.join('\n'));
  const run = await rerate(['network', 'status'], { ...ports, network: embeddedSnapshot(dir) });
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /data\/network-daily\.csv:102:12: column "blocks": expected an integer, found "x"/);
});

test('the real entry point: exit codes and streams', () => {
  const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const ok = spawnSync(process.execPath, ['--import', 'tsx', main, 'network', 'status', '--as-of', '2025-10-29'], {
    encoding: 'utf8',
  });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /Difficulty +155\.97 T \(bits 0x1701cdfb\)/);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', main, 'network', 'status', '--as-of', 'soon'], {
    encoding: 'utf8',
  });
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /--as-of/);
});
