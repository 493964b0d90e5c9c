// The company estimate engine (DESIGN.md §5) on the embedded history and projection: a hand computation of a
// synthetic company, invariants (zero in, zero out; never more than the company's share of the network's reward; no
// look-ahead; faster network growth, fewer BTC), property tests, and the `estimates` command end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { COMMANDS } from '../src/app/registry.ts';
import { loadNetworkState } from '../src/app/sessions/network-state.ts';
import { buildProjectionInputs } from '../src/inputs/projection-inputs.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { companyDays } from '../src/company/company-days.ts';
import type { CompanyModel } from '../src/company/company-model.ts';
import { joinNetworkDays } from '../src/company/network-days.ts';
import { periodEstimates } from '../src/company/period-estimates.ts';
import { projectDeterministic } from '../src/network/monte-carlo.ts';
import type { NetworkHistory } from '../src/network/network-history.ts';
import { computeDailyNetworkMetrics } from '../src/network/daily-metrics.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../src/units/calendar-day.ts';
import { periodContaining } from '../src/units/calendar-period.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' } });
const state = await loadNetworkState(ports);
const { history } = state.snapshot;
const baseScenario = await ports.scenarios.load('base');

async function rerate(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, COMMANDS, ports, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

async function estimatesJson(args: string[]) {
  const run = await rerate(['estimates', ...args, '--json']);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

function syntheticCompany(overrides: Partial<CompanyModel> = {}): CompanyModel {
  return {
    ticker: 'TEST',
    energizedHashrateEhs: [{ day: dayFromIso('2020-01-01'), value: 10 }],
    efficiencyJPerTh: [{ day: dayFromIso('2020-01-01'), value: 20 }],
    realization: 0.9,
    realizationSteps: [],
    jointVentures: [],
    curtailment: 0.05,
    poolFee: 0.02,
    powerPriceUsdPerMwh: 40,
    hostedShare: 0,
    hostingFeeUsdPerMwh: 0,
    siteOpexUsdPerMwh: 0,
    refreshCapexUsdPerQuarter: 0,
    powerCreditsUsdPerQuarter: 1_000_000,
    otherMiningCashCostsUsdPerQuarter: 2_000_000,
    cashSgaUsdPerQuarter: 3_000_000,
    hpcContracts: [],
    displacements: [],
    ...overrides,
  };
}

const quarter = (label: string) => {
  const [year, q] = label.split('Q').map(Number) as [number, number];
  return periodContaining(dayFromIso(`${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`), 'quarter');
};

/** The network over [first, last] with history to asOf and the base-scenario projection after it. */
async function networkOver(
  first: string,
  last: string,
  asOf: string,
  overrides = {},
  source: NetworkHistory = history,
) {
  const asOfDay = dayFromIso(asOf);
  const lastDay = dayFromIso(last);
  const metrics = source === history ? state.metrics : computeDailyNetworkMetrics(source.daily);
  const projection =
    lastDay > asOfDay
      ? projectDeterministic(
          buildProjectionInputs(source, metrics, asOfDay, lastDay - asOfDay, baseScenario, overrides).setup,
        )
      : undefined;
  return joinNetworkDays(source, metrics, asOfDay, projection, dayFromIso(first), lastDay);
}

test('a constant-hashrate company over 2025Q3 matches the hand computation of DESIGN.md §5 to 1e-9', async () => {
  const network = await networkOver('2025-07-01', '2025-09-30', '2026-02-04');
  const company = syntheticCompany();
  const [estimate] = periodEstimates(companyDays(company, network), [quarter('2025Q3')], []);
  // By hand, straight from the daily data: BTC/day = H × 1e18 × 86400 / (D × 2^32) × (issued + fees) / blocks ×
  // (1 − pool fee).
  const operatingEhs = 10 * 0.9 * (1 - 0.05);
  let btc = 0;
  let usd = 0;
  const first = dayFromIso('2025-07-01') - history.daily.firstDay;
  for (let i = first; i < first + 92; i++) {
    const perBlock =
      ((history.daily.issuanceBtc[i] as number) + (history.daily.feesBtc[i] as number)) /
      (history.daily.blocks[i] as number);
    const day =
      ((operatingEhs * 1e18 * 86400) / ((history.daily.difficulty[i] as number) * 2 ** 32)) * perBlock * (1 - 0.02);
    btc += day;
    usd += day * (history.daily.priceUsd[i] as number);
  }
  const close = (actual: number, expected: number, what: string) =>
    assert.ok(Math.abs(actual / expected - 1) < 1e-9, `${what}: ${actual} vs ${expected}`);
  assert.ok(estimate);
  close(estimate.btcMined, btc, 'BTC mined');
  close(estimate.miningRevenueUsd, usd, 'mining revenue');
  close(estimate.realizedPriceUsd, usd / btc, 'realized price');
  const mwh = operatingEhs * 20 * 24 * 92;
  close(estimate.powerMwh, mwh, 'MWh');
  close(estimate.netPowerCostUsd, mwh * 40 - 1_000_000, 'net power');
  close(estimate.adjustedEbitdaUsd, usd - (mwh * 40 - 1_000_000) - 2_000_000 - 3_000_000, 'adjusted EBITDA');
  close(estimate.cashCostPerBtcUsd, (mwh * 40 - 1_000_000 + 2_000_000) / btc, 'cash cost per BTC');
  close(estimate.hashcostUsdPerPhDay, (mwh * 40 - 1_000_000 + 2_000_000) / (operatingEhs * 1000 * 92), 'hashcost');
  close(estimate.avgOperatingEhs, operatingEhs, 'operating EH/s');
  assert.equal(estimate.historyDays, 92);
});

test('zero hashrate gives zero production, revenue and power', async () => {
  const network = await networkOver('2025-10-01', '2026-12-31', '2026-02-04');
  const company = syntheticCompany({
    energizedHashrateEhs: [{ day: dayFromIso('2020-01-01'), value: 0 }],
    powerCreditsUsdPerQuarter: 0,
    otherMiningCashCostsUsdPerQuarter: 0,
  });
  for (const estimate of periodEstimates(companyDays(company, network), [quarter('2025Q4'), quarter('2026Q4')], [])) {
    assert.equal(estimate.btcMined, 0);
    assert.equal(estimate.miningRevenueUsd, 0);
    assert.equal(estimate.powerMwh, 0);
    assert.ok(Number.isNaN(estimate.realizedPriceUsd));
  }
});

const btcMinedBoundTestName =
  'property: BTC mined never exceeds the network reward times the company’s share, and scales with hashrate';
test(btcMinedBoundTestName, async () => {
  // The cap from independent quantities: history's raw issuance + fees and the network hashrate from raw blocks and
  // difficulty (H = blocks × D × 2^32 / 86400); the projection's own daily reward and hashrate.
  const asOf = '2025-10-15';
  const network = await networkOver('2025-01-01', '2027-12-31', asOf);
  const asOfDay = dayFromIso(asOf);
  const path = projectDeterministic(
    buildProjectionInputs(history, state.metrics, asOfDay, dayFromIso('2027-12-31') - asOfDay, baseScenario, {}).setup,
  );
  const capOf = (i: number, operatingEhs: number): number => {
    const day = network.firstDay + i;
    if (day <= asOfDay) {
      const h = day - history.daily.firstDay;
      const { blocks, difficulty, issuanceBtc, feesBtc } = history.daily;
      const reward =
        (issuanceBtc[h] as number) + (Number.isNaN(feesBtc[h] as number) ? Infinity : (feesBtc[h] as number));
      const networkEhs = ((blocks[h] as number) * (difficulty[h] as number) * 2 ** 32) / 86_400 / 1e18;
      return (reward * operatingEhs) / networkEhs;
    }
    const p = day - asOfDay - 1;
    return (
      (((path.issuanceBtc[p] as number) + (path.feesBtc[p] as number)) * operatingEhs) / (path.hashrateEhs[p] as number)
    );
  };
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 200, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 0.05, noNaN: true }),
      (hashrate, realization, curtailment, poolFee) => {
        const company = syntheticCompany({
          energizedHashrateEhs: [{ day: dayFromIso('2020-01-01'), value: hashrate }],
          realization,
          curtailment,
          poolFee,
        });
        const days = companyDays(company, network);
        const doubled = companyDays(
          { ...company, energizedHashrateEhs: [{ day: dayFromIso('2020-01-01'), value: 2 * hashrate }] },
          network,
        );
        for (let i = 0; i < network.dayCount; i++) {
          const cap = capOf(i, days.operatingEhs[i] as number);
          const btc = days.btcMined[i] as number;
          assert.ok(btc >= 0 && btc <= cap * (1 + 1e-9) + 1e-15, `day ${i}: ${btc} > ${cap}`);
          assert.ok(Math.abs((doubled.btcMined[i] as number) - 2 * btc) <= 1e-9 * Math.max(1, btc));
        }
      },
    ),
    { numRuns: 40 },
  );
});

