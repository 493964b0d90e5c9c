// `rerate network project`, `scenario list/show` and `network backtest` end to end, plus no look-ahead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../src/app/registry.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import type { AppPorts } from '../src/app/ports/app-ports.ts';
import type { NetworkDataSnapshot } from '../src/app/ports/network-data.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { dayFromIso } from '../src/units/calendar-day.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' } });

async function rerate(args: string[], customPorts: AppPorts = ports) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, COMMANDS, customPorts, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

async function json(args: string[], customPorts: AppPorts = ports) {
  const run = await rerate([...args, '--json'], customPorts);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('acceptance: the 2028 halving appears in the quarter it falls in', async () => {
  const text = await rerate([
    'network',
    'project',
    '--as-of',
    '2026-02-04',
    '--to',
    '2028-12-31',
    '--interval',
    'quarter',
  ]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /2028Q2 ◆/);
  const envelope = await json([
    'network',
    'project',
    '--as-of',
    '2026-02-04',
    '--to',
    '2028-12-31',
    '--interval',
    'quarter',
  ]);
  const result = envelope.results;
  assert.equal(result.mode, 'deterministic');
  assert.equal(result.rows.length, 12);
  assert.equal(result.rows[0].period, '2026Q1');
  assert.equal(result.rows[0].complete, false);
  const halving = result.events.find((e: { event: string }) => e.event === 'halving');
  assert.equal(halving.height, 1_050_000);
  assert.match(halving.time, /^2028-0[4-6]/);
  const q2 = result.rows.find((r: { period: string }) => r.period === '2028Q2');
  const q1 = result.rows.find((r: { period: string }) => r.period === '2028Q1');
  // The halving cuts issuance per block in half part-way through the quarter.
  assert.ok(q2.metrics.issuanceBtc / q2.metrics.blocks < 3.125 && q2.metrics.issuanceBtc / q2.metrics.blocks > 1.5625);
  assert.ok(Math.abs(q1.metrics.issuanceBtc / q1.metrics.blocks - 3.125) < 1e-9);
  // Every input is recorded with its source.
  for (const assumption of result.assumptions) assert.ok(assumption.source.length > 10, assumption.input);
  assert.equal(result.scenario.name, 'base');
});

test('flags override the scenario, and the inputs hash follows the inputs', async () => {
  const base = await json(['network', 'project', '--to', '2026-12-31']);
  const slower = await json([
    'network',
    'project',
    '--to',
    '2026-12-31',
    '--hashrate-growth',
    '10%/yr',
    '--price',
    '90000',
    '--fees',
    '0.6%',
  ]);
  const find = (r: { assumptions: { input: string; value: unknown; unit: string; source: string }[] }, input: string) =>
    r.assumptions.find((a) => a.input === input);
  assert.equal(find(slower.results, 'hashrate.path')?.value, 'growth 10.00%/yr');
  assert.equal(find(slower.results, 'hashrate.path')?.source, 'flag --hashrate-growth');
  assert.equal(find(slower.results, 'price.start')?.value, 90000);
  assert.equal(find(slower.results, 'fees.start')?.unit, 'share of rewards');
  assert.notEqual(slower.inputsHash, base.inputsHash);
  const lastBase = base.results.rows.at(-1).metrics;
  const lastSlower = slower.results.rows.at(-1).metrics;
  assert.ok(lastSlower.difficulty < lastBase.difficulty); // slower growth, lower difficulty
  assert.ok(lastSlower.btcPerEhDay > lastBase.btcPerEhDay); // each EH/s mines more
  const again = await json(['network', 'project', '--to', '2026-12-31']);
  assert.equal(again.inputsHash, base.inputsHash);
});

test('Monte Carlo from the CLI: percentiles bracket the mean, the same seed gives byte-identical output', async () => {
  const args = ['network', 'project', '--to', '2026-09-30', '--paths', '400', '--seed', '3'];
  const first = await rerate([...args, '--json']);
  const second = await rerate([...args, '--json']);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout, second.stdout);
  const result = JSON.parse(first.stdout).results;
  assert.equal(result.mode, 'monte-carlo');
  for (const row of result.rows) {
    const hashprice = row.metrics.hashpriceUsdPerPhDay;
    assert.ok(hashprice.p5 <= hashprice.p50 && hashprice.p50 <= hashprice.p95 && hashprice.paths === 400);
  }
  const retarget = result.events.find((e: { event: string }) => e.event === 'retarget');
  assert.ok(retarget.timeP5 <= retarget.time && retarget.time <= retarget.timeP95);
  const csv = await rerate([...args, '--csv']);
  assert.match(
    csv.stdout.split('\n')[0] as string,
    /^period,from,to,days,complete,blocks_mean,blocks_se,blocks_p5,blocks_p50,blocks_p95,/,
  );
});

