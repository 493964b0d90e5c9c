// The pure valuation engines of src/valuation (DESIGN.md §6) against hand computations: dilution solved with the
// target, HPC leases and pipeline, treasury, rating, the site ledger, power and land, mining and the sum of the parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CompanyDays } from '../src/company/company-days.ts';
import type { HpcContract } from '../src/company/company-model.ts';
import type { DayNumber } from '../src/units/calendar-day.ts';
import { btcTreasuryValue, type TreasuryInputs } from '../src/valuation/btc-treasury-value.ts';
import {
  solvePerShare,
  type CapitalStructure,
  type Convertible,
  type DilutiveSecurity,
} from '../src/valuation/capital-structure.ts';
import type { Sourced } from '../src/valuation/explain.ts';
import { leaseValue, type LeaseAsset, type LeaseParameters } from '../src/valuation/hpc-lease-value.ts';
import { pipelineValue } from '../src/valuation/hpc-pipeline-value.ts';
import { miningValue, type MiningParameters } from '../src/valuation/mining-value.ts';
import { powerLandValue, type PowerLandParameters } from '../src/valuation/power-land-value.ts';
import { rating, upside, type RatingThresholds } from '../src/valuation/rating.ts';
import { siteLedger, type HpcClaim, type LedgerSite } from '../src/valuation/site-ledger.ts';
import { valueCompany, type CompanyValuationInputs, type ValuationParameters } from '../src/valuation/sum-of-parts.ts';

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

// ---------------------------------------------------------------------------------------------------------------
// capital-structure.ts: solvePerShare
// ---------------------------------------------------------------------------------------------------------------

const structure = (
  basicShares: number,
  convertibles: Convertible[] = [],
  dilutive: DilutiveSecurity[] = [],
): CapitalStructure => ({ basicShares, convertibles, dilutive });

/** What the solution says common holders and the notes hold together: must give back E when not floored. */
const accountedFor = (sol: ReturnType<typeof solvePerShare>) =>
  sol.priceUsd * sol.dilutedShares + sol.convertibleDebtUsd;

test('solvePerShare: without convertibles or options the price is E ÷ basic shares', () => {
  const sol = solvePerShare(1_234_567, structure(1000));
  close(sol.priceUsd, 1234.567);
  assert.equal(sol.dilutedShares, 1000);
  assert.equal(sol.convertibleDebtUsd, 0);
  close(sol.equityValueUsd, 1_234_567);
  assert.equal(sol.floored, false);
});

test('solvePerShare: an uncapped convertible is debt below K and N = principal ÷ K shares above; the switch is exactly at K', () => {
  // 100 basic shares, $1000 note convertible at K = $20 (N = 50 shares). At P = K both treatments cost $1000, so
  // the switch happens at E = K × basic + principal = 3000.
  const cap = structure(100, [{ name: 'note', principalUsd: 1000, conversionPriceUsd: 20 }]);

  const below = solvePerShare(2990, cap); // as debt: (2990 − 1000) ÷ 100 = 19.9
  close(below.priceUsd, 19.9);
  assert.equal(below.convertibles[0]?.treatedAs, 'debt');
  assert.equal(below.convertibleDebtUsd, 1000);
  assert.equal(below.dilutedShares, 100);

  const above = solvePerShare(3010, cap); // as shares: 3010 ÷ (100 + 50)
  close(above.priceUsd, 3010 / 150);
  assert.equal(above.convertibles[0]?.treatedAs, 'shares');
  close(above.convertibles[0]?.shares ?? NaN, 50);
  assert.equal(above.convertibleDebtUsd, 0);
  close(above.dilutedShares, 150);

  // At the switch both conventions agree: (3000 − 1000) ÷ 100 = 3000 ÷ 150 = K.
  const at = solvePerShare(3000, cap);
  close(at.priceUsd, 20);
  close((3000 - 1000) / 100, 3000 / 150);
  close(accountedFor(at), 3000);

  // Just either side of the switch, by one part in 10⁹.
  assert.equal(solvePerShare(3000 * (1 - 1e-9), cap).convertibles[0]?.treatedAs, 'debt');
  assert.equal(solvePerShare(3000 * (1 + 1e-9), cap).convertibles[0]?.treatedAs, 'shares');
  for (const e of [2990, 3010]) close(accountedFor(solvePerShare(e, cap)), e);
});

