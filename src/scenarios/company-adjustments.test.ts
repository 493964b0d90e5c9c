// Company adjustments (DESIGN.md §7): each input at its base value leaves the target unchanged; $/MW, deal
// probability and a signed deal move the inputs as they say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompanyDays } from '../company/company-days.ts';
import type { CompanyModel, HpcContract } from '../company/company-model.ts';
import type { DayNumber } from '../units/calendar-day.ts';
import type { CapitalStructure } from '../valuation/capital-structure.ts';
import type { Sourced } from '../valuation/explain.ts';
import type { LedgerSite } from '../valuation/site-ledger.ts';
import {
  valueCompany,
  type CompanyValuationInputs,
  type SitedLease,
  type SitedPipelineItem,
} from '../valuation/sum-of-parts.ts';
import {
  adjustCompanyModel,
  adjustValuationInputs,
  meanDealProbability,
  SIGNED_DEAL_NAME,
} from './company-adjustments.ts';

const DAYS_PER_YEAR = 365.25;
const V = 20_000 as DayNumber;
const DEFAULT_GROSS_PER_IT = 1.3;

const s = (value: number): Sourced => ({ value, source: 'test' });
const day = (n: number) => n as DayNumber;

function close(actual: number, expected: number, rel = 1e-12, message?: string): void {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= rel * scale,
    message ?? `${actual} is not within ${rel} (relative) of ${expected}`,
  );
}

/** Twenty company days around V with a 200 MW fleet (10 EH/s × 20 J/TH) earning a steady gross profit. */
function fakeDays(): CompanyDays {
  const n = 20;
  const fill = (v: number) => new Float64Array(n).fill(v);
  return {
    firstDay: day(V - 4),
    dayCount: n,
    firstProjectedIndex: 0,
    btcMined: fill(0.5),
    miningRevenueUsd: fill(50_000),
    energizedEhs: fill(10),
    operatingEhs: fill(9),
    efficiencyJPerTh: fill(20),
    displacedEhs: fill(0),
    networkHashrateEhs: fill(0),
    powerMwh: fill(0),
    powerCostUsd: fill(20_000),
    powerCreditsUsd: fill(1_000),
    otherMiningCashCostsUsd: fill(5_000),
    hpcRevenueUsd: fill(0),
    hpcOperatingCostUsd: fill(0),
    cashSgaUsd: fill(0),
    priceUsd: fill(100_000),
  };
}

function contract(name: string, startDay: number, overrides: Partial<HpcContract> = {}): HpcContract {
  return {
    name,
    startDay: day(startDay),
    endDayExclusive: day(startDay + 3653),
    rampDays: 0,
    firstYearRentUsdPerDay: 150_000,
    escalatorPerYear: 0.03,
    noiMargin: 0.8,
    ...overrides,
  };
}

function lease(
  name: string,
  site: string,
  itMw: number,
  startDay: number,
  overrides: Partial<SitedLease> = {},
): SitedLease {
  return {
    name,
    kind: 'colocation',
    site,
    criticalItMw: s(itMw),
    contract: contract(name, startDay),
    remainingCapexUsd: s(itMw * 8e6),
    deliveryProbability: s(0.9),
    ownership: s(1),
    ...overrides,
  };
}

function pipelineItem(
  name: string,
  site: string | undefined,
  itMw: number,
  probability: number,
  overrides: Partial<SitedPipelineItem> = {},
): SitedPipelineItem {
  return {
    name,
    kind: 'colocation',
    site,
    criticalItMw: s(itMw),
    probability: s(probability),
    ownership: s(1),
    ...overrides,
  };
}

