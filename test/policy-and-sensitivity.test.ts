// src/scenarios (DESIGN.md §7): the ERCOT "use it or lose it" rule (a hand case and the acceptance property that it
// never raises a value), company adjustments at their base values, sensitivity grids, tornado and central
// differences, and the implied-value solver.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CompanyDays } from '../src/company/company-days.ts';
import type { CompanyModel, HpcContract } from '../src/company/company-model.ts';
import {
  adjustCompanyModel,
  adjustValuationInputs,
  meanDealProbability,
  SIGNED_DEAL_NAME,
} from '../src/scenarios/company-adjustments.ts';
import { applyErcotRule, energizedBy, type PolicySite } from '../src/scenarios/ercot-rule.ts';
import { solveImplied } from '../src/scenarios/implied-value.ts';
import { axisValues, centralDifference, sensitivityGrid, tornado } from '../src/scenarios/sensitivity.ts';
import type { DayNumber } from '../src/units/calendar-day.ts';
import { solvePerShare, type CapitalStructure } from '../src/valuation/capital-structure.ts';
import type { Sourced } from '../src/valuation/explain.ts';
import type { LedgerSite, SiteStage, SiteUse } from '../src/valuation/site-ledger.ts';
import {
  valueCompany,
  type CompanyValuationInputs,
  type SitedLease,
  type SitedPipelineItem,
} from '../src/valuation/sum-of-parts.ts';

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

/** The policy view of a ledger site: the same gross ÷ IT rule as the site ledger (as the application builds it). */
function policySite(site: LedgerSite, grid: string, energization: PolicySite['energization'] = []): PolicySite {
  const grossPerItMw = site.criticalItMw ? site.grossMw / site.criticalItMw : DEFAULT_GROSS_PER_IT;
  return { name: site.name, grid, stage: site.stage, grossMw: site.grossMw, energization, grossPerItMw };
}

// ---------------------------------------------------------------------------------------------------------------
// ercot-rule.ts
// ---------------------------------------------------------------------------------------------------------------

test('applyErcotRule (hand case): 1000 MW with 400 energized by the review, probability 0.5 → 300 MW forfeited; leases first', () => {
  const tx: LedgerSite = {
    name: 'TX',
    stage: 'under-construction',
    use: 'hpc',
    grossMw: 1000,
    criticalItMw: 800,
    ownership: 1,
  }; // 1.25 gross/IT
  const txOps: LedgerSite = { name: 'TX-ops', stage: 'operating', use: 'mining', grossMw: 300, ownership: 1 };
  const ga: LedgerSite = { name: 'GA', stage: 'approved', use: 'mixed', grossMw: 500, ownership: 1 };
  // Leases sorted by start at the site: L0 (100 gross) before L1 (700 gross); then the pipeline project (200 gross).
  const l1 = lease('L1', 'TX', 560, V + 200);
  const l0 = lease('L0', 'TX', 80, V + 50);
  const p1 = pipelineItem('P1', 'TX', 160, 0.5);
  const p2 = pipelineItem('P2', 'GA', 100, 0.5);
  const inputs = companyInputs([tx, txOps, ga], [l1, l0], [p1, p2]);
  const sites = [
    // 200 MW now, 400 within the year, the rest after the review (V + 365).
    policySite(tx, 'ERCOT', [
      { day: day(V - 30), mw: 200 },
      { day: day(V + 100), mw: 400 },
      { day: day(V + 500), mw: 1000 },
    ]),
    policySite(txOps, 'ERCOT'), // operating without a schedule: fully energized
    policySite(ga, 'SERC'),
  ];
  assert.equal(energizedBy(sites[0]!, day(V + 365)), 400);
  assert.equal(energizedBy(sites[1]!, day(V + 365)), 300);

  const out = applyErcotRule(inputs, sites, { windowDays: 365, probability: 0.5 });
  assert.deepEqual(out.sites, [
    // 700 MW survive: L0 takes 100, L1 600 of its 700 (loses 1/7), P1 nothing.
    {
      site: 'TX',
      grossMw: 1000,
      energizedByReviewMw: 400,
      atRiskMw: 600,
      forfeitedMw: 300,
      claims: [
        { name: 'L1', forfeitedShare: (700 - 600) / 700 },
        { name: 'P1', forfeitedShare: 1 },
      ],
    },
    { site: 'TX-ops', grossMw: 300, energizedByReviewMw: 300, atRiskMw: 0, forfeitedMw: 0, claims: [] },
  ]);
  const [txAfter, txOpsAfter, gaAfter] = out.inputs.sites;
  assert.equal(txAfter?.grossMw, 700);
  assert.equal(txAfter?.criticalItMw, 560); // gross ÷ IT kept at 1.25
  assert.deepEqual(txOpsAfter, { ...txOps, criticalItMw: undefined }); // nothing at risk: unchanged
  assert.equal(gaAfter, ga); // not ERCOT: the same object
  close(out.inputs.leases[0]?.forfeitedShare ?? NaN, 1 / 7);
  assert.equal(out.inputs.leases[1], l0);
  assert.equal(out.inputs.pipeline[0]?.criticalItMw.value, 0);
  assert.equal(out.inputs.pipeline[1], p2);
  assert.equal(inputs.sites[0], tx, 'the input is not mutated');

  // A lease that already lost part of its capacity compounds: 1 − (1 − 0.3)(1 − 1/7).
  const again = applyErcotRule(companyInputs([tx], [{ ...l1, forfeitedShare: 0.3 }, l0], [p1]), [sites[0]!], {
    windowDays: 365,
    probability: 0.5,
  });
  close(again.inputs.leases[0]?.forfeitedShare ?? NaN, 1 - 0.7 * (6 / 7));

  // `only` restricts the rule to the named sites; a window that reaches full energization forfeits nothing.
  assert.deepEqual(
    applyErcotRule(inputs, sites, { windowDays: 365, probability: 0.5 }, new Set(['TX-ops'])).sites.map((x) => x.site),
    ['TX-ops'],
  );
  assert.equal(applyErcotRule(inputs, sites, { windowDays: 600, probability: 1 }).sites[0]?.forfeitedMw, 0);
  // A site not yet energized and without a schedule has everything at risk.
  assert.equal(
    applyErcotRule(inputs, [policySite(tx, 'ERCOT')], { windowDays: 365, probability: 1 }).sites[0]?.forfeitedMw,
    1000,
  );
});