const noLookAheadTestName =
  'no look-ahead: history after the as-of date is never read, and moving the as-of date keeps past quarters';
test(noLookAheadTestName, async () => {
  const asOf = '2025-11-15';
  const asOfIndex = dayFromIso(asOf) - history.daily.firstDay;
  // A history whose days after the as-of date are garbage.
  const tampered: NetworkHistory = { ...history, daily: { ...history.daily } };
  for (const key of ['blocks', 'difficulty', 'priceUsd', 'feesBtc', 'issuanceBtc'] as const) {
    const copy = Float64Array.from(history.daily[key]);
    copy.fill(key === 'blocks' ? 300 : 1, asOfIndex + 1);
    tampered.daily[key] = copy;
  }
  const company = syntheticCompany();
  const periods = [quarter('2025Q3'), quarter('2025Q4'), quarter('2026Q1')];
  const clean = periodEstimates(companyDays(company, await networkOver('2025-07-01', '2026-03-31', asOf)), periods, []);
  const dirty = periodEstimates(
    companyDays(company, await networkOver('2025-07-01', '2026-03-31', asOf, {}, tampered)),
    periods,
    [],
  );
  assert.deepEqual(dirty, clean);
  // 2025Q3 lies wholly before both as-of dates: the same figures either way.
  const later = periodEstimates(
    companyDays(company, await networkOver('2025-07-01', '2026-03-31', '2026-02-04')),
    periods,
    [],
  );
  assert.deepEqual(later[0], clean[0]);
  assert.notDeepEqual(later[1], clean[1], '2025Q4 gains history when the as-of date moves past it');
});

