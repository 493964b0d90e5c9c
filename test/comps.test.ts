// `rerate comps` end to end on the embedded data (issue 21): the CLI's JSON, CSV and table and the API give the same
// figures; one company's row checked by hand from its file; EV bridges to the market cap; the implied HPC share.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { loadCompany } from '../src/data/coverage-files.ts';
import { valueOf } from '../src/schema/company.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { mwByStage } from '../src/app/sessions/comps-session.ts';
import { enterpriseValue } from '../src/valuation/enterprise-value.ts';
import fc from 'fast-check';
import type { CompsResult, CompsRow } from '../src/schema/comps.ts';
import { rerate, rerateJson } from './support/cli-runner.ts';

const ports = defaultPorts({
  env: { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05' },
  monteCarlo: inProcessMonteCarlo,
});
after(() => ports.runs.close());

type CompsEnvelope = { results: CompsResult; warnings: { code: string }[] };
let cached: Promise<CompsEnvelope> | undefined;
const comps = (): Promise<CompsEnvelope> => (cached ??= rerateJson(ports, ['comps']) as Promise<CompsEnvelope>);
const row = async (ticker: string): Promise<CompsRow> => {
  const found = (await comps()).results.companies.find((c) => c.ticker === ticker);
  assert.ok(found, `no ${ticker} row`);
  return found;
};

test('comps covers every company of the coverage, dated, with EV bridging to the market cap to the cent', async () => {
  const { results } = await comps();
  assert.deepEqual(
    results.companies.map((c) => c.ticker),
    ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT'],
  );
  for (const c of results.companies) {
    const parts = c.enterpriseValueParts.reduce((sum, p) => sum + p.usd, 0);
    assert.ok(Math.abs(c.enterpriseValueUsd - parts - c.marketCapUsd) < 0.005, c.ticker);
    assert.equal(c.marketCapUsd, c.sharePriceUsd * c.basicShares);
    assert.ok(c.dilutedMarketCapUsd >= c.marketCapUsd, c.ticker);
    for (const p of c.enterpriseValueParts) assert.ok(p.source.length > 3, `${c.ticker} ${p.name} has a source`);
    assert.match(c.balanceSheetAsOf, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(c.btcPriceDate, '2026-02-04');
    assert.equal(c.realizedPeriod, '2025Q4');
    assert.deepEqual(c.nextFourQuarters, ['2026Q1', '2026Q2', '2026Q3', '2026Q4']);
    assert.equal(c.blockRewardHorizonYears, 4);
  }
});

test('for every covered company and any perturbation of its inputs, EV minus its parts is the market cap', async () => {
  const rows = (await comps()).results.companies;
  const factor = fc.double({ min: 0.2, max: 5, noNaN: true });
  fc.assert(
    fc.property(
      fc.constantFrom(...rows),
      fc.record({ price: factor, shares: factor, debt: factor, cash: factor, btc: factor }),
      (row, bump) => {
        const of = (kind: string) => row.enterpriseValueParts.filter((p) => p.kind === kind);
        const btcUsd = -of('btc').reduce((sum, p) => sum + p.usd, 0);
        const ev = enterpriseValue({
          sharePriceUsd: { value: row.sharePriceUsd * bump.price, source: 'row' },
          basicShares: { value: row.basicShares * bump.shares, source: 'row' },
          straightDebt: of('straight-debt').map((p) => ({ name: p.name, principalUsd: p.usd * bump.debt, source: '' })),
          convertibles: of('convertible').map((p) => ({ name: p.name, principalUsd: p.usd * bump.debt })),
          convertiblesSource: 'row',
          otherClaimsUsd: { value: of('other-claims').reduce((sum, p) => sum + p.usd, 0), source: 'row' },
          cashUsd: { value: -of('cash').reduce((sum, p) => sum + p.usd, 0) * bump.cash, source: 'row' },
          btcHeld: { value: btcUsd / row.btcPriceUsd, source: 'row' },
          btcPriceUsd: { value: row.btcPriceUsd * bump.btc, source: 'row' },
        });
        const parts = ev.parts.reduce((sum, p) => sum + p.usd, 0);
        assert.ok(Math.abs(ev.enterpriseValueUsd - parts - ev.marketCapUsd) < 0.005, row.ticker);
        // Unperturbed, the parts the row states rebuild its EV: none is missing from the JSON.
        if (Object.values(bump).every((f) => f === 1))
          assert.ok(Math.abs(ev.enterpriseValueUsd - row.enterpriseValueUsd) < 0.01, row.ticker);
      },
    ),
    { numRuns: 300, examples: rows.map((row) => [row, { price: 1, shares: 1, debt: 1, cash: 1, btc: 1 }]) },
  );
});

test('the implied HPC share is within [0, 1], or none with the reason when no site has room', async () => {
  for (const c of (await comps()).results.companies) {
    const { share, status, roomMw, impliedMw, explanation } = c.impliedHpc;
    assert.ok(explanation.length > 20, c.ticker);
    if (status === 'no-room') {
      assert.equal(share, null);
      assert.equal(roomMw, 0);
      continue;
    }
    assert.ok(share !== null && share >= 0 && share <= 1, `${c.ticker} share ${share}`);
    if (status === 'solved') assert.ok(Math.abs((impliedMw as number) / roomMw - share) < 1e-12);
    if (status === 'price-at-or-below-no-new-hpc') assert.equal(share, 0);
    if (status === 'needs-more-than-the-room') assert.equal(share, 1);
  }
  // MARA at $7.99 pays for part of its room (the solve crosses inside it); RIOT's approved MW sit at an operating
  // site (Corsicana), where the solver places no signed MW.
  assert.equal((await row('MARA')).impliedHpc.status, 'solved');
  assert.equal((await row('RIOT')).impliedHpc.status, 'no-room');
});

test('RIOT by hand from data/coverage/RIOT.yaml: market cap, EV, EV/EH installed and EV/MW by stage', async () => {
  const riot = await row('RIOT');
  const { company } = loadCompany('RIOT');
  // The file's figures, as written there.
  const price = 13.78;
  const basic = 371_807_186;
  const cash = 330_700_000;
  const btcHeld = 16_925;
  const creditLine = 200_000_000;
  assert.equal(valueOf(company.market.sharePriceUsd), price);
  assert.equal(valueOf(company.shares.basic), basic);
  assert.equal(valueOf(company.balanceSheet.cashUsd), cash);
  assert.equal(valueOf(company.balanceSheet.btcHeld), btcHeld);
  assert.equal(company.balanceSheet.debt[0]?.principalUsd, creditLine);
  // The BTC close of 2026-02-04 in the embedded data.
  const line = readFileSync(new URL('../data/network-daily.csv', import.meta.url), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('2026-02-04,'));
  const btcClose = Number(line?.split(',')[2]);
  assert.ok(Math.abs(btcClose - 73_095.19) < 0.01);
  const marketCap = price * basic; // $5,123.5M
  const ev = marketCap + creditLine - cash - btcHeld * btcClose; // ≈ $3,755.7M
  assert.ok(Math.abs(riot.marketCapUsd - marketCap) < 0.01);
  assert.ok(Math.abs(riot.enterpriseValueUsd - ev) < 0.01);
  // Installed: 36.5 EH/s (2025-09-30) less the AMD lease's 36 MW × 0.98 delivery probability at 20.5 J/TH, displaced
  // from 2026-01-16.
  const installed = 36.5 - (36 * 0.98) / 20.5;
  assert.ok(Math.abs(riot.installedEhs - installed) < 1e-9);
  assert.ok(Math.abs((riot.evPerInstalledEhsUsd as number) - ev / installed) < 1);
  // MW: Rockdale 700 operating + Corsicana's 400 energized (2025-10-30); Corsicana's other 600 approved.
  assert.deepEqual(riot.mw, { operating: 1_100, underConstruction: 0, approved: 600 });
  assert.ok(Math.abs((riot.evPerMwUsd.operating as number) - ev / 1_100) < 1e-3);
  assert.ok(Math.abs((riot.evPerMwUsd.approved as number) - ev / 600) < 1e-3);
  assert.equal(riot.evPerMwUsd.underConstruction, null);
  // Realized from production: Q4-25's three reported months.
  assert.deepEqual(riot.realizedActualMonths, ['2025-10', '2025-11', '2025-12']);
});

test('MW by stage: a site being built out splits at its energized MW; ownership weights; others left out', () => {
  assert.deepEqual(
    mwByStage([
      {
        stage: 'operating',
        grossMw: 1_000,
        ownership: 0.5,
        buildOut: { unenergizedStage: 'approved', energizedMw: 400 },
      },
      { stage: 'under-construction', grossMw: 300, ownership: 1 },
      { stage: 'in-queue', grossMw: 900, ownership: 1 },
    ]),
    { operating: 200, underConstruction: 300, approved: 300 },
  );
});

test('comps --csv and the table give the JSON figures', async () => {
  const { results } = await comps();
  const csv = await rerate(ports, ['comps', '--csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const [header, ...lines] = csv.stdout.trim().split('\n');
  const columns = (header as string).split(',');
  assert.equal(lines.length, results.companies.length);
  const evAt = columns.indexOf('enterpriseValueUsd');
  const tickerAt = columns.indexOf('ticker');
  assert.ok(evAt > 0);
  for (const [i, c] of results.companies.entries()) {
    // Every row is as wide as the header; unquoted numbers only in the columns read here.
    const cells = (lines[i] as string).split(',');
    assert.equal(cells[tickerAt], c.ticker);
    assert.equal(Number(cells[evAt]), c.enterpriseValueUsd);
  }
  const text = await rerate(ports, ['comps']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Comps: enterprise value and hashrate/);
  assert.match(text.stdout, /Comps: power, earnings and the implied HPC share/);
  assert.match(text.stdout, /^Median /m);
  // The columns come in two blocks, each row at most 170 characters (notes and warnings are prose and wrap).
  const tableLines = text.stdout
    .split('\n')
    .filter((l) => /^(Ticker|CIFR|CLSK|IREN|MARA|RIOT|Q1|Median|Q3|---)/.test(l));
  assert.equal(tableLines.filter((l) => l.startsWith('Ticker')).length, 2);
  const widest = Math.max(...tableLines.map((l) => l.length));
  assert.ok(widest <= 170, `widest row ${widest}`);
});

test('the API serves the same comps as the CLI', async () => {
  const app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports });
  try {
    const response = await app.inject({ method: 'GET', url: '/api/v1/comps' });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json().results, (await comps()).results);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/comps?asOf=2026-13-01' });
    assert.equal(bad.statusCode, 400, bad.body);
  } finally {
    await app.close();
  }
});

test('comps refuses a bad as-of date with exit 2 naming the flag', async () => {
  const run = await rerate(ports, ['comps', '--as-of', '2026-02-30']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /as-of/);
});
