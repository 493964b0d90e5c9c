// Completeness in `rerate coverage list` (issue 21): the sourced share of a company file's figures, counted on a tiny
// hand-made file and on the shipped ones, the same in the CLI and the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { completenessOf, figureProvenance } from '../src/schema/company-provenance.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { rerate, rerateJson } from './support/cli-runner.ts';

test('a hand-made file: own and inherited citations are sourced, assumptions and bare numbers are not', () => {
  const raw = {
    ticker: 'TINY',
    sites: [
      { name: 'A', grossMw: 100, criticalItMw: { value: 70, assumption: 'gross ÷ 1.43, not disclosed' }, source: 'x' },
      { name: 'B', grossMw: 50, energization: [{ date: '2026-01-01', mw: 50 }] },
    ],
    fleet: { realization: { value: 0.9, source: 'release' }, poolFee: 0.01 },
    hpc: { leases: [{ tenant: 'T', rampMonths: 6, criticalItMw: 20, source: 'deal' }] },
    market: { sharePriceUsd: { value: 10, source: 'close', previously: { value: 9, source: 'older close' } } },
  };
  // Figures: sites[0].grossMw (sourced, the site's), sites[0].criticalItMw (assumption), sites[1].grossMw and
  // sites[1].energization[0].mw (neither), fleet.realization (sourced), fleet.poolFee (neither),
  // hpc.leases[0].criticalItMw (sourced, the lease's; rampMonths is not a figure), market.sharePriceUsd (sourced,
  // its previous value not counted again).
  const counts = completenessOf(figureProvenance(raw));
  assert.deepEqual(counts, { figures: 8, sourced: 4, assumed: 1, unlabelled: 3, sourcedPct: 50 });
  assert.deepEqual(completenessOf([]), { figures: 0, sourced: 0, assumed: 0, unlabelled: 0, sourcedPct: 0 });
});

test('the shipped files: counts add up, completeness in (0, 100); the CLI table, JSON and API agree', async () => {
  const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });
  try {
    const cli = await rerateJson(ports, ['coverage', 'list']);
    assert.ok(cli.results.companies.length >= 5);
    for (const c of cli.results.companies) {
      assert.equal(c.sourced + c.assumed + c.unlabelled, c.figures, c.ticker);
      assert.ok(c.figures > 0 && c.sourcedPct > 0 && c.sourcedPct < 100, `${c.ticker}: ${c.sourcedPct}`);
      assert.equal(c.sourcedPct, (c.sourced / c.figures) * 100, c.ticker);
    }
    assert.match(cli.results.definitions.completeness, /rampMonths and year/);

    const text = await rerate(ports, ['coverage', 'list']);
    assert.equal(text.code, 0, text.stderr);
    const cifr = cli.results.companies.find((c: { ticker: string }) => c.ticker === 'CIFR');
    assert.match(text.stdout, new RegExp(`CIFR .*${cifr.sourcedPct.toFixed(1)}% .*${cifr.sourced} of ${cifr.figures}`));
    assert.match(text.stdout, /Completeness: figures = the leaf numbers/);

    const app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/coverage/list' });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(JSON.parse(response.body).results, cli.results);
    } finally {
      await app.close();
    }
  } finally {
    await ports.runs.close();
  }
});