test('no look-ahead: history after the as-of date changes nothing', async () => {
  const full = await ports.network.loadNetwork();
  const asOf = dayFromIso('2025-06-30');
  const keep = asOf - full.history.daily.firstDay + 1;
  const cut = (values: Float64Array) => values.slice(0, keep);
  const daily = full.history.daily;
  // Keep the epochs that have started by the as-of day (the current one included), none after.
  const tipAtAsOf = full.history.daily.tipHeight[keep - 1] as number;
  const epochCount = Math.floor(tipAtAsOf / 2016) + 1;
  const { epochs } = full.history;
  const truncated: NetworkDataSnapshot = {
    ...full,
    history: {
      epochs: {
        count: epochCount,
        startHeight: epochs.startHeight.slice(0, epochCount),
        bits: epochs.bits.slice(0, epochCount),
        startTimeUnixS: epochs.startTimeUnixS.slice(0, epochCount),
        startTimeDerived: epochs.startTimeDerived.slice(0, epochCount),
        difficulty: epochs.difficulty.slice(0, epochCount),
      },
      daily: {
        ...daily,
        dayCount: keep,
        blocks: cut(daily.blocks),
        tipHeight: cut(daily.tipHeight),
        difficulty: cut(daily.difficulty),
        priceUsd: cut(daily.priceUsd),
        feesBtc: cut(daily.feesBtc),
        issuanceBtc: cut(daily.issuanceBtc),
        sourceIndex: daily.sourceIndex.slice(0, keep),
        priceSourceIndex: daily.priceSourceIndex.slice(0, keep),
      },
    },
  };
  const truncatedPorts: AppPorts = {
    ...ports,
    network: { loadNetwork: async () => truncated, loadSnapshot: async () => undefined },
    monteCarlo: inProcessMonteCarlo,
  };
  for (const extra of [[], ['--paths', '200', '--seed', '5']]) {
    const args = ['network', 'project', '--as-of', '2025-06-30', '--to', '2026-06-30', ...extra];
    const withFuture = await json(args, { ...ports, monteCarlo: inProcessMonteCarlo });
    const withoutFuture = await json(args, truncatedPorts);
    assert.deepEqual(withoutFuture.results, withFuture.results);
  }
});

test('Monte Carlo events past the horizon on some paths: dates count those as later, null when past it', async () => {
  const envelope = await json([
    'network',
    'project',
    '--as-of',
    '2026-01-31',
    '--to',
    '2028-04-04',
    '--paths',
    '200',
    '--seed',
    '5',
  ]);
  const halving = envelope.results.events.find((e: { event: string }) => e.event === 'halving');
  assert.equal(halving.height, 1_050_000);
  assert.ok(halving.paths > 0 && halving.paths < 200, `paths ${halving.paths}`);
  assert.equal(halving.timeP95, null); // the late paths are past the horizon
  assert.ok(envelope.warnings.some((w: { code: string }) => w.code === 'events-beyond-horizon'));
  const single = await rerate([
    'network',
    'project',
    '--as-of',
    '2026-01-31',
    '--to',
    '2026-04-04',
    '--paths',
    '1',
    '--seed',
    '5',
  ]);
  assert.equal(single.code, 0, single.stderr);
});