test('solvePerShare: with a capped call the note costs its principal between K and the cap, N × (P − cap + K) ÷ P shares above', () => {
  // K = 20, cap = 40, N = 50, basic 100. Between K and cap: P = (E − 1000) ÷ 100 for E in [3000, 5000].
  const note: Convertible = { name: 'capped', principalUsd: 1000, conversionPriceUsd: 20, cappedCallCapUsd: 40 };
  const cap = structure(100, [note]);

  const mid = solvePerShare(4000, cap);
  close(mid.priceUsd, 30);
  assert.equal(mid.convertibles[0]?.treatedAs, 'shares');
  close(mid.convertibles[0]?.shares ?? NaN, (50 * 20) / 30); // shares worth exactly the principal
  close(mid.convertibles[0]!.shares * mid.priceUsd, 1000);
  assert.equal(mid.convertibleDebtUsd, 0);
  close(accountedFor(mid), 4000, 1e-9);

  // Above the cap: 100 P + 50 (P − 40 + 20) = E, so P = (E + 1000) ÷ 150.
  const high = solvePerShare(7000, cap);
  const p = 8000 / 150;
  close(high.priceUsd, p);
  close(high.convertibles[0]?.shares ?? NaN, (50 * (p - 40 + 20)) / p);
  close(high.dilutedShares, 100 + (50 * (p - 40 + 20)) / p);
  close(accountedFor(high), 7000, 1e-9);

  // At the cap itself (E = 40 × 100 + 1000) both formulas give the same price.
  close(solvePerShare(5000, cap).priceUsd, 40);
});

test('solvePerShare: options dilute by the treasury-stock method above their strike; RSUs (strike 0) count in full', () => {
  const options = structure(100, [], [{ name: 'options', shares: 20, strikeUsd: 10 }]);
  // Out of the money: 500 ÷ 100 = 5 < 10, no dilution.
  const otm = solvePerShare(500, options);
  close(otm.priceUsd, 5);
  assert.equal(otm.dilutive[0]?.shares, 0);
  // In the money: 100 P + 20 (P − 10) = 3000 → P = 3200 ÷ 120; net shares 20 (P − 10) ÷ P.
  const itm = solvePerShare(3000, options);
  const p = 3200 / 120;
  close(itm.priceUsd, p);
  close(itm.dilutive[0]?.shares ?? NaN, (20 * (p - 10)) / p);
  close(accountedFor(itm), 3000, 1e-9);

  const rsus = solvePerShare(1100, structure(100, [], [{ name: 'rsu', shares: 10, strikeUsd: 0 }]));
  close(rsus.priceUsd, 10);
  close(rsus.dilutive[0]?.shares ?? NaN, 10);
});

test('solvePerShare: the price is floored at 0 when E does not cover the convertibles as debt', () => {
  const cap = structure(100, [
    { name: 'a', principalUsd: 600, conversionPriceUsd: 20 },
    { name: 'b', principalUsd: 400, conversionPriceUsd: 30, cappedCallCapUsd: 50 },
  ]);
  for (const e of [1000, 999, 0, -5000]) {
    const sol = solvePerShare(e, cap);
    assert.equal(sol.floored, true, `E = ${e}`);
    assert.equal(sol.priceUsd, 0);
    assert.equal(sol.equityValueUsd, 0);
    assert.equal(sol.convertibleDebtUsd, 1000);
  }
  const justAbove = solvePerShare(1001, cap);
  assert.equal(justAbove.floored, false);
  close(justAbove.priceUsd, 0.01);
  assert.throws(() => solvePerShare(100, structure(0)), RangeError);
});

/** Uniform on [min, max] (fc.double favours extremes, which would leave most cases floored or far above K). */
const uniform = (min: number, max: number) =>
  fc.integer({ min: 0, max: 1_000_000 }).map((k) => min + ((max - min) * k) / 1_000_000);