test('property: any two as-of dates after a quarter give it the same history-based figures', async () => {
  const company = syntheticCompany();
  const periods = [quarter('2025Q2')];
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 219 }), fc.integer({ min: 0, max: 219 }), async (a, b) => {
      // From the quarter's last day to the last day of the data (2026-02-04).
      const asOf = (offset: number) => isoFromDay((dayFromIso('2025-06-30') + offset) as DayNumber);
      const first = periodEstimates(
        companyDays(company, await networkOver('2025-04-01', '2026-03-31', asOf(a))),
        periods,
        [],
      );
      const second = periodEstimates(
        companyDays(company, await networkOver('2025-04-01', '2026-03-31', asOf(b))),
        periods,
        [],
      );
      assert.deepEqual(first, second);
    }),
    { numRuns: 15 },
  );
});

test('faster network hashrate growth lowers future BTC mined', async () => {
  const company = syntheticCompany();
  const periods = [quarter('2026Q3'), quarter('2027Q4')];
  const slow = periodEstimates(
    companyDays(company, await networkOver('2026-07-01', '2027-12-31', '2026-02-04', { hashrateGrowthPerYear: 0.1 })),
    periods,
    [],
  );
  const fast = periodEstimates(
    companyDays(company, await networkOver('2026-07-01', '2027-12-31', '2026-02-04', { hashrateGrowthPerYear: 0.6 })),
    periods,
    [],
  );
  for (let p = 0; p < periods.length; p++)
    assert.ok((fast[p]?.btcMined as number) < (slow[p]?.btcMined as number) * 0.97, `period ${p}`);
});

const hpcDisplacementTestName =
  'HPC displacement: hashrate taken over by a lease stops mining at its date, converted at the fleet efficiency';
test(hpcDisplacementTestName, async () => {
  const network = await networkOver('2025-07-01', '2025-12-31', '2026-02-04');
  const displacement = { name: 'conversion', day: dayFromIso('2025-10-01') as DayNumber, mw: 25 };
  const days = companyDays(syntheticCompany({ displacements: [displacement] }), network);
  const before = dayFromIso('2025-09-30') - network.firstDay;
  assert.equal(days.energizedEhs[before], 10);
  assert.equal(days.energizedEhs[before + 1], 10 - (0.5 * 50) / 20);
  assert.equal(days.displacedEhs[before + 1], 1.25);
});

