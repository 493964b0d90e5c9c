// valueCompany (DESIGN.md §6): the parts are their engines on the inputs and add up to the equity and the target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DayNumber } from '../units/calendar-day.ts';
import { solvePerShare } from './capital-structure.ts';
import { leaseValue } from './hpc-lease-value.ts';
import { miningValue } from './mining-value.ts';
import { rating } from './rating.ts';
import { valueCompany, type CompanyValuationInputs } from './sum-of-parts.ts';
import { closeWith, contract, day, s, steadyDays, V, valuationParameters } from './valuation-test-fixtures.ts';

const close = closeWith(assert.ok);

function companyInputs(): CompanyValuationInputs {
  const n = 20;
  const days = steadyDays({ powerCostUsd: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 60_000 : 20_000)) });
  const startIndex = V + 1 - days.firstDay; // 5
  return {
    valuationDay: V,
    targetDay: V,
    days,
    startIndex,
    displacements: [],
    sites: [{ name: 'Main', stage: 'operating', use: 'mixed', grossMw: 500, ownership: 1 }],
    leases: [
      {
        name: 'Lease',
        kind: 'colocation',
        site: 'Main',
        criticalItMw: s(100),
        contract: contract({ startDay: day(V + 100), endDayExclusive: day(V + 100 + 3653) }),
        remainingCapexUsd: s(50e6),
        deliveryProbability: s(0.8),
        ownership: s(1),
      },
    ],
    pipeline: [
      {
        name: 'Pipeline',
        kind: 'colocation',
        site: 'Main',
        criticalItMw: s(50),
        probability: s(0.5),
        ownership: s(1),
        expectedStartDay: V,
        buildProbability: s(1),
      },
    ],
    treasury: { btcHeld: s(100), btcPledged: s(10), btcPriceUsd: s(100_000), hodlPremium: s(0), excludePledged: false },
    cashUsd: s(80e6),
    straightDebt: [{ name: 'Term loan', principalUsd: 30e6, source: 'test' }],
    otherClaimsUsd: s(5e6),
    capital: {
      basicShares: 10e6,
      convertibles: [{ name: 'Convertible', principalUsd: 200e6, conversionPriceUsd: 25, cappedCallCapUsd: 40 }],
      dilutive: [{ name: 'RSUs', shares: 100_000, strikeUsd: 0 }],
    },
    sharePriceUsd: s(20),
    parameters: valuationParameters(),
  };
}

test(
  'valueCompany: the parts add up to the assets, ' + 'the assets to the equity, and the per-share split to the equity',
  () => {
    const inputs = companyInputs();
    const v = valueCompany(inputs);

    // Each part is its engine on the inputs.
    close(v.mining.valueUsd, miningValue(inputs.days, inputs.startIndex, inputs.parameters.mining).valueUsd);
    close(v.leasesUsd, leaseValue(inputs.leases[0]!, inputs.parameters.leases.colocation, V).valueUsd);
    close(v.pipelineUsd, 0.5 * 50 * 12.5e6);
    close(v.treasury.valueUsd, 100 * 100_000);
    // Ledger: HPC 0.8 × 100 × 1.3 + 0.5 × 50 × 1.3 = 136.5 gross MW; mining 10 EH/s × 20 J/TH = 200 MW; 163.5 left.
    assert.equal(v.miningMw, 200);
    close(v.ledger.rows[0]!.hpcGrossMw, 136.5);
    close(v.ledger.rows[0]!.miningMw, 200);
    close(v.ledger.rows[0]!.unvaluedMw, 163.5);
    close(v.powerLand.valueUsd, 163.5 * 400_000);

    close(v.assetsUsd, v.mining.valueUsd + v.powerLand.valueUsd + v.leasesUsd + v.pipelineUsd + v.treasury.valueUsd);
    assert.equal(v.straightDebtUsd, 30e6);
    close(v.equityBeforeConvertiblesUsd, v.assetsUsd + 80e6 - 30e6 - 5e6);
    assert.equal(v.perShare.floored, false);
    close(v.perShare.equityValueUsd + v.perShare.convertibleDebtUsd, v.equityBeforeConvertiblesUsd, 1e-9);
    assert.deepEqual(v.perShare, solvePerShare(v.equityBeforeConvertiblesUsd, inputs.capital));
    assert.equal(v.targetUsd, v.perShare.priceUsd);
    close(v.upside, v.targetUsd / 20 - 1);
    assert.equal(v.rating, rating(v.upside, inputs.parameters.rating));
  },
);

test('valueCompany: future displacements leave the ledger’s mining MW (already claimed by HPC)', () => {
  const inputs = companyInputs();
  const v = valueCompany({
    ...inputs,
    displacements: [
      { name: 'past', day: day(V - 10), mw: 30 },
      { name: 'coming', day: day(V + 50), mw: 40 },
    ],
  });
  assert.equal(v.miningMw, 200 - 40);
});

test('valueCompany: the operating parts roll forward to the target date; treasury, cash and debt do not', () => {
  // With cash SG&A, which rolls forward with the operating parts.
  const withSga = (): CompanyValuationInputs => {
    const base = companyInputs();
    return { ...base, days: { ...base.days, cashSgaUsd: new Float64Array(base.days.dayCount).fill(5) } };
  };
  const today = valueCompany(withSga());
  const inputs = withSga();
  const rolled = valueCompany({
    ...inputs,
    targetDay: (V + 365.25 / 2) as DayNumber,
    parameters: { ...inputs.parameters, rollForwardToTargetDate: true },
  });
  assert.ok(today.corporate.costUsd > 0);
  const operating =
    today.mining.valueUsd - today.corporate.costUsd + today.powerLand.valueUsd + today.leasesUsd + today.pipelineUsd;
  // Half a year at 10%: × 1.1^0.5.
  close(rolled.rollForward.factor, Math.sqrt(1.1));
  close(rolled.rollForward.valueUsd, (Math.sqrt(1.1) - 1) * operating);
  close(rolled.equityBeforeConvertiblesUsd - today.equityBeforeConvertiblesUsd, rolled.rollForward.valueUsd);
  close(rolled.treasury.valueUsd, today.treasury.valueUsd);
  assert.equal(today.rollForward.valueUsd, 0);
});