const convertibleArb: fc.Arbitrary<Convertible> = fc
  .record({
    principalUsd: uniform(1e6, 1e9),
    conversionPriceUsd: uniform(1, 200),
    capOver: fc.option(uniform(0.05, 3), { nil: undefined }),
  })
  .map(({ principalUsd, conversionPriceUsd, capOver }) => ({
    name: 'note',
    principalUsd,
    conversionPriceUsd,
    cappedCallCapUsd: capOver === undefined ? undefined : conversionPriceUsd * (1 + capOver),
  }));
const dilutiveArb: fc.Arbitrary<DilutiveSecurity> = fc.record({
  name: fc.constant('options'),
  shares: uniform(0, 2e7),
  strikeUsd: fc.oneof(fc.constant(0), uniform(0.5, 150)),
});
const structureArb: fc.Arbitrary<CapitalStructure> = fc.record({
  basicShares: uniform(1e6, 5e8),
  convertibles: fc.array(convertibleArb, { minLength: 1, maxLength: 4 }),
  dilutive: fc.array(dilutiveArb, { maxLength: 3 }),
});
/** E as Σ principals + x × basic shares, x ∈ [−20, 400] $/share: floored cases and every segment up to past the caps. */
const caseArb = fc.tuple(structureArb, uniform(-20, 400), uniform(-20, 400)).map(([cap, x1, x2]) => {
  const principals = cap.convertibles.reduce((sum, c) => sum + c.principalUsd, 0);
  return { cap, principals, e1: principals + x1 * cap.basicShares, e2: principals + x2 * cap.basicShares };
});

test('solvePerShare (property): price non-decreasing in E; P × diluted shares + convertible debt = E when not floored', () => {
  const seen = { floored: 0, debt: 0, shares: 0, aboveCap: 0 };
  fc.assert(
    fc.property(caseArb, ({ cap, principals, e1, e2 }) => {
      const [lo, hi] = e1 <= e2 ? [e1, e2] : [e2, e1];
      const a = solvePerShare(lo, cap);
      const b = solvePerShare(hi, cap);
      // Allow a few ulps where two Es straddle a breakpoint and are solved on different segments.
      assert.ok(
        b.priceUsd >= a.priceUsd - 1e-12 * Math.max(1, a.priceUsd),
        `price(${hi}) = ${b.priceUsd} < price(${lo}) = ${a.priceUsd}`,
      );
      for (const [e, sol] of [
        [lo, a],
        [hi, b],
      ] as const) {
        assert.equal(sol.floored, e <= principals);
        if (!sol.floored) close(accountedFor(sol), e, 1e-9);
        else assert.equal(sol.priceUsd, 0);
        if (sol.floored) seen.floored++;
        sol.convertibles.forEach((c, i) => {
          seen[c.treatedAs]++;
          const capUsd = cap.convertibles[i]?.cappedCallCapUsd;
          if (capUsd !== undefined && sol.priceUsd > capUsd) seen.aboveCap++;
        });
      }
    }),
    { seed: 20260220, numRuns: 500 },
  );
  // The generator reaches every regime.
  for (const [regime, count] of Object.entries(seen)) assert.ok(count > 20, `${regime}: only ${count} cases`);
});

// ---------------------------------------------------------------------------------------------------------------
// hpc-lease-value.ts
// ---------------------------------------------------------------------------------------------------------------

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

function lease(overrides: Partial<LeaseAsset> = {}): LeaseAsset {
  return {
    name: 'lease',
    kind: 'colocation',
    criticalItMw: s(100),
    contract: contract(),
    remainingCapexUsd: s(200e6),
    deliveryProbability: s(0.9),
    ownership: s(0.8),
    ...overrides,
  };
}

test('leaseValue per-mw: critical-IT MW × equity $/MW × probability × ownership', () => {
  const params: LeaseParameters = { method: 'per-mw', discountRatePerYear: s(0.1), equityUsdPerItMw: s(10e6) };
  const v = leaseValue(lease(), params, V);
  assert.equal(v.grossValueUsd, 1e9);
  close(v.valueUsd, 1e9 * 0.9 * 0.8);
  assert.equal(v.criticalItMw, 100);
  assert.throws(() => leaseValue(lease(), { method: 'per-mw', discountRatePerYear: s(0) }, V), RangeError);
});