const STAGES: SiteStage[] = ['operating', 'under-construction', 'approved', 'in-queue', 'undeveloped'];
const USES: SiteUse[] = ['mining', 'hpc', 'mixed'];
const uniform = (min: number, max: number) =>
  fc.integer({ min: 0, max: 100_000 }).map((k) => min + ((max - min) * k) / 100_000);

interface SiteSpec {
  grid: 'ERCOT' | 'SPP';
  stage: SiteStage;
  use: SiteUse;
  grossMw: number;
  itRatio: number | undefined;
  ownership: number;
  energization: { offsetDays: number; share: number }[];
}
interface ClaimSpec {
  site: number;
  /** Gross MW the claim needs at full size, as a share of its site's gross MW. */
  shareOfSite: number;
  probability: number;
  startOffset: number;
  /** Remaining capex ÷ IT MW: up to $60M/MW, enough to make a lease worth less than its capex. */
  capexPerMw: number;
  cloud: boolean;
}

const siteArb: fc.Arbitrary<SiteSpec> = fc.record({
  grid: fc.constantFrom('ERCOT' as const, 'ERCOT' as const, 'SPP' as const),
  stage: fc.constantFrom(...STAGES),
  use: fc.constantFrom(...USES),
  grossMw: uniform(20, 1500),
  itRatio: fc.option(uniform(1.1, 1.6), { nil: undefined }),
  ownership: uniform(0.2, 1),
  energization: fc.array(fc.record({ offsetDays: fc.integer({ min: -400, max: 1500 }), share: uniform(0, 1.1) }), {
    maxLength: 3,
  }),
});
const claimArb: fc.Arbitrary<ClaimSpec> = fc.record({
  site: fc.nat(),
  shareOfSite: uniform(0, 1),
  probability: uniform(0, 1),
  startOffset: fc.integer({ min: -300, max: 1200 }),
  capexPerMw: uniform(0, 60e6),
  cloud: fc.boolean(),
});
interface CaseSpec {
  sites: SiteSpec[];
  leases: ClaimSpec[];
  pipeline: ClaimSpec[];
  windowDays: number;
  probability: number;
}
const caseArb: fc.Arbitrary<CaseSpec> = fc.record({
  sites: fc.array(siteArb, { minLength: 1, maxLength: 4 }),
  leases: fc.array(claimArb, { maxLength: 3 }),
  pipeline: fc.array(claimArb, { maxLength: 3 }),
  windowDays: fc.integer({ min: 0, max: 1500 }),
  probability: uniform(0, 1),
});

/**
 * Company inputs and policy sites from a generated case. With `fitSites`, the claims at each site are scaled so that
 * at full size they fit in the site (Σ IT × gross/IT ≤ gross MW), as a site's leases and projects are in practice.
 */
