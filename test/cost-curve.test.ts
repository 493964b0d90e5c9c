// `rerate cost-curve` (issue 21): the sector cost curve from the quarterly estimates, the same over the CLI and the
// API; each quarter sorted by cash cost per BTC with the cumulative hashrate share ending at 100%; a company quarter
// checked by hand against `rerate estimates`; a reported figure in place of the model's, labelled.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import type { CostCurveResult } from '../src/schema/cost-curve.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { rerate, rerateJson } from './support/cli-runner.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });
after(() => ports.runs.close());

describe('cost-curve as of 2026-02-04', async () => {
  const envelope = await rerateJson(ports, ['cost-curve', '--as-of', '2026-02-04', '--quarters', '2']);
  const results = envelope.results as CostCurveResult;

  test('the last reported quarter is 2025Q3 (2025Q4’s 10-K is not due), then two model quarters', () => {
    assert.equal(results.lastReportedQuarter, '2025Q3');
    assert.deepEqual(
      results.quarters.map((q) => [q.period, q.kind]),
      [
        ['2025Q3', 'last-reported'],
        ['2025Q4', 'model'],
        ['2026Q1', 'model'],
      ],
    );
  });

  test('every quarter: sorted by cash cost per BTC, ranks 1…n, cumulative share ends at exactly 100%', () => {
    for (const quarter of results.quarters) {
      const { companies } = quarter;
      assert.equal(companies.length + quarter.apart.length, 5, quarter.period);
      assert.deepEqual(
        companies.map((c) => c.rank),
        companies.map((_, i) => i + 1),
      );
      companies.slice(1).forEach((c, i) => {
        assert.ok((c.cashCostPerBtc.usd as number) >= (companies[i]?.cashCostPerBtc.usd as number), quarter.period);
        assert.equal(c.cumulativeShareBefore, companies[i]?.cumulativeShare);
      });
      assert.equal(companies.at(-1)?.cumulativeShare, 1, quarter.period);
      const ehs = companies.reduce((sum, c) => sum + c.avgOperatingEhs, 0);
      assert.ok(Math.abs(ehs - quarter.totalOperatingEhs) < 1e-9);
      for (const c of companies) assert.ok(Math.abs(c.share - c.avgOperatingEhs / quarter.totalOperatingEhs) < 1e-12);
      assert.ok(quarter.btcPriceUsd > 10_000 && quarter.hashpriceUsdPerPhDay > 10, quarter.period);
    }
  });

  test('a company quarter by hand: cash costs ÷ BTC mined of the estimates, with and without SG&A', async () => {
    const estimates = await rerateJson(ports, ['estimates', 'CIFR', '--as-of', '2026-02-04', '--quarters', '2025Q4']);
    const period = estimates.results.companies[0].periods[0];
    const cifr = results.quarters[1]?.companies.find((c) => c.ticker === 'CIFR');
    assert.ok(cifr);
    const cash = period.netPowerCostUsd + period.otherMiningCashCostsUsd;
    assert.equal(cifr.btcMined, period.btcMined);
    assert.equal(cifr.cashCostPerBtc.usd, cash / period.btcMined);
    assert.equal(cifr.cashCostPerBtc.basis, 'modeled');
    assert.ok(Math.abs((cifr.cashCostPerBtc.usd as number) - period.cashCostPerBtcUsd) < 1e-6);
    assert.equal(cifr.cashCostWithSgaPerBtc.usd, (cash + period.cashSgaUsd) / period.btcMined);
    assert.equal(cifr.cashCostPerPhDay.usd, cash / (period.avgOperatingEhs * 1000 * period.days));
    assert.equal(cifr.marginPerBtcUsd, period.realizedPriceUsd - cash / period.btcMined);
  });

  test('a figure the company file reports for the quarter takes the model’s place, labelled and cited', () => {
    const q3 = results.quarters[0];
    const riot = q3?.companies.find((c) => c.ticker === 'RIOT');
    assert.deepEqual(riot?.cashCostPerBtc, { usd: 46_324, basis: 'reported' });
    assert.equal(riot?.cashCostWithSgaPerBtc.basis, 'modeled');
    assert.match(riot?.sources[0] ?? '', /^cash-cost-per-btc: https:\/\/coinalertnews\.com/);
    const mara = q3?.companies.find((c) => c.ticker === 'MARA');
    assert.deepEqual(mara?.cashCostPerPhDay, { usd: 31.3, basis: 'reported' });
    // A model quarter never takes a reported figure.
    for (const c of results.quarters[1]?.companies ?? []) assert.deepEqual(c.sources, []);
  });

  test('the API serves the same envelope results; the CSV has a row per company and quarter', async () => {
    const app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/cost-curve?asOf=2026-02-04&quarters=2' });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(JSON.parse(response.body).results, results);
    } finally {
      await app.close();
    }
    const csv = await rerate(ports, ['cost-curve', '--as-of', '2026-02-04', '--quarters', '2', '--csv']);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\n');
    assert.match(lines[0] ?? '', /^period,kind,rank,ticker,percentile/);
    assert.equal(lines.length, 1 + results.quarters.reduce((n, q) => n + q.companies.length, 0));
  });

  test('before the files’ hashrate histories: every company set apart with the reason, no curve', async () => {
    const early = (await rerateJson(ports, ['cost-curve', '--as-of', '2024-05-01', '--quarters', '0']))
      .results as CostCurveResult;
    assert.equal(early.lastReportedQuarter, '2023Q4');
    const [quarter] = early.quarters;
    assert.deepEqual(quarter?.companies, []);
    assert.equal(quarter?.weightedCashCostPerBtcUsd, null);
    assert.deepEqual(
      quarter?.apart.map((a) => a.ticker),
      ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT'],
    );
    for (const a of quarter?.apart ?? []) assert.match(a.reason, /hashrate history starts after the quarter begins/);
  });

  test('bad input exits 2 naming the flag', async () => {
    const run = await rerate(ports, ['cost-curve', '--quarters', '13']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--quarters: at most 12 quarters/);
  });
});