test('leaseValue cap-rate: rent/day × 365.25 × margin ÷ cap rate − capex, discounted to the start, × probability × ownership', () => {
  const params: LeaseParameters = { method: 'cap-rate', capRate: s(0.07), discountRatePerYear: s(0.1) };
  const hand = (100_000 * DAYS_PER_YEAR * 0.8) / 0.07 - 200e6;
  // Starts 730 days after the valuation day.
  const future = leaseValue(lease(), params, V);
  close(future.grossValueUsd, hand * 1.1 ** (-730 / DAYS_PER_YEAR));
  close(future.valueUsd, hand * 1.1 ** (-730 / DAYS_PER_YEAR) * 0.9 * 0.8);
  // Already started: no discount.
  const started = leaseValue(lease({ contract: contract({ startDay: day(V - 30) }) }), params, V);
  close(started.grossValueUsd, hand);
  assert.throws(() => leaseValue(lease(), { method: 'cap-rate', discountRatePerYear: s(0.1) }, V), RangeError);
});

test('leaseValue npv: a lease already running (no ramp, no escalator) against an explicit day loop', () => {
  // Started 100 days before the valuation day, ends 1000 days after. Valued days: V+1 … V+999.
  const c = contract({
    startDay: day(V - 100),
    endDayExclusive: day(V + 1000),
    firstYearRentUsdPerDay: 50_000,
    noiMargin: 0.7,
  });
  const r = 0.08;
  const v = leaseValue(
    lease({ contract: c, remainingCapexUsd: s(10e6) }),
    { method: 'npv', discountRatePerYear: s(r) },
    V,
  );
  // Each day's NOI discounted from its end: day d ends at d + 1, (d + 1 − V) days after the valuation day's start
  // (the convention hpc-lease-value.ts uses; note mining-value.ts discounts day d by d − V days).
  let noi = 0;
  for (let d = V + 1; d < V + 1000; d++) noi += 50_000 * 0.7 * (1 + r) ** (-(d + 1 - V) / DAYS_PER_YEAR);
  close(v.grossValueUsd, noi - 10e6, 1e-11); // capex at a start in the past: not discounted
  close(v.valueUsd, (noi - 10e6) * 0.9 * 0.8, 1e-11);

  // Starting in the future: the loop runs over the term, capex discounted to the start.
  const later = contract({
    startDay: day(V + 50),
    endDayExclusive: day(V + 450),
    firstYearRentUsdPerDay: 50_000,
    noiMargin: 0.7,
  });
  const w = leaseValue(
    lease({ contract: later, remainingCapexUsd: s(10e6) }),
    { method: 'npv', discountRatePerYear: s(r) },
    V,
  );
  let noiLater = 0;
  for (let d = V + 50; d < V + 450; d++) noiLater += 50_000 * 0.7 * (1 + r) ** (-(d + 1 - V) / DAYS_PER_YEAR);
  close(w.grossValueUsd, noiLater - 10e6 * (1 + r) ** (-50 / DAYS_PER_YEAR), 1e-11);
});

test('leaseValue: a lease whose term has ended is worth 0 by every method', () => {
  const ended = contract({ startDay: day(V - 500), endDayExclusive: day(V + 1) });
  for (const params of [
    { method: 'per-mw', discountRatePerYear: s(0), equityUsdPerItMw: s(10e6) },
    { method: 'cap-rate', discountRatePerYear: s(0.1), capRate: s(0.07) },
    { method: 'npv', discountRatePerYear: s(0.1) },
  ] as LeaseParameters[]) {
    const v = leaseValue(lease({ contract: ended }), params, V);
    assert.equal(v.grossValueUsd, 0, params.method);
    assert.equal(v.valueUsd, 0, params.method);
  }
  // One day left (V + 1): still valued.
  const lastDay = leaseValue(
    lease({ contract: contract({ startDay: day(V - 500), endDayExclusive: day(V + 2) }) }),
    { method: 'npv', discountRatePerYear: s(0) },
    V,
  );
  close(lastDay.grossValueUsd, 100_000 * 0.8 - 200e6);
});

