// The valuation commands end to end on the embedded data: update, value, sensitivity, tornado, implied, policy,
// against the acceptance points of issue #5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { executeCommand } from '../src/app/execute-command.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { updateCommand } from '../src/app/commands/update.ts';
import { valueCommand } from '../src/app/commands/value.ts';
import { impliedCommand } from '../src/app/commands/implied.ts';
import { policyCommand } from '../src/app/commands/policy.ts';
import { sensitivityCommand, tornadoCommand } from '../src/app/commands/sensitivity.ts';
import { openValuationSession } from '../src/app/sessions/open-valuation-session.ts';
import { loadCompany } from '../src/data/coverage-files.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import type {
  ImpliedResult,
  PolicyResult,
  SensitivityResult,
  TornadoResult,
  UpdateResult,
  ValueResult,
} from '../src/schema/valuation.ts';
import { InputError } from '../src/schema/input-error.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });
const run = async <T>(command: Parameters<typeof executeCommand>[0], input: unknown) =>
  (await executeCommand(command, input, ports)) as { results: T; warnings: { code: string; message: string }[] };

test('update rates and targets all five companies; the parts add up to the equity value', async () => {
  for (const methodology of ['rerate', 'jpm-2025-11']) {
    const { results } = await run<UpdateResult>(updateCommand, { methodology });
    assert.deepEqual(
      results.companies.map((c) => c.ticker),
      ['CIFR', 'CLSK', 'IREN', 'MARA', 'RIOT'],
    );
    assert.equal(results.asOf, '2026-02-04');
    assert.equal(results.targetDate, '2026-12-31');
    for (const c of results.companies) {
      assert.ok(['Overweight', 'Neutral', 'Underweight'].includes(c.rating));
      assert.ok(c.targetUsd >= 0);
      const p = c.parts;
      const sum =
        p.miningUsd -
        p.corporateCostsUsd +
        p.powerAndLandUsd +
        p.hpcLeasesUsd +
        p.hpcPipelineUsd +
        p.rollForwardUsd +
        p.btcTreasuryUsd +
        p.cashUsd -
        p.straightDebtUsd -
        p.otherClaimsUsd -
        p.convertibleDebtUsd;
      assert.ok(
        Math.abs(sum - p.equityValueUsd) <= 1e-6 * Math.abs(p.equityValueUsd),
        `${c.ticker}: parts ${sum} vs equity ${p.equityValueUsd}`,
      );
      assert.ok(Math.abs(c.targetUsd * p.dilutedShares - p.equityValueUsd) <= 1e-6 * Math.abs(p.equityValueUsd));
      assert.ok(Math.abs(c.upside - (c.targetUsd / c.sharePriceUsd - 1)) < 1e-12);
      assert.equal(c.quarter.period, '2026Q1');
      assert.ok((c.quarter.btcMined ?? 0) > 0);
    }
  }
});

test('value gives a bridge whose lines sum to the equity value, with a source for every input', async () => {
  const { results } = await run<ValueResult>(valueCommand, { target: 'riot' });
  const lines = results.bridge.filter((b) => b.part !== 'Equity value');
  const equity = results.bridge.find((b) => b.part === 'Equity value')?.valueUsd as number;
  assert.ok(Math.abs(lines.reduce((s, b) => s + b.valueUsd, 0) - equity) < 1e-6 * equity);
  for (const explain of [
    ...results.bridge.map((b) => b.explain),
    ...results.leases.map((l) => l.explain),
    ...results.pipeline.map((p) => p.explain),
  ]) {
    for (const input of explain.inputs) assert.ok(input.source.length > 3, `${input.name} has no source`);
  }
});

test('implied recovers a BTC price from the target it produces', async () => {
  const at = 95_000;
  const { results: value } = await run<ValueResult>(valueCommand, { target: 'RIOT', price: at });
  const { results } = await run<ImpliedResult>(impliedCommand, {
    target: 'RIOT',
    solve: 'btc-price',
    sharePrice: value.company.targetUsd,
  });
  assert.equal(results.solved, true);
  assert.ok(Math.abs((results.impliedValue as number) - at) < 1, `implied ${results.impliedValue}`);
});

test('implied signed MW respects the sites: IREN at $44.94 needs more than Sweetwater 2 can take', async () => {
  const { results } = await run<ImpliedResult>(impliedCommand, {
    target: 'IREN',
    solve: 'signed-mw',
    sharePrice: 44.94,
  });
  // Sweetwater 2 (approved): 600 gross MW ÷ 1.45 gross per IT MW = 414 IT MW, less the pipeline's expected claim there.
  const feasibility = results.feasibility!;
  assert.ok(feasibility.maxValue > 300 && feasibility.maxValue < 600 / 1.45 + 1e-9, `${feasibility.maxValue}`);
  assert.match(feasibility.describe, /Sweetwater 2/);
  assert.equal(feasibility.feasible, false);
  assert.equal(results.solved, false);
  assert.ok((feasibility.unconstrainedValue as number) > feasibility.maxValue);
  assert.ok((feasibility.targetAtMaxUsd as number) < 44.94);
  assert.match(results.explanation, /physically infeasible/);
  // A price between the base target and the target at the maximum is feasible: the solve lands inside the room.
  const between = ((feasibility.targetAtMaxUsd as number) + results.baseTargetUsd) / 2;
  const { results: inside } = await run<ImpliedResult>(impliedCommand, {
    target: 'IREN',
    solve: 'signed-mw',
    sharePrice: between,
  });
  assert.equal(inside.solved, true);
  assert.equal(inside.feasibility?.feasible, true);
  assert.ok((inside.impliedValue as number) < feasibility.maxValue);
  assert.ok(Math.abs((inside.targetAtImpliedUsd as number) - between) < 0.01);
});

