// solvePerShare (DESIGN.md §6): dilution solved with the target, against hand computations and a property.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { solvePerShare, type CapitalStructure, type Convertible, type DilutiveSecurity } from './capital-structure.ts';
import { closeWith } from './valuation-test-fixtures.ts';

const close = closeWith(assert.ok);

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

test(
  'solvePerShare: an uncapped convertible is debt below K and N = principal ÷ K shares above; ' +
    'the switch is exactly at K',
  () => {
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
  },
);

test(
  'solvePerShare: with a capped call the note costs its principal between K and the cap, ' +
    'N × (P − cap + K) ÷ P shares above',
  () => {
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
  },
);

test(
  'solvePerShare: options dilute by the treasury-stock method above their strike; ' + 'RSUs (strike 0) count in full',
  () => {
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
  },
);

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
/**
 * E as Σ principals + x × basic shares, x ∈ [−20, 400] $/share: floored cases and every segment up to past the caps.
 */
const caseArb = fc.tuple(structureArb, uniform(-20, 400), uniform(-20, 400)).map(([cap, x1, x2]) => {
  const principals = cap.convertibles.reduce((sum, c) => sum + c.principalUsd, 0);
  return { cap, principals, e1: principals + x1 * cap.basicShares, e2: principals + x2 * cap.basicShares };
});

test(
  'solvePerShare (property): price non-decreasing in E; ' +
    'P × diluted shares + convertible debt = E when not floored',
  () => {
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
            seen[c.treatedAs as 'debt' | 'shares']++;
            const capUsd = cap.convertibles[i]?.cappedCallCapUsd;
            if (capUsd !== undefined && sol.priceUsd > capUsd) seen.aboveCap++;
          });
        }
      }),
      { seed: 20260220, numRuns: 500 },
    );
    // The generator reaches every regime.
    for (const [regime, count] of Object.entries(seen)) assert.ok(count > 20, `${regime}: only ${count} cases`);
  },
);

// ——— Conventions other than the switch at conversion ———

const IF_CONVERTED = { kind: 'if-converted' } as const;
const BOND_FLOOR = {
  kind: 'bond-floor-plus-option',
  riskFreeRatePerYear: 0.04,
  creditSpreadPerYear: 0.03,
  volatilityPerYear: 0.5,
} as const;
/** The textbook note of convertible-claim.test.ts: $1,000, 2% semi-annual, 3 years, K = $20 (N = 50). */
const textbook: Convertible = {
  name: 'textbook',
  principalUsd: 1000,
  conversionPriceUsd: 20,
  couponRatePerYear: 0.02,
  yearsToMaturity: 3,
};

test('solvePerShare, if-converted: P = E ÷ (basic + N) below K, no debt; the capped call counts above K', () => {
  const sol = solvePerShare(1500, { ...structure(100, [textbook]), convention: IF_CONVERTED });
  close(sol.priceUsd, 10); // 1500 ÷ 150, against (1500 − 1000) ÷ 100 = 5 when the note is debt
  close(sol.dilutedShares, 150);
  assert.equal(sol.convertibleDebtUsd, 0);
  assert.equal(solvePerShare(1500, structure(100, [textbook])).priceUsd.toFixed(9), '5.000000000');
  // Capped at 40: between K and the cap 100 P + 1000 = E, so E = 4000 gives P = 30 (40 − 50 × 20 ÷ 30 net shares).
  const capped = { ...structure(100, [{ ...textbook, cappedCallCapUsd: 40 }]), convention: IF_CONVERTED };
  close(solvePerShare(4000, capped).priceUsd, 30);
  // Without the cap: 4000 ÷ 150.
  close(solvePerShare(4000, { ...structure(100, [textbook]), convention: IF_CONVERTED }).priceUsd, 4000 / 150);
  assert.equal(solvePerShare(-1, { ...structure(100, [textbook]), convention: IF_CONVERTED }).floored, true);
});