test('leaseValue: forfeitedShare scales a positive value only; a lease worth less than its capex keeps its value', () => {
  const params: LeaseParameters = { method: 'cap-rate', capRate: s(0.07), discountRatePerYear: s(0) };
  const base = leaseValue(lease(), params, V);
  assert.ok(base.valueUsd > 0);
  const quarter = leaseValue(lease({ forfeitedShare: 0.25 }), params, V);
  close(quarter.valueUsd, base.valueUsd * 0.75);
  assert.equal(quarter.grossValueUsd, base.grossValueUsd);
  assert.ok(quarter.explain.inputs.some((i) => i.name.includes('not forfeited') && i.value === 0.75));

  const underwater = lease({ remainingCapexUsd: s(5e9) });
  const neg = leaseValue(underwater, params, V);
  assert.ok(neg.valueUsd < 0);
  assert.equal(leaseValue({ ...underwater, forfeitedShare: 0.25 }, params, V).valueUsd, neg.valueUsd);
});

// ---------------------------------------------------------------------------------------------------------------
// hpc-pipeline-value.ts, btc-treasury-value.ts, rating.ts
// ---------------------------------------------------------------------------------------------------------------

test('pipelineValue: probability × critical-IT MW × equity $/MW × ownership', () => {
  const v = pipelineValue(
    { name: 'p', kind: 'cloud', criticalItMw: s(200), probability: s(0.5), ownership: s(0.75) },
    s(19e6),
  );
  close(v.valueUsd, 0.5 * 200 * 19e6 * 0.75);
  assert.equal(v.criticalItMw, 200);
  assert.equal(v.probability, 0.5);
  assert.equal(v.kind, 'cloud');
});

test('btcTreasuryValue: held (less pledged when excluded) × price × (1 + premium); pledged always reported', () => {
  const t: TreasuryInputs = {
    btcHeld: s(1000),
    btcPledged: s(200),
    btcPriceUsd: s(100_000),
    hodlPremium: s(0.1),
    excludePledged: false,
  };
  const all = btcTreasuryValue(t);
  close(all.valueUsd, 1000 * 100_000 * 1.1);
  assert.equal(all.btcCounted, 1000);
  assert.equal(all.btcPledged, 200);
  const net = btcTreasuryValue({ ...t, excludePledged: true });
  close(net.valueUsd, 800 * 100_000 * 1.1);
  assert.equal(net.btcCounted, 800);
  assert.equal(net.btcPledged, 200);
});

test('rating: Overweight at or above its threshold, Underweight at or below its own, Neutral between', () => {
  const th: RatingThresholds = { overweightFromUpside: s(0.15), underweightToUpside: s(-0.1) };
  assert.equal(rating(0.15, th), 'Overweight');
  assert.equal(rating(0.5, th), 'Overweight');
  assert.equal(rating(0.1499, th), 'Neutral');
  assert.equal(rating(0, th), 'Neutral');
  assert.equal(rating(-0.0999, th), 'Neutral');
  assert.equal(rating(-0.1, th), 'Underweight');
  assert.equal(rating(-0.9, th), 'Underweight');
  close(upside(130, 100), 0.3);
  close(upside(50, 100), -0.5);
});

// ---------------------------------------------------------------------------------------------------------------
// site-ledger.ts, power-land-value.ts
// ---------------------------------------------------------------------------------------------------------------

const ledgerSites: LedgerSite[] = [
  { name: 'A', stage: 'operating', use: 'mixed', grossMw: 300, ownership: 1 },
  { name: 'B', stage: 'operating', use: 'mining', grossMw: 200, criticalItMw: 160, ownership: 0.5 }, // 1.25 gross per IT
  { name: 'C', stage: 'under-construction', use: 'hpc', grossMw: 500, ownership: 1 },
  { name: 'D', stage: 'operating', use: 'mining', grossMw: 100, ownership: 1 },
];
const ledgerClaims: HpcClaim[] = [
  { name: 'lease at B', site: 'B', criticalItMw: 80, probability: 1 }, // 80 × 1.25 = 100 gross
  { name: 'pipeline at C', site: 'C', criticalItMw: 200, probability: 0.5 }, // 0.5 × 200 × 1.4 = 140
  { name: 'pipeline at A', site: 'A', criticalItMw: 50, probability: 0.4 }, // 0.4 × 50 × 1.4 = 28
  { name: 'unsited', site: undefined, criticalItMw: 1000, probability: 1 }, // on no site: ignored
];

