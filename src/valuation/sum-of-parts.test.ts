// valueCompany (DESIGN.md §6): the parts are their engines on the inputs and add up to the equity and the target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompanyDays } from '../company/company-days.ts';
import type { HpcContract } from '../company/company-model.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import { solvePerShare } from './capital-structure.ts';
import type { Sourced } from './explain.ts';
import { leaseValue } from './hpc-lease-value.ts';
import { miningValue } from './mining-value.ts';
import type { PowerLandParameters } from './power-land-value.ts';
import { rating } from './rating.ts';
import { valueCompany, type CompanyValuationInputs, type ValuationParameters } from './sum-of-parts.ts';

const DAYS_PER_YEAR = 365.25;
const V = 20_000 as DayNumber;

const s = (value: number): Sourced => ({ value, source: 'test' });
const day = (n: number) => n as DayNumber;

/** a ≈ b to a relative tolerance (absolute near 0). */
function close(actual: number, expected: number, rel = 1e-12, message?: string): void {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= rel * scale,
    message ?? `${actual} is not within ${rel} (relative) of ${expected}`,
  );
}

function contract(overrides: Partial<HpcContract> = {}): HpcContract {
  return {
    name: 'lease',
    startDay: day(V + 730),
    endDayExclusive: day(V + 730 + 3653),
    rampDays: 0,
    firstYearRentUsdPerDay: 100_000,
    escalatorPerYear: 0,
    noiMargin: 0.8,
    ...overrides,
  };
}

const powerParams = (includeMiningMw: boolean): PowerLandParameters => ({
  usdPerMw: {
    operating: s(400_000),
    'under-construction': s(300_000),
    approved: s(250_000),
    'in-queue': s(175_000),
    undeveloped: s(100_000),
  },
  probability: {
    operating: s(1),
    'under-construction': s(0.9),
    approved: s(0.75),
    'in-queue': s(0.5),
    undeveloped: s(0.5),
  },
  includeMiningMw,
});

type DayFields = Partial<Record<Exclude<keyof CompanyDays, 'firstDay' | 'dayCount' | 'firstProjectedIndex'>, number[]>>;

/** Company days with every series zero except those given. */
function fakeDays(firstDay: DayNumber, n: number, fields: DayFields = {}): CompanyDays {
  const series = (key: keyof DayFields) => {
    const given = fields[key];
    if (given && given.length !== n) throw new Error(`${key}: ${given.length} values for ${n} days`);
    return given ? Float64Array.from(given) : new Float64Array(n);
  };
  return {
    firstDay,
    dayCount: n,
    firstProjectedIndex: 0,
    btcMined: series('btcMined'),
    miningRevenueUsd: series('miningRevenueUsd'),
    energizedEhs: series('energizedEhs'),
    operatingEhs: series('operatingEhs'),
    efficiencyJPerTh: series('efficiencyJPerTh'),
    displacedEhs: series('displacedEhs'),
    networkHashrateEhs: series('networkHashrateEhs'),
    powerMwh: series('powerMwh'),
    powerCostUsd: series('powerCostUsd'),
    powerCreditsUsd: series('powerCreditsUsd'),
    otherMiningCashCostsUsd: series('otherMiningCashCostsUsd'),
    hpcRevenueUsd: series('hpcRevenueUsd'),
    hpcOperatingCostUsd: series('hpcOperatingCostUsd'),
    cashSgaUsd: series('cashSgaUsd'),
    priceUsd: series('priceUsd'),
  };
}

function companyInputs(): CompanyValuationInputs {
  const firstDay = day(V - 4);
  const n = 20;
  const startIndex = V + 1 - firstDay; // 5
  const parameters: ValuationParameters = {
    mining: {
      method: 'gross-profit',
      horizonYears: s(10 / DAYS_PER_YEAR),
      discountRatePerYear: s(0.1),
      shutdownWhenUnprofitable: true,
    },
    powerLand: powerParams(false),
    defaultGrossPerItMw: s(1.3),
    leases: {
      colocation: { method: 'cap-rate', capRate: s(0.065), discountRatePerYear: s(0.08) },
      cloud: { method: 'npv', discountRatePerYear: s(0.1) },
    },
    pipelineEquityUsdPerItMw: { colocation: s(12.5e6), cloud: s(19e6) },
    rating: { overweightFromUpside: s(0.15), underweightToUpside: s(-0.1) },
  };
  return {
    valuationDay: V,
    days: fakeDays(firstDay, n, {
      energizedEhs: Array(n).fill(10), // × 20 J/TH = 200 MW mining
      efficiencyJPerTh: Array(n).fill(20),
      operatingEhs: Array(n).fill(9),
      btcMined: Array(n).fill(0.5),
      miningRevenueUsd: Array(n).fill(50_000),
      powerCostUsd: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 60_000 : 20_000)),
      powerCreditsUsd: Array(n).fill(1_000),
      otherMiningCashCostsUsd: Array(n).fill(5_000),
    }),
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
      { name: 'Pipeline', kind: 'colocation', site: 'Main', criticalItMw: s(50), probability: s(0.5), ownership: s(1) },
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
    parameters,
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