test('solvePerShare, bond floor plus option: the returned P satisfies P × basic + floor + N × C(P) = E', () => {
  // By hand at P = 18 (convertible-claim.test.ts): floor 863.7614786 + 50 × 6.1176832 = 1,169.6456369; with 100
  // basic shares E = 1,800 + 1,169.6456369 = 2,969.6456369. Solving at that E gives back P = 18.
  const cap = { ...structure(100, [textbook]), convention: BOND_FLOOR };
  const sol = solvePerShare(2969.6456368563336, cap);
  close(sol.priceUsd, 18, 1e-9);
  assert.equal(sol.convertibles[0]?.treatedAs, 'bond-floor-plus-option');
  assert.equal(sol.convertibleDebtUsd.toFixed(4), '863.7615');
  assert.equal((sol.convertibleOptionUsd / 50).toFixed(4), '6.1177');
  close(sol.priceUsd * sol.dilutedShares + sol.convertibleDebtUsd + sol.convertibleOptionUsd, 2969.6456368563336);
  // Floored when E does not cover the bond floor.
  assert.equal(solvePerShare(863, cap).floored, true);
  assert.equal(solvePerShare(864, cap).floored, false);
  // The capped call the company holds leaves more for the shares: 100 P + floor + 50 C(P; 30) = E.
  const capped = solvePerShare(2969.6456368563336, {
    ...structure(100, [{ ...textbook, cappedCallCapUsd: 30 }]),
    convention: BOND_FLOOR,
  });
  assert.ok(capped.priceUsd > 18);
  close(capped.priceUsd * 100 + capped.convertibleDebtUsd + capped.convertibleOptionUsd, 2969.6456368563336);
});

test('solvePerShare: for the same E, if-converted ≥ bond floor ≥ switch below K far below K (option cheap)', () => {
  for (const e of [1200, 1500, 1800]) {
    const price = (convention?: typeof IF_CONVERTED | typeof BOND_FLOOR) =>
      solvePerShare(e, { ...structure(100, [textbook]), convention }).priceUsd;
    // Switch: (E − 1000) ÷ 100; if-converted: E ÷ 150; bond floor in between while the option is cheap.
    close(price(), (e - 1000) / 100);
    close(price(IF_CONVERTED), e / 150);
    assert.ok(price(BOND_FLOOR) > price() && price(BOND_FLOOR) < price(IF_CONVERTED), `E = ${e}`);
  }
});

const conventionArb = fc.constantFrom(undefined, IF_CONVERTED, BOND_FLOOR);
const datedStructureArb = fc
  .tuple(structureArb, fc.array(uniform(0.1, 8), { minLength: 4, maxLength: 4 }), conventionArb)
  .map(([cap, years, convention]) => ({
    ...cap,
    convention,
    convertibles: cap.convertibles.map((c, i) => ({ ...c, yearsToMaturity: years[i], couponRatePerYear: 0.01 * i })),
  }));

test('solvePerShare (property, every convention): P non-decreasing in E, and the equation holds at P', () => {
  fc.assert(
    fc.property(datedStructureArb, uniform(-20, 400), uniform(-20, 400), (cap, x1, x2) => {
      const principals = cap.convertibles.reduce((s, c) => s + c.principalUsd, 0);
      const [lo, hi] = [principals + x1 * cap.basicShares, principals + x2 * cap.basicShares].sort((a, b) => a - b);
      const a = solvePerShare(lo as number, cap);
      const b = solvePerShare(hi as number, cap);
      assert.ok(b.priceUsd >= a.priceUsd - 1e-12 * Math.max(1, a.priceUsd));
      for (const [e, sol] of [
        [lo as number, a],
        [hi as number, b],
      ] as const) {
        if (sol.floored) continue;
        const total = sol.priceUsd * sol.dilutedShares + sol.convertibleDebtUsd + sol.convertibleOptionUsd;
        close(total, e, 1e-9);
      }
    }),
    { seed: 1818, numRuns: 400 },
  );
});