function buildCase(c: CaseSpec, fitSites: boolean) {
  const sites: LedgerSite[] = c.sites.map((x, i) => ({
    name: `S${i}`,
    stage: x.stage,
    use: x.use,
    grossMw: x.grossMw,
    criticalItMw: x.itRatio === undefined ? undefined : x.grossMw / x.itRatio,
    ownership: x.ownership,
  }));
  const policySites = sites.map((site, i) => {
    const spec = c.sites[i]!;
    const points = [...spec.energization].sort((a, b) => a.offsetDays - b.offsetDays);
    let mw = 0;
    const energization = points.map((p) => ({
      day: day(V + p.offsetDays),
      mw: (mw = Math.max(mw, p.share * site.grossMw)),
    }));
    return policySite(site, spec.grid, energization);
  });
  const claims = [...c.leases, ...c.pipeline];
  const totalShare = new Map<number, number>();
  for (const claim of claims)
    totalShare.set(claim.site % sites.length, (totalShare.get(claim.site % sites.length) ?? 0) + claim.shareOfSite);
  const itMw = (claim: ClaimSpec) => {
    const i = claim.site % sites.length;
    const scale = fitSites ? Math.min(1, 1 / (totalShare.get(i) ?? 1)) : 1;
    return (claim.shareOfSite * scale * sites[i]!.grossMw) / policySites[i]!.grossPerItMw;
  };
  const leases = c.leases.map((l, k) => {
    const mw = itMw(l);
    return lease(`L${k}`, `S${l.site % sites.length}`, mw, V + l.startOffset, {
      kind: l.cloud ? 'cloud' : 'colocation',
      remainingCapexUsd: s(mw * l.capexPerMw),
      deliveryProbability: s(l.probability),
    });
  });
  const pipeline = c.pipeline.map((p, k) =>
    pipelineItem(`P${k}`, `S${p.site % sites.length}`, itMw(p), p.probability, {
      kind: p.cloud ? 'cloud' : 'colocation',
    }),
  );
  return { inputs: companyInputs(sites, leases, pipeline), policySites };
}

/** b ≤ a up to rounding. */
const notAbove = (after: number, before: number, what: string) =>
  assert.ok(after <= before + 1e-9 * Math.max(1, Math.abs(before)), `${what}: ${before} → ${after}`);

test('applyErcotRule (property): the rule never raises the target, power and land, leases or pipeline', () => {
  const seen = { forfeiting: 0, leaseLoses: 0, pipelineLoses: 0, landFalls: 0, targetFalls: 0 };
  fc.assert(
    fc.property(caseArb, (c) => {
      const { inputs, policySites } = buildCase(c, true);
      const before = valueCompany(inputs);
      const out = applyErcotRule(inputs, policySites, { windowDays: c.windowDays, probability: c.probability });
      const after = valueCompany(out.inputs);
      notAbove(after.targetUsd, before.targetUsd, 'target');
      notAbove(after.equityBeforeConvertiblesUsd, before.equityBeforeConvertiblesUsd, 'equity');
      notAbove(after.powerLand.valueUsd, before.powerLand.valueUsd, 'power and land');
      after.powerLand.sites.forEach((site, i) =>
        notAbove(site.valueUsd, before.powerLand.sites[i]!.valueUsd, `power and land at ${site.site}`),
      );
      notAbove(after.leasesUsd, before.leasesUsd, 'leases');
      notAbove(after.pipelineUsd, before.pipelineUsd, 'pipeline');
      assert.equal(after.mining.valueUsd, before.mining.valueUsd);
      for (const site of out.sites) close(site.forfeitedMw, c.probability * site.atRiskMw);
      if (out.sites.some((x) => x.forfeitedMw > 0)) seen.forfeiting++;
      if (after.leasesUsd < before.leasesUsd) seen.leaseLoses++;
      if (after.pipelineUsd < before.pipelineUsd) seen.pipelineLoses++;
      if (after.powerLand.valueUsd < before.powerLand.valueUsd) seen.landFalls++;
      if (after.targetUsd < before.targetUsd) seen.targetFalls++;
    }),
    { seed: 42_2026, numRuns: 300 },
  );
  // The generator exercises the rule, not just sites it leaves alone.
  for (const [what, count] of Object.entries(seen)) assert.ok(count >= 15, `${what}: only ${count} of 300 cases`);
});

