// The ERCOT "use it or lose it" rule (DESIGN.md §7): a hand case and the acceptance property that it never raises
// a value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LedgerSite, SiteStage, SiteUse } from '../valuation/site-ledger.ts';
import { valueCompany, type CompanyValuationInputs } from '../valuation/sum-of-parts.ts';
import { closeWith, day, DEFAULT_GROSS_PER_IT, s, V } from '../valuation/valuation-test-fixtures.ts';
import { applyErcotRule, energizedBy, type PolicySite } from './ercot-rule.ts';
import { companyInputs, lease, pipelineItem } from './scenario-test-fixtures.ts';

const close = closeWith(assert.ok);

/** The policy view of a ledger site: the same gross ÷ IT rule as the site ledger (as the application builds it). */
function policySite(site: LedgerSite, grid: string, energization: PolicySite['energization'] = []): PolicySite {
  const grossPerItMw = site.criticalItMw ? site.grossMw / site.criticalItMw : DEFAULT_GROSS_PER_IT;
  return { name: site.name, grid, stage: site.stage, grossMw: site.grossMw, energization, grossPerItMw };
}

test(
  'applyErcotRule (hand case): 1000 MW with 400 energized by the review, ' +
    'probability 0.5 → 300 MW forfeited; leases first',
  () => {
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
      applyErcotRule(inputs, sites, { windowDays: 365, probability: 0.5 }, new Set(['TX-ops'])).sites.map(
        (x) => x.site,
      ),
      ['TX-ops'],
    );
    assert.equal(applyErcotRule(inputs, sites, { windowDays: 600, probability: 1 }).sites[0]?.forfeitedMw, 0);
    // A site not yet energized and without a schedule has everything at risk.
    assert.equal(
      applyErcotRule(inputs, [policySite(tx, 'ERCOT')], { windowDays: 365, probability: 1 }).sites[0]?.forfeitedMw,
      1000,
    );
  },
);

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
  // Keep their (negative) value:
  const underwater = (p: number) => ({ deliveryProbability: s(p), remainingCapexUsd: s(50e9) });
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