test('scenario list and show print the built-in scenarios with their sources', async () => {
  const list = await json(['scenario', 'list']);
  assert.deepEqual(
    list.results.scenarios.map((s: { name: string }) => s.name),
    ['base', 'bear', 'bull', 'ercot-use-it-or-lose-it', 'slower-network-growth'],
  );
  const show = await rerate(['scenario', 'show', 'slower-network-growth']);
  assert.equal(show.code, 0);
  assert.match(show.stdout, /Hashrate path +\+10\.00%\/yr/);
  assert.match(show.stdout, /bitcoin-mining-cost-model/);
});

test('bad scenarios and flags: file:line:column or the flag, exit 2, nothing on stdout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-scenario-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cases: [string[], RegExp][] = [
    [
      ['--scenario', 'nope'],
      new RegExp(
        '--scenario: no built-in scenario "nope"; ' +
          'built-in: base, bear, bull, ercot-use-it-or-lose-it, slower-network-growth',
      ),
    ],
    [['--scenario', file('syntax.yaml', 'name: x\ndescription: [unclosed\n')], /syntax\.yaml:\d+:\d+: YAML:/],
    [
      ['--scenario', file('rate.yaml', 'name: x\ndescription: d\nhashrate:\n  growth: 25%/week\n  source: s s s\n')],
      new RegExp(
        String.raw`rate\.yaml:4:11: hashrate\.growth: expected a growth rate like 25%\/yr or 2%\/mo ` +
          String.raw`\(a plain number is a fraction per year, 0\.25 = 25%\/yr\), found "25%\/week"`,
      ),
    ],
    [
      ['--scenario', file('source.yaml', 'name: x\ndescription: d\nprice:\n  growth: 5%/yr\n')],
      /source\.yaml:4:3: price\.source: name the source of these values/,
    ],
    [
      ['--scenario', file('extra.yaml', 'name: x\ndescription: d\nprice:\n  grwth: 5%/yr\n  source: abc\n')],
      /extra\.yaml:\d+:\d+: price: Unrecognized key: "grwth"/,
    ],
    [
      [
        '--scenario',
        file('two.yaml', 'name: x\ndescription: d\nhashrate:\n  growth: 5%/yr\n  realized: true\n  source: abc\n'),
      ],
      /two\.yaml:4:3: hashrate: give at most one of growth, points, realized/,
    ],
    [
      ['--scenario', file('curve.yaml', 'name: x\ndescription: d\nprice:\n  curve: missing.csv\n  source: abc\n')],
      /--scenario: price\.curve: no forward-curve file at .*missing\.csv \(named in .*curve\.yaml\)/,
    ],
    [
      [
        '--scenario',
        file(
          'order.yaml',
          'name: x\ndescription: d\nhashrate:\n  points:\n' +
            '    - { date: 2026-12-31, ehs: 2000 }\n    - { date: 2026-06-30, ehs: 1500 }\n  source: abc\n',
        ),
      ],
      /order\.yaml:6:\d+: hashrate\.points\.1\.date: dates must increase: 2026-06-30 follows 2026-12-31/,
    ],
    [
      [
        '--scenario',
        file(
          'negative.yaml',
          'name: x\ndescription: d\nfees:\n  points:\n    - { date: 2026-06-30, perBlock: -5 }\n  source: abc\n',
        ),
      ],
      /negative\.yaml:5:\d+: fees\.points\.0\.perBlock: BTC per block must lie in \[0, 100\)/,
    ],
    [
      [
        '--scenario',
        file('realized.yaml', 'name: x\ndescription: d\nprice:\n  realized: true\n  source: abc\n'),
        '--price',
        '90000',
      ],
      /--to: a realized path needs history to the horizon|--price: .*replays the realized price/,
    ],
    [['--hashrate-growth', 'fast'], /--hashrate-growth: expected a growth rate like 25%\/yr/],
    [
      ['--hashrate-growth', '25'],
      /--hashrate-growth: expected a growth rate like 25%\/yr or 2%\/mo \(a plain number is a fraction per year/,
    ],
    [
      ['--hashrate-growth', '1000%/yr', '--to', '2055-12-31'],
      /--hashrate-growth: the hashrate path reaches .* EH\/s by the horizon, beyond the 1e\+9 EH\/s/,
    ],
    [['--fees', 'lots'], /--fees: expected BTC per block like 0\.02, or a share of rewards like 0\.6%/],
    [['--paths', '1.5'], /--paths: expected a whole number of paths/],
    [['--paths', '0'], /--paths: at least 1 path/],
    [['--seed', '-1'], /--seed: a seed from 0 to 4294967295/],
    [['--price', '-5'], /--price: must be a positive USD price/],
    [['--interval', 'month'], /Allowed choices are day, epoch, quarter/],
  ];
  for (const [flags, message] of cases) {
    const run = await rerate(['network', 'project', '--to', '2026-12-31', ...flags]);
    assert.equal(run.code, 2, `${flags.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message, flags.join(' '));
    assert.equal(run.stdout, '');
  }
  const reversed = await rerate(['network', 'project', '--as-of', '2025-06-30', '--to', '2025-06-01']);
  assert.match(reversed.stderr, /--to: 2025-06-01 must be after the as-of date 2025-06-30/);
  const daily = await rerate(['network', 'project', '--to', '2030-01-01', '--interval', 'day', '--paths', '20000']);
  assert.match(daily.stderr, /--paths: 20000 paths × \d+ values is too much to keep/);
});

test('a scenario file with points and a forward curve drives the paths', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-curve-'));
  writeFileSync(join(dir, 'curve.csv'), 'date,usd\n2026-06-30,100000\n2026-12-31,120000\n');
  writeFileSync(
    join(dir, 'case.yaml'),
    [
      'name: my-case',
      'description: curve and points',
      'hashrate:',
      '  points:',
      '    - { date: 2026-12-31, ehs: 1200 }',
      '  source: "assumption: test"',
      'fees:',
      '  perBlock: 0.05',
      '  source: "assumption: test"',
      'price:',
      '  curve: curve.csv',
      '  source: "assumption: test"',
      '',
    ].join('\n'),
  );
  const result = (
    await json(['network', 'project', '--to', '2026-12-31', '--interval', 'day', '--scenario', join(dir, 'case.yaml')])
  ).results;
  const last = result.rows.at(-1).metrics;
  assert.ok(Math.abs(last.hashrateEhs - 1200) < 1e-9);
  assert.ok(Math.abs(last.priceUsd - 120000) < 1e-9);
  assert.ok(Math.abs(last.feesBtc / last.blocks - 0.05) < 1e-12);
  const june30 = result.rows.find((r: { period: string }) => r.period === '2026-06-30').metrics;
  assert.ok(Math.abs(june30.priceUsd - 100000) < 1e-9);
});

test('network backtest: replayed difficulty within 1%, retarget forecasts improve with more blocks', async () => {
  const envelope = await json(['network', 'backtest']);
  const { replay, retargetForecasts, quarterly } = envelope.results;
  assert.ok(replay.rows.length >= 50);
  assert.ok(replay.errorPct.meanAbs < 0.5 && replay.errorPct.maxAbs < 1.5, JSON.stringify(replay.errorPct));
  const [n504, n1008, n1512] = retargetForecasts.byBlocksObserved;
  assert.ok(n504.errorPp.count > 200);
  assert.ok(n504.errorPp.meanAbs > n1008.errorPp.meanAbs && n1008.errorPp.meanAbs > n1512.errorPp.meanAbs);
  assert.equal(quarterly.rows.length, 8 * 3);
  const text = await rerate(['network', 'backtest']);
  assert.match(text.stdout, /\(a\) replayed difficulty/);
});