function companyInputs(
  sites: LedgerSite[],
  leases: SitedLease[],
  pipeline: SitedPipelineItem[],
  capital?: CapitalStructure,
): CompanyValuationInputs {
  const days = fakeDays();
  return {
    valuationDay: V,
    days,
    startIndex: V + 1 - days.firstDay,
    displacements: [],
    sites,
    leases,
    pipeline,
    treasury: { btcHeld: s(500), btcPledged: s(0), btcPriceUsd: s(100_000), hodlPremium: s(0), excludePledged: false },
    cashUsd: s(300e6),
    straightDebt: [{ name: 'Term loan', principalUsd: 100e6, source: 'test' }],
    otherClaimsUsd: s(10e6),
    capital: capital ?? {
      basicShares: 100e6,
      convertibles: [{ name: 'Convertible', principalUsd: 500e6, conversionPriceUsd: 15, cappedCallCapUsd: 25 }],
      dilutive: [{ name: 'RSUs', shares: 2e6, strikeUsd: 0 }],
    },
    sharePriceUsd: s(12),
    parameters: {
      mining: {
        method: 'gross-profit',
        horizonYears: s(10 / DAYS_PER_YEAR),
        discountRatePerYear: s(0.1),
        shutdownWhenUnprofitable: true,
      },
      powerLand: {
        usdPerMw: {
          operating: s(425_000),
          'under-construction': s(425_000),
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
        includeMiningMw: false,
      },
      defaultGrossPerItMw: s(DEFAULT_GROSS_PER_IT),
      leases: {
        colocation: { method: 'cap-rate', capRate: s(0.065), discountRatePerYear: s(0.08) },
        cloud: { method: 'per-mw', discountRatePerYear: s(0), equityUsdPerItMw: s(19e6) },
      },
      pipelineEquityUsdPerItMw: { colocation: s(12.5e6), cloud: s(19e6) },
      rating: { overweightFromUpside: s(0.15), underweightToUpside: s(-0.1) },
    },
  };
}

function adjustmentCase(): CompanyValuationInputs {
  const sites: LedgerSite[] = [
    { name: 'Ops', stage: 'operating', use: 'mixed', grossMw: 600, ownership: 1 },
    { name: 'Build', stage: 'under-construction', use: 'hpc', grossMw: 2000, ownership: 1 },
    { name: 'Queue', stage: 'in-queue', use: 'hpc', grossMw: 600, ownership: 0.9 },
    { name: 'Field', stage: 'undeveloped', use: 'hpc', grossMw: 800, ownership: 0.75 },
    { name: 'Permit', stage: 'approved', use: 'hpc', grossMw: 300, ownership: 1 },
  ];
  return companyInputs(
    sites,
    [lease('Coloc', 'Build', 200, V + 100), lease('Cloud', 'Build', 100, V + 30, { kind: 'cloud' })],
    [pipelineItem('P-a', 'Queue', 300, 0.4), pipelineItem('P-b', 'Build', 100, 0.7, { kind: 'cloud' })],
  );
}

test('adjustValuationInputs: each input at its base value leaves the target unchanged', () => {
  const inputs = adjustmentCase();
  const base = valueCompany(inputs);
  const atBase = adjustValuationInputs(
    inputs,
    {
      hpcEquityUsdPerItMw: inputs.parameters.pipelineEquityUsdPerItMw.colocation.value,
      dealProbability: meanDealProbability(inputs.pipeline),
      capRate: inputs.parameters.leases.colocation.capRate!.value,
      hodlPremium: inputs.treasury.hodlPremium.value,
      signedUndevelopedMw: 0,
    },
    'base values',
  );
  assert.equal(valueCompany(atBase).targetUsd, base.targetUsd);
  assert.equal(valueCompany(atBase).equityBeforeConvertiblesUsd, base.equityBeforeConvertiblesUsd);
  // The mean deal probability is weighted by critical-IT MW: (300 × 0.4 + 100 × 0.7) ÷ 400.
  close(meanDealProbability(inputs.pipeline), 0.475);
  assert.equal(meanDealProbability([]), 0);
  // No adjustments: the same object.
  assert.equal(adjustValuationInputs(inputs, {}, 'none'), inputs);

  const model = { powerPriceUsdPerMwh: 45 } as CompanyModel;
  assert.equal(adjustCompanyModel(model, {}), model);
  assert.deepEqual(adjustCompanyModel(model, { powerPriceUsdPerMwh: 45 }), model);
  assert.equal(adjustCompanyModel(model, { powerPriceUsdPerMwh: 60 }).powerPriceUsdPerMwh, 60);
});

test(
  'adjustValuationInputs: $/MW and deal probability move every item in proportion, ' + 'probabilities capped at 1',
  () => {
    const inputs = adjustmentCase();
    const doubled = adjustValuationInputs(inputs, { hpcEquityUsdPerItMw: 25e6 }, 'double');
    assert.equal(doubled.parameters.pipelineEquityUsdPerItMw.colocation.value, 25e6);
    assert.equal(doubled.parameters.pipelineEquityUsdPerItMw.cloud.value, 38e6);
    assert.equal(doubled.parameters.leases.cloud.equityUsdPerItMw?.value, 38e6); // per-mw lease parameters scale too
    close(valueCompany(doubled).pipelineUsd, 2 * valueCompany(inputs).pipelineUsd, 1e-12);

    const likely = adjustValuationInputs(inputs, { dealProbability: 0.95 }, 'likely');
    const scale = 0.95 / 0.475;
    assert.deepEqual(
      likely.pipeline.map((p) => p.probability.value),
      [0.4 * scale, Math.min(1, 0.7 * scale)],
    );
    // Without any probability to scale, each item takes the value itself.
    const none = adjustValuationInputs(
      { ...inputs, pipeline: inputs.pipeline.map((p) => ({ ...p, probability: s(0) })) },
      { dealProbability: 0.3 },
      'set',
    );
    assert.deepEqual(
      none.pipeline.map((p) => p.probability.value),
      [0.3, 0.3],
    );
  },
);

test(
  'adjustValuationInputs: ' +
    'signedUndevelopedMw adds a certain colocation deal at the largest undeveloped/approved/in-queue site',
  () => {
    const inputs = adjustmentCase();
    const signed = adjustValuationInputs(inputs, { signedUndevelopedMw: 150 }, 'signed');
    assert.equal(signed.pipeline.length, inputs.pipeline.length + 1);
    const deal = signed.pipeline.at(-1)!;
    assert.equal(deal.name, SIGNED_DEAL_NAME);
    assert.equal(deal.kind, 'colocation');
    // 800 MW undeveloped beats 600 in-queue and 300 approved; the 2000 MW build does not count.
    assert.equal(deal.site, 'Field');
    assert.equal(deal.criticalItMw.value, 150);
    assert.equal(deal.probability.value, 1);
    assert.equal(deal.ownership.value, 0.75);
    close(valueCompany(signed).pipelineUsd - valueCompany(inputs).pipelineUsd, 150 * 12.5e6 * 0.75, 1e-12);

    // No undeveloped site: unsited and wholly owned.
    const noSite = adjustValuationInputs(
      { ...inputs, sites: inputs.sites.filter((x) => x.stage === 'operating') },
      { signedUndevelopedMw: 10 },
      'signed',
    );
    assert.equal(noSite.pipeline.at(-1)?.site, undefined);
    assert.equal(noSite.pipeline.at(-1)?.ownership.value, 1);
  },
);