test('siteLedger: HPC first (site gross ÷ IT or the default), mining into operating mining sites, then mixed; rest unvalued', () => {
  const ledger = siteLedger(ledgerSites, ledgerClaims, 350, 1.4);
  const row = (name: string) => ledger.rows.find((r) => r.site.name === name)!;
  close(row('B').grossPerItMw, 1.25);
  close(row('A').grossPerItMw, 1.4);
  close(row('B').hpcGrossMw, 100);
  close(row('C').hpcGrossMw, 140);
  close(row('A').hpcGrossMw, 28);
  assert.equal(row('D').hpcGrossMw, 0);
  // 350 MW of mining: B's room (100) and D's (100) before the mixed site A takes the last 150.
  close(row('B').miningMw, 100);
  close(row('D').miningMw, 100);
  close(row('A').miningMw, 150);
  assert.equal(row('C').miningMw, 0); // not operating
  close(row('A').unvaluedMw, 300 - 28 - 150);
  close(row('B').unvaluedMw, 0);
  close(row('C').unvaluedMw, 360);
  close(row('D').unvaluedMw, 0);
  assert.equal(ledger.unplacedMiningMw, 0);
  assert.deepEqual(ledger.warnings, []);
});

test('siteLedger: warns when HPC exceeds a site and when mining exceeds the operating sites', () => {
  const over = siteLedger(
    ledgerSites,
    [...ledgerClaims, { name: 'too big', site: 'D', criticalItMw: 100, probability: 1 }],
    1000,
    1.4,
  );
  const codes = over.warnings.map((w) => w.code);
  assert.deepEqual(codes, ['hpc-exceeds-site', 'mining-exceeds-sites']);
  assert.match(over.warnings[0]!.message, /^D:/);
  const d = over.rows.find((r) => r.site.name === 'D')!;
  close(d.hpcGrossMw, 140);
  assert.equal(d.miningMw, 0);
  assert.equal(d.unvaluedMw, 0);
  // Rooms after HPC: B 100, D 0, A 272 → 628 of 1000 MW unplaced.
  close(over.unplacedMiningMw, 1000 - 100 - 272);
});

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

test('powerLandValue: MW × $/MW(stage) × probability(stage) × ownership, with or without the MW that mine', () => {
  const ledger = siteLedger(ledgerSites, ledgerClaims, 350, 1.4);
  const without = powerLandValue(ledger, powerParams(false));
  // A: 122 MW × 400k; B: 0; C: 360 × 300k × 0.9; D: 0.
  close(without.valueUsd, 122 * 400_000 + 360 * 300_000 * 0.9);
  assert.deepEqual(
    without.sites.map((x) => [x.site, Math.round(x.mw * 1e6) / 1e6]),
    [
      ['A', 122],
      ['B', 0],
      ['C', 360],
      ['D', 0],
    ],
  );
  const withMining = powerLandValue(ledger, powerParams(true));
  // A: (122 + 150); B: 100 × 0.5 ownership; C: 360 × 0.9 × 300k; D: 100.
  close(withMining.valueUsd, 272 * 400_000 + 100 * 400_000 * 0.5 + 360 * 300_000 * 0.9 + 100 * 400_000);
});

// ---------------------------------------------------------------------------------------------------------------
// mining-value.ts
// ---------------------------------------------------------------------------------------------------------------

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