test('applyErcotRule (property): leases and pipeline never gain even when a site’s claims exceed its capacity', () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const { inputs, policySites } = buildCase(c, false);
      const before = valueCompany(inputs);
      const after = valueCompany(
        applyErcotRule(inputs, policySites, { windowDays: c.windowDays, probability: c.probability }).inputs,
      );
      notAbove(after.leasesUsd, before.leasesUsd, 'leases');
      notAbove(after.pipelineUsd, before.pipelineUsd, 'pipeline');
    }),
    { seed: 7_2026, numRuns: 300 },
  );
});

// An oversubscribed site (claims at full size above its gross MW): a claim's lost share is measured against its whole
// MW, so the ledger's expected HPC falls by no more than the MW forfeited and power and land cannot grow.
test('applyErcotRule: an oversubscribed site must not gain power-and-land value', () => {
  // 1000 MW, 950 energized by the review, rule probability 1: 50 MW forfeited, 950 survive. Two leases needing 900
  // (probability 0.2) and 1000 gross MW (probability 0.5): allocated [900, 100] without the rule, [900, 50] with it,
  // so L1 loses half — of its 1000 MW in the ledger. Expected HPC 0.2 × 900 + 0.5 × 1000 = 680 MW → 180 + 250 = 430
  // MW; room 320 → 520 MW: power and land $122.4M → $198.9M (× $425k × 0.9).
  const tx: LedgerSite = { name: 'TX', stage: 'under-construction', use: 'hpc', grossMw: 1000, ownership: 1 };
  const underwater = (p: number) => ({ deliveryProbability: s(p), remainingCapexUsd: s(50e9) }); // keep their (negative) value
  const inputs: CompanyValuationInputs = {
    ...companyInputs(
      [tx],
      [
        lease('L0', 'TX', 900 / DEFAULT_GROSS_PER_IT, V + 100, underwater(0.2)),
        lease('L1', 'TX', 1000 / DEFAULT_GROSS_PER_IT, V + 200, underwater(0.5)),
      ],
      [],
      {
        basicShares: 100e6,
        convertibles: [],
        dilutive: [],
      },
    ),
    cashUsd: s(100e9), // keeps the target above its floor
  };
  const before = valueCompany(inputs);
  const out = applyErcotRule(inputs, [policySite(tx, 'ERCOT', [{ day: day(V - 10), mw: 950 }])], {
    windowDays: 365,
    probability: 1,
  });
  assert.equal(out.sites[0]?.forfeitedMw, 50);
  const after = valueCompany(out.inputs);
  notAbove(after.powerLand.valueUsd, before.powerLand.valueUsd, 'power and land'); // fails: 122.4M → 198.9M
  notAbove(after.targetUsd, before.targetUsd, 'target'); // fails: + $0.77 per share
});

// ---------------------------------------------------------------------------------------------------------------
// company-adjustments.ts
// ---------------------------------------------------------------------------------------------------------------

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

test('adjustValuationInputs: $/MW and deal probability move every item in proportion, probabilities capped at 1', () => {
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
});

test('adjustValuationInputs: signedUndevelopedMw adds a certain colocation deal at the largest undeveloped/approved/in-queue site', () => {
  const inputs = adjustmentCase();
  const signed = adjustValuationInputs(inputs, { signedUndevelopedMw: 150 }, 'signed');
  assert.equal(signed.pipeline.length, inputs.pipeline.length + 1);
  const deal = signed.pipeline.at(-1)!;
  assert.equal(deal.name, SIGNED_DEAL_NAME);
  assert.equal(deal.kind, 'colocation');
  assert.equal(deal.site, 'Field'); // 800 MW undeveloped beats 600 in-queue and 300 approved; the 2000 MW build does not count
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
});

// ---------------------------------------------------------------------------------------------------------------
// sensitivity.ts
// ---------------------------------------------------------------------------------------------------------------

test('axisValues: inclusive of the end, 21 values for 0:20:1; bad steps and ranges refused', () => {
  const axis = axisValues(0, 20, 1);
  assert.equal(axis.length, 21);
  assert.equal(axis[0], 0);
  assert.equal(axis[20], 20);
  assert.equal(axisValues(0, 1, 0.1).length, 11);
  assert.deepEqual(axisValues(5, 5, 1), [5]);
  assert.deepEqual(axisValues(0, 1, 0.4), [0, 0.4, 0.8]);
  assert.throws(() => axisValues(0, 1, 0), RangeError);
  assert.throws(() => axisValues(1, 0, 0.5), RangeError);
});

test('sensitivityGrid: rows follow y, columns follow x', async () => {
  const grid = await sensitivityGrid(async ({ x, y }) => 10 * x + y, [1, 2, 3], [0.1, 0.2]);
  assert.deepEqual(grid, [
    [10.1, 20.1, 30.1],
    [10.2, 20.2, 30.2],
  ]);
});