test('implied explains when no value of the input reaches the price', async () => {
  const { results } = await run<ImpliedResult>(impliedCommand, {
    target: 'IREN',
    solve: 'hodl-premium',
    sharePrice: 500,
  });
  assert.equal(results.solved, false);
  assert.match(results.explanation, /No hodl-premium/);
  assert.ok((results.bracket.targetAtHighUsd as number) < 500);
});

test('the target never falls as the BTC price rises, for a company without HPC', async () => {
  const mara = loadCompany('MARA');
  const miner = { ...mara, company: { ...mara.company, hpc: { leases: [], pipeline: [] } } };
  const opened = await openValuationSession({ scenario: 'base', methodology: 'rerate' }, ports);
  let previous = -Infinity;
  for (let price = 20_000; price <= 300_000; price += 20_000) {
    const target = (await opened.session.value(miner, { overrides: { priceUsd: price } })).valuation.targetUsd;
    assert.ok(target >= previous - 1e-9, `target fell from ${previous} to ${target} at ${price}`);
    previous = target;
  }
});

test('a central difference of the target in the HODL premium equals holdings × price ÷ diluted shares', async () => {
  const opened = await openValuationSession({ scenario: 'base', methodology: 'rerate' }, ports);
  const riot = await ports.coverage.load('RIOT');
  const at = async (premium: number) =>
    (await opened.session.value(riot, { adjustments: { hodlPremium: premium } })).valuation;
  const h = 0.01;
  const numeric = ((await at(0.1 + h)).targetUsd - (await at(0.1 - h)).targetUsd) / (2 * h);
  const base = await at(0.1);
  const analytic =
    (base.treasury.btcCounted * (base.treasury.explain.inputs.find((i) => i.name === 'BTC price')?.value as number)) /
    base.perShare.dilutedShares;
  assert.ok(Math.abs(numeric - analytic) < 1e-6 * analytic, `${numeric} vs ${analytic}`);
});

test('sensitivity grids follow the axes; tornado bars are sorted and record their bumps', async () => {
  const { results } = await run<SensitivityResult>(sensitivityCommand, {
    target: 'CIFR',
    x: 'btc-price=60000:90000:15000',
    y: 'power-price=20:40:10',
    metric: 'mining-value',
  });
  assert.equal(results.grid.length, 3);
  assert.equal(results.grid[0]?.length, 3);
  const grid = results.grid as number[][];
  assert.ok((grid[0]?.[2] as number) >= (grid[0]?.[0] as number), 'mining value rises with the BTC price');
  assert.ok((grid[2]?.[1] as number) <= (grid[0]?.[1] as number), 'and falls with the power price');
  const { results: tornado } = await run<TornadoResult>(tornadoCommand, { target: 'RIOT' });
  for (let i = 1; i < tornado.bars.length; i++)
    assert.ok((tornado.bars[i - 1]?.swingUsd as number) >= (tornado.bars[i]?.swingUsd as number));
  assert.ok(tornado.bars.every((b) => b.bumpRule.length > 0 && b.low <= b.base && b.high >= b.base));
});

test('the ERCOT rule never raises a target, touches only Texas sites, and is a scenario too', async () => {
  const { results } = await run<PolicyResult>(policyCommand, { rule: 'ercot', window: '1y', probability: 0.5 });
  for (const c of results.companies) assert.ok(c.impactUsd <= 1e-9, `${c.ticker} impact ${c.impactUsd}`);
  for (const s of results.sites) assert.ok(Math.abs(s.forfeitedMw - 0.5 * s.atRiskMw) < 1e-9);
  assert.ok(results.sites.every((s) => s.ticker !== 'MARA' || s.site === 'MPLX West Texas campuses'));
  const strict = await run<UpdateResult>(updateCommand, { scenario: 'base,ercot-use-it-or-lose-it' });
  const plain = await run<UpdateResult>(updateCommand, {});
  strict.results.companies.forEach((c, i) =>
    assert.ok(c.targetUsd <= (plain.results.companies[i]?.targetUsd as number) + 1e-9),
  );
  assert.ok(
    strict.results.companies.some((c, i) => c.targetUsd < (plain.results.companies[i]?.targetUsd as number) - 0.01),
  );
});

test('bad valuation input is refused with the field named', async () => {
  await assert.rejects(
    run(sensitivityCommand, { target: 'RIOT', x: 'btc=1:2:1', y: 'fees=0:1:1' }),
    (e: unknown) => e instanceof InputError && /unknown input "btc"/.test(e.message),
  );
  await assert.rejects(
    run(valueCommand, { target: 'RIOT', methodology: 'nope' }),
    (e: unknown) => e instanceof InputError && /no built-in methodology/.test(e.message),
  );
  await assert.rejects(
    run(valueCommand, { target: 'RIOT', targetDate: '2025-01-01' }),
    (e: unknown) => e instanceof InputError && /must follow the as-of date/.test(e.message),
  );
  await assert.rejects(
    run(impliedCommand, { target: 'CLSK', solve: 'cap-rate' }),
    (e: unknown) => e instanceof InputError && /no base value/.test(e.message),
  );
});