const estimatesAllQ4TestName =
  'estimates all --as-of 2026-02-04 --quarters 2025Q4: BTC mined, realized price and mining revenue for the five';
test(estimatesAllQ4TestName, async () => {
  const run = await rerate(['estimates', 'all', '--as-of', '2026-02-04', '--quarters', '2025Q4']);
  assert.equal(run.code, 0, run.stderr);
  for (const ticker of ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT'])
    assert.match(run.stdout, new RegExp(`^${ticker} +2025Q4`, 'm'));
  assert.match(run.stdout, /BTC mined +Realized \$\/BTC +Mining rev\./);
  const envelope = await estimatesJson(['all', '--as-of', '2026-02-04', '--quarters', '2025Q4']);
  const byTicker = Object.fromEntries(envelope.results.companies.map((c: { ticker: string }) => [c.ticker, c]));
  // Riot reported Oct 437, Nov 428 and Dec 460 BTC (companies.md): the quarter is all actuals.
  const riot = byTicker.RIOT.periods[0];
  assert.deepEqual(riot.actualMonths, ['2025-10', '2025-11', '2025-12']);
  assert.ok(Math.abs(riot.btcMined - 1325) < 1e-9);
  for (const company of envelope.results.companies) {
    const [period] = company.periods;
    assert.ok(
      period.btcMined > 0 && period.realizedPriceUsd > 80_000 && period.realizedPriceUsd < 120_000,
      company.ticker,
    );
    assert.ok(
      Math.abs(period.miningRevenueUsd - period.btcMined * period.realizedPriceUsd) < 1e-6 * period.miningRevenueUsd,
    );
    assert.ok(
      company.inputs.length > 5 && company.inputs.every((input: { kind: string }) => input.kind !== 'unlabelled'),
      company.ticker,
    );
  }
});

test('estimates: reported months replace modeled ones only once public, and --model-only ignores them', async () => {
  const withActuals = await estimatesJson(['RIOT', '--as-of', '2026-01-05', '--quarters', '2025Q4']);
  // The December update is assumed public 7 days after the month: not yet on 2026-01-05.
  assert.deepEqual(withActuals.results.companies[0].periods[0].actualMonths, ['2025-10', '2025-11']);
  const modelOnly = await estimatesJson(['RIOT', '--as-of', '2026-02-04', '--quarters', '2025Q4', '--model-only']);
  assert.deepEqual(modelOnly.results.companies[0].periods[0].actualMonths, []);
  assert.notEqual(modelOnly.results.companies[0].periods[0].btcMined, 1325);
});

test('estimates: fiscal quarters, years, CSV', async () => {
  const fiscal = await estimatesJson(['CLSK', '--fiscal', '--quarters', 'FY26Q1:FY26Q2']);
  assert.deepEqual(
    fiscal.results.companies[0].periods.map(
      (p: { period: string; start: string; end: string }) => `${p.period} ${p.start} ${p.end}`,
    ),
    ['FY26Q1 2025-10-01 2025-12-31', 'FY26Q2 2026-01-01 2026-03-31'],
  );
  const years = await estimatesJson(['MARA', '--years', '2026:2027']);
  assert.deepEqual(
    years.results.companies[0].periods.map((p: { period: string }) => p.period),
    ['2026', '2027'],
  );
  const csv = await rerate(['estimates', 'CIFR', '--quarters', '2025Q4:2026Q1', '--csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0] as string, /^ticker,period,start,end,actualMonths,days,/);
});

test('estimates: bad input names the flag, exits 2 and prints nothing', async () => {
  for (const [args, message] of [
    [['estimates', 'XYZ'], /ticker.*no company file for "XYZ"/],
    [
      ['estimates', 'CLSK', '--fiscal', '--quarters', '2025Q4'],
      /--quarters: "2025Q4" is not a fiscal quarter like FY26Q1/,
    ],
    [['estimates', 'CLSK', '--quarters', '2026Q2:2025Q4'], /--quarters: 2025Q4 comes before 2026Q2/],
    [['estimates', 'CLSK', '--quarters', '2025Q1', '--years', '2025'], /--years: give --quarters or --years, not both/],
    [['estimates', 'CLSK', '--as-of', '2030-01-01'], /--as-of: 2030-01-01 is outside the data/],
  ] as const) {
    const run = await rerate([...args]);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, message);
  }
});