test("tornado: the metric at each input's low and high, bars sorted by swing (largest first)", async () => {
  const slopes: Record<string, number> = { small: 1, large: -30, medium: 5 };
  const bars = await tornado(
    async ({ name, value }) => slopes[name]! * value,
    [
      { name: 'small', base: 10, low: 9, high: 11 },
      { name: 'large', base: 2, low: 1.5, high: 2.5 },
      { name: 'medium', base: 0, low: -2, high: 2 },
    ],
  );
  assert.deepEqual(
    bars.map((b) => b.name),
    ['large', 'medium', 'small'],
  );
  assert.deepEqual(bars[0], {
    name: 'large',
    base: 2,
    low: 1.5,
    high: 2.5,
    metricAtLow: -45,
    metricAtHigh: -75,
    swing: 30,
  });
  assert.deepEqual(
    bars.map((b) => b.swing),
    [30, 20, 2],
  );
});

test('centralDifference: exact for a quadratic (the analytic derivative)', async () => {
  const f = async (x: number) => 3 * x * x - 2 * x + 5;
  for (const x of [-4, 0, 1.7, 250]) close(await centralDifference(f, x, 0.01), 6 * x - 2, 1e-9);
});

test('centralDifference of solvePerShare(E).priceUsd: 1 ÷ basic below K, 1 ÷ (basic + N) where the note converts', async () => {
  // 1M basic shares; a $50M note at K = $20 (N = 2.5M shares). Switch at E = 20 × 1M + 50M = $70M.
  const cap: CapitalStructure = {
    basicShares: 1e6,
    convertibles: [{ name: 'note', principalUsd: 50e6, conversionPriceUsd: 20 }],
    dilutive: [],
  };
  const price = async (e: number) => solvePerShare(e, cap).priceUsd;
  close(await centralDifference(price, 60e6, 1e4), 1 / 1e6, 1e-6); // P = 10: the note is debt
  close(await centralDifference(price, 100e6, 1e4), 1 / 3.5e6, 1e-6); // P ≈ 28.6: converted
  // Without convertibles, everywhere 1 ÷ basic.
  close(
    await centralDifference(async (e) => solvePerShare(e, { ...cap, convertibles: [] }).priceUsd, 5e6, 1e3),
    1 / 1e6,
    1e-6,
  );
});

// ---------------------------------------------------------------------------------------------------------------
// implied-value.ts
// ---------------------------------------------------------------------------------------------------------------

test('solveImplied: recovers the root of a monotone function to the tolerance, increasing or decreasing', async () => {
  const cubic = async (x: number) => x ** 3 + x; // = 4.875 at x = 1.5
  const up = await solveImplied(cubic, 4.875, { low: 0, high: 3 }, 1e-10);
  assert.equal(up.kind, 'solved');
  if (up.kind !== 'solved') return;
  assert.ok(Math.abs(up.value - 1.5) < 1e-9, `${up.value}`);
  assert.ok(Math.abs(up.metric - 4.875) < 1e-8);
  assert.ok(up.evaluations < 100, `${up.evaluations} evaluations`);

  const down = await solveImplied(async (x) => -(x ** 3 + x), -4.875, { low: -2, high: 7 }, 1e-10);
  assert.ok(down.kind === 'solved' && Math.abs(down.value - 1.5) < 1e-9, JSON.stringify(down));

  // A root at an end of the bracket.
  assert.deepEqual(await solveImplied(cubic, 0, { low: 0, high: 3 }, 1e-10), {
    kind: 'solved',
    value: 0,
    metric: 0,
    evaluations: 2,
  });
});

test('solveImplied: no crossing inside the bracket is reported with the metric at both ends', async () => {
  const cubic = async (x: number) => x ** 3 + x;
  assert.deepEqual(await solveImplied(cubic, 100, { low: 0, high: 3 }, 1e-10), {
    kind: 'no-crossing',
    low: 0,
    high: 3,
    metricAtLow: 0,
    metricAtHigh: 30,
    evaluations: 2,
  });
  assert.deepEqual(await solveImplied(cubic, -5, { low: 0, high: 3 }, 1e-10), {
    kind: 'no-crossing',
    low: 0,
    high: 3,
    metricAtLow: 0,
    metricAtHigh: 30,
    evaluations: 2,
  });
  const nan = await solveImplied(async (x) => (x > 2 ? NaN : x), 1, { low: 0, high: 3 }, 1e-10);
  assert.equal(nan.kind, 'no-crossing');
});
