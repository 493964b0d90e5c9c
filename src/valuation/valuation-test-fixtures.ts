// Shared test fixtures of the valuation engine tests (and of the scenario tests that value a company): the valuation
// day, sourced values, a tolerance check, company days, an HPC contract, power-and-land and valuation parameters and
// a small site ledger. Test data only: no engine imports this file, and it imports types alone.
import type { CompanyDays } from '../company/company-days.ts';
import type { HpcContract } from '../company/company-model.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import type { Sourced } from './explain.ts';
import type { CashFlowParameters } from './hpc-lease-value.ts';
import type { PowerLandParameters } from './power-land-value.ts';
import type { HpcClaim, LedgerSite } from './site-ledger.ts';
import type { ValuationParameters } from './sum-of-parts.ts';

export const DAYS_PER_YEAR = 365.25;
export const V = 20_000 as DayNumber;
export const DEFAULT_GROSS_PER_IT = 1.3;

export const s = (value: number): Sourced => ({ value, source: 'test' });
export const day = (n: number) => n as DayNumber;

/** How a test asserts (its `assert.ok`): passed in, so that this file needs no node:* module. */
export type Check = (value: unknown, message?: string) => void;

/** `close(actual, expected, rel?, message?)`: a ≈ b to a relative tolerance (absolute near 0), asserted by `check`. */
export function closeWith(check: Check) {
  return (actual: number, expected: number, rel = 1e-12, message?: string): void => {
    const scale = Math.max(1, Math.abs(expected));
    check(
      Math.abs(actual - expected) <= rel * scale,
      message ?? `${actual} is not within ${rel} (relative) of ${expected}`,
    );
  };
}

export type DayFields = Partial<
  Record<Exclude<keyof CompanyDays, 'firstDay' | 'dayCount' | 'firstProjectedIndex' | 'hostedShare'>, number[]>
>;

/** Company days with every series zero except those given. */
export function fakeDays(firstDay: DayNumber, n: number, fields: DayFields = {}): CompanyDays {
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
    jointVentureBtc: series('jointVentureBtc'),
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
    hostedShare: 0,
    refreshCapexUsd: series('refreshCapexUsd'),
    hpcRevenueUsd: series('hpcRevenueUsd'),
    hpcOperatingCostUsd: series('hpcOperatingCostUsd'),
    cashSgaUsd: series('cashSgaUsd'),
    priceUsd: series('priceUsd'),
  };
}

/**
 * Twenty company days from V − 4 with a 200 MW fleet (10 EH/s × 20 J/TH) earning a steady gross profit; `fields`
 * replace or add series (the rest stay zero).
 */
export function steadyDays(fields: DayFields = {}): CompanyDays {
  const n = 20;
  const fill = (v: number) => Array<number>(n).fill(v);
  return fakeDays(day(V - 4), n, {
    energizedEhs: fill(10),
    efficiencyJPerTh: fill(20),
    operatingEhs: fill(9),
    btcMined: fill(0.5),
    miningRevenueUsd: fill(50_000),
    powerCostUsd: fill(20_000),
    powerCreditsUsd: fill(1_000),
    otherMiningCashCostsUsd: fill(5_000),
    ...fields,
  });
}

/** A ten-year contract from V + 730 at $100k a day, no ramp or escalator, 80% NOI margin; `overrides` replace. */
export function contract(overrides: Partial<HpcContract> = {}): HpcContract {
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

/** $/MW and probability by stage; `usdPerMw` replaces the $/MW of the stages it names. */
export const powerParams = (
  includeMiningMw: boolean,
  usdPerMw: Partial<PowerLandParameters['usdPerMw']> = {},
): PowerLandParameters => ({
  usdPerMw: {
    operating: s(400_000),
    'under-construction': s(300_000),
    approved: s(250_000),
    'in-queue': s(175_000),
    undeveloped: s(100_000),
    ...usdPerMw,
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

/** Ten days of gross profit at 10% a year with the shutdown option, power and land without the mining MW. */
export const valuationParameters = (): ValuationParameters => ({
  discountRatePerYear: s(0.1),
  rollForwardToTargetDate: false,
  mining: {
    method: 'gross-profit',
    horizonYears: s(10 / DAYS_PER_YEAR),
    discountRatePerYear: s(0.1),
    shutdownWhenUnprofitable: true,
    subtractRefreshCapex: true,
  },
  corporate: { subtractCashSga: true, horizonYears: s(10 / DAYS_PER_YEAR), discountRatePerYear: s(0.1) },
  powerLand: powerParams(false),
  defaultGrossPerItMw: s(DEFAULT_GROSS_PER_IT),
  leases: {
    colocation: { method: 'cash-flow', cashFlow: cashFlowParameters() },
    cloud: { method: 'cash-flow', cashFlow: cashFlowParameters() },
  },
  pipelineBuildProbability: {
    operating: s(1),
    'under-construction': s(1),
    approved: s(1),
    'in-queue': s(1),
    undeveloped: s(1),
  },
  pipelineEquityUsdPerItMw: { colocation: s(12.5e6), cloud: s(19e6) },
  rating: { overweightFromUpside: s(0.15), underweightToUpside: s(-0.1) },
});

/**
 * Cash-flow lease parameters: 5% base rate, spreads 1% / 2% / 4% by tenant credit, renewal 50% at a 7% exit cap,
 * capex over 12 months; for cloud, re-let NOI $1M per IT MW-year, GPU residual 10%, GPU life 4 years.
 */
export const cashFlowParameters = (overrides: Partial<CashFlowParameters> = {}): CashFlowParameters => ({
  baseRatePerYear: s(0.05),
  creditSpreadPerYear: { 'investment-grade': s(0.01), backstopped: s(0.02), unrated: s(0.04) },
  renewalProbability: s(0.5),
  exitCapRate: s(0.07),
  capexMonthsBeforeStart: s(12),
  reletNoiUsdPerItMwYear: s(1e6),
  gpuResidualShareOfCapex: s(0.1),
  gpuLifeYears: s(4),
  ...overrides,
});

export const ledgerSites: LedgerSite[] = [
  { name: 'A', stage: 'operating', use: 'mixed', grossMw: 300, ownership: 1 },
  // 1.25 gross per IT:
  { name: 'B', stage: 'operating', use: 'mining', grossMw: 200, criticalItMw: 160, ownership: 0.5 },
  { name: 'C', stage: 'under-construction', use: 'hpc', grossMw: 500, ownership: 1 },
  { name: 'D', stage: 'operating', use: 'mining', grossMw: 100, ownership: 1 },
];
export const ledgerClaims: HpcClaim[] = [
  { name: 'lease at B', site: 'B', criticalItMw: 80, probability: 1 }, // 80 × 1.25 = 100 gross
  { name: 'pipeline at C', site: 'C', criticalItMw: 200, probability: 0.5 }, // 0.5 × 200 × 1.4 = 140
  { name: 'pipeline at A', site: 'A', criticalItMw: 50, probability: 0.4 }, // 0.4 × 50 × 1.4 = 28
  { name: 'unsited', site: undefined, criticalItMw: 1000, probability: 1 }, // on no site: ignored
];