// Ten days; the valued horizon is indexes 2..7 (six days). Days 4 and 6 earn less than their power.
const miningDays = fakeDays(day(V - 1), 10, {
  btcMined: [9, 9, 1, 2, 0.5, 3, 0.2, 1, 9, 9],
  miningRevenueUsd: [900, 900, 100, 200, 50, 300, 20, 100, 900, 900],
  powerCostUsd: [10, 10, 40, 60, 80, 90, 70, 40, 10, 10],
  powerCreditsUsd: [1, 1, 2, 2, 2, 2, 2, 2, 1, 1],
  otherMiningCashCostsUsd: [5, 5, 10, 10, 10, 10, 10, 10, 5, 5],
  operatingEhs: [7, 7, 8, 8, 8, 8, 8, 8, 9, 9],
});
const SIX_DAYS = 6 / DAYS_PER_YEAR;
const miningParams = (overrides: Partial<MiningParameters> = {}): MiningParameters => ({
  method: 'gross-profit',
  horizonYears: s(SIX_DAYS),
  discountRatePerYear: s(0),
  shutdownWhenUnprofitable: false,
  ...overrides,
});

test('miningValue gross-profit: Σ revenue − power + credits − other costs over round(h × 365.25) days from startIndex', () => {
  const v = miningValue(miningDays, 2, miningParams());
  const idx = [2, 3, 4, 5, 6, 7];
  const d = miningDays;
  const profit = idx.reduce(
    (sum, i) =>
      sum + d.miningRevenueUsd[i]! - d.powerCostUsd[i]! + d.powerCreditsUsd[i]! - d.otherMiningCashCostsUsd[i]!,
    0,
  );
  close(v.valueUsd, profit); // 770 − 380 + 12 − 60 = 342
  close(v.valueUsd, 342);
  close(v.btcMined, 7.7);
  close(v.revenueUsd, 770);
  close(v.cashCostUsd, 380 - 12 + 60);
  assert.equal(v.operatingEhsAtStart, 8);
  // A horizon past the end of the days is an error.
  assert.throws(() => miningValue(miningDays, 5, miningParams()), RangeError);
});

test('miningValue: each day discounted by (1 + r)^−(t/365.25), t counted from the valuation day to the day’s end', () => {
  const r = 0.25;
  const v = miningValue(miningDays, 2, miningParams({ discountRatePerYear: s(r) }));
  let hand = 0;
  for (let i = 2; i < 8; i++) {
    const profit =
      miningDays.miningRevenueUsd[i]! -
      miningDays.powerCostUsd[i]! +
      miningDays.powerCreditsUsd[i]! -
      miningDays.otherMiningCashCostsUsd[i]!;
    hand += profit * (1 + r) ** (-(i - 2 + 1) / DAYS_PER_YEAR);
  }
  close(v.valueUsd, hand);
  close(v.revenueUsd, 770); // totals stay undiscounted
});

test('miningValue: the shutdown option switches off days whose revenue is below power (other costs and credits remain)', () => {
  const v = miningValue(miningDays, 2, miningParams({ shutdownWhenUnprofitable: true }));
  // Days 4 (50 < 80) and 6 (20 < 70) earn max(0, revenue − power) = 0, mine no BTC, and still pay 10 − 2.
  let hand = 0;
  for (let i = 2; i < 8; i++) {
    const rev = miningDays.miningRevenueUsd[i]!;
    const pow = miningDays.powerCostUsd[i]!;
    hand += Math.max(0, rev - pow) - miningDays.otherMiningCashCostsUsd[i]! + miningDays.powerCreditsUsd[i]!;
  }
  close(v.valueUsd, hand);
  close(v.valueUsd, 342 + (80 - 50) + (70 - 20));
  close(v.btcMined, 7.7 - 0.5 - 0.2);
  close(v.revenueUsd, 770 - 50 - 20);
});

test('miningValue ev-per-eh: operating EH/s on the first valued day × EV per EH/s', () => {
  const v = miningValue(miningDays, 2, miningParams({ method: 'ev-per-eh', evPerEhUsd: s(60e6) }));
  assert.equal(v.valueUsd, 8 * 60e6);
  assert.throws(() => miningValue(miningDays, 2, miningParams({ method: 'ev-per-eh' })), RangeError);
});

// ---------------------------------------------------------------------------------------------------------------
// sum-of-parts.ts
// ---------------------------------------------------------------------------------------------------------------

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

test('valueCompany: the parts add up to the assets, the assets to the equity, and the per-share split to the equity', () => {
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
});

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
