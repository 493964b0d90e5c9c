// leaseValue (DESIGN.md §6; docs/methodology.md "HPC lease valuation") against hand computations: a lease's value is
// the sum of its discounted cash flows, with escalator, terminal value, GPU refresh and residual, prepayment timing and
// the tenant's credit spread each written out below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leaseValue, type LeaseAsset, type LeaseParameters } from './hpc-lease-value.ts';
import { cashFlowParameters, closeWith, contract, day, DAYS_PER_YEAR, s, V } from './valuation-test-fixtures.ts';

const close = closeWith(assert.ok);

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

const cashFlow = (overrides: Parameters<typeof cashFlowParameters>[0] = {}): LeaseParameters => ({
  method: 'cash-flow',
  cashFlow: cashFlowParameters(overrides),
});

/** Σ_{k=from}^{to} q^k, a geometric sum. */
const geometric = (q: number, from: number, to: number) => (q ** from - q ** (to + 1)) / (1 - q);

test('leaseValue per-mw: critical-IT MW × equity $/MW × probability × ownership', () => {
  const v = leaseValue(lease(), { method: 'per-mw', equityUsdPerItMw: s(10e6) }, V);
  assert.equal(v.grossValueUsd, 1e9);
  close(v.valueUsd, 1e9 * 0.9 * 0.8);
  assert.equal(v.criticalItMw, 100);
  assert.equal(v.cashFlows, undefined);
  assert.throws(() => leaseValue(lease(), { method: 'per-mw' }, V), RangeError);
});

test('leaseValue cash-flow: a two-year colocation lease equals the sum of its discounted cash flows, by hand', () => {
  // Starts the day after the valuation day, 731 days: lease year 0 = days 0…365 (366 days, 365 < 365.25), lease
  // year 1 = days 366…730 at rent × 1.03. Tenant investment-grade: r = 5% + 1% = 6%. A day's cash is discounted
  // from its end: day k of the lease (day V + 1 + k) by k + 2 days. Capex $10M on day V + 100. Terminal at the end
  // (day V + 732): renewal 50% × final-year NOI (year 1) ÷ 7%.
  const a = 100_000;
  const e = 0.03;
  const m = 0.8;
  const c = contract({ startDay: day(V + 1), endDayExclusive: day(V + 732), escalatorPerYear: e, noiMargin: m });
  const asset = lease({
    contract: c,
    remainingCapexUsd: s(10e6),
    capexSchedule: { payments: [{ day: day(V + 100), usd: 10e6 }], source: 'test' },
    tenantCredit: { class: 'investment-grade', source: 'test' },
  });
  const v = leaseValue(asset, cashFlow(), V);
  const r = 0.06;
  const q = (1 + r) ** (-1 / DAYS_PER_YEAR);
  const rentPv = a * geometric(q, 2, 367) + a * (1 + e) * geometric(q, 368, 732);
  const opexPv = -(1 - m) * rentPv;
  const capexPv = -10e6 * q ** 100;
  const terminalPv = ((0.5 * a * DAYS_PER_YEAR * (1 + e) * m) / 0.07) * q ** 732;
  const hand = rentPv + opexPv + capexPv + terminalPv;

  close(v.discountRatePerYear!, r);
  const flows = v.cashFlows!;
  close(flows.pvUsd.rent, rentPv, 1e-10);
  close(flows.pvUsd.opex, opexPv, 1e-10);
  close(flows.pvUsd.capex, capexPv, 1e-12);
  close(flows.pvUsd.terminal, terminalPv, 1e-12);
  close(v.grossValueUsd, hand, 1e-10);
  close(v.valueUsd, hand * 0.9 * 0.8, 1e-10);
  // The rows (calendar years) carry the same cash: nominal rent 366 a + 365 a (1 + e), and their PVs sum to the value.
  close(
    flows.rows.reduce((sum, row) => sum + row.rentUsd, 0),
    366 * a + 365 * a * (1 + e),
    1e-12,
  );
  close(
    flows.rows.reduce((sum, row) => sum + row.pvUsd, 0),
    v.grossValueUsd,
    1e-12,
  );
  assert.deepEqual(
    flows.rows.map((row) => row.period),
    ['2024', '2025', '2026'],
  );

  // No renewal: exactly the terminal term goes.
  const noRenewal = leaseValue(asset, cashFlow({ renewalProbability: s(0) }), V);
  close(noRenewal.grossValueUsd, hand - terminalPv, 1e-10);
});

test('leaseValue cash-flow: the tenant credit spread sets the rate; unrated when the file gives no class', () => {
  const c = contract({ startDay: day(V + 1), endDayExclusive: day(V + 732) });
  const byClass = (tenantCredit: LeaseAsset['tenantCredit']) =>
    leaseValue(lease({ contract: c, remainingCapexUsd: s(0), tenantCredit }), cashFlow(), V);
  const ig = byClass({ class: 'investment-grade', source: 'test' });
  const backstopped = byClass({
    class: 'backstopped',
    source: 'test',
    backstop: { guarantor: 'G', amountUsd: 1e8, source: 'test' },
  });
  const unrated = byClass(undefined);
  close(ig.discountRatePerYear!, 0.06);
  close(backstopped.discountRatePerYear!, 0.07);
  close(unrated.discountRatePerYear!, 0.09);
  assert.ok(ig.grossValueUsd > backstopped.grossValueUsd && backstopped.grossValueUsd > unrated.grossValueUsd);
  // The same cash flows, discounted at 9%: the terminal value alone, by hand.
  const q9 = 1.09 ** (-1 / DAYS_PER_YEAR);
  close(unrated.cashFlows!.pvUsd.terminal, ((0.5 * 100_000 * DAYS_PER_YEAR * 0.8) / 0.07) * q9 ** 732, 1e-12);
  assert.ok(backstopped.explain.inputs.some((i) => i.name === 'backstop by G' && i.value === 1e8));
});

test('leaseValue cash-flow: a prepayment is cash on its day, credited against rent from its lease year', () => {
  // 731-day lease from V + 1, flat rent; $50M received on day V + 10, credited over lease year 2 (days 366…730, 365
  // days of equal rent): −50M ÷ 365 a day, each discounted k + 2 days.
  const c = contract({ startDay: day(V + 1), endDayExclusive: day(V + 732) });
  const prepaid = (receiptDay: number) =>
    leaseValue(
      lease({
        contract: c,
        remainingCapexUsd: s(0),
        prepayment: { receipts: [{ day: day(receiptDay), usd: 50e6 }], creditFromLeaseYear: 2, source: 'test' },
      }),
      cashFlow(),
      V,
    );
  const q = 1.09 ** (-1 / DAYS_PER_YEAR);
  const v = prepaid(V + 10);
  close(v.cashFlows!.pvUsd.prepayment, 50e6 * q ** 10 - (50e6 / 365) * geometric(q, 368, 732), 1e-10);
  close(
    v.cashFlows!.rows.reduce((sum, row) => sum + row.prepaymentUsd, 0),
    0,
    1e-6,
  );
  const none = leaseValue(lease({ contract: c, remainingCapexUsd: s(0) }), cashFlow(), V);
  close(v.grossValueUsd - none.grossValueUsd, v.cashFlows!.pvUsd.prepayment, 1e-10);
  // Received later, worth less; received before the valuation day, already in cash: only the credit is left.
  assert.ok(prepaid(V + 200).grossValueUsd < v.grossValueUsd);
  close(prepaid(V - 5).cashFlows!.pvUsd.prepayment, -(50e6 / 365) * geometric(q, 368, 732), 1e-10);
});

test('leaseValue cash-flow, GPU cloud: power and other opex, GPU refresh inside the term, residual and re-let', () => {
  // 5-year (1,827-day) cloud lease from V + 1, no ramp; GPU life 2 years → GPUs bought again on lease days 731 and
  // 1,461; GPU capex $100M, facility $20M, both scheduled on V + 1. Power: 13 gross MW × 24 h × $50 = $15,600 a day;
  // other opex 10 IT MW × $365,250 ÷ 365.25 = $10,000 a day. Unrated: r = 9%.
  const c = contract({ startDay: day(V + 1), endDayExclusive: day(V + 1828), firstYearRentUsdPerDay: 200_000 });
  const v = leaseValue(
    lease({
      kind: 'cloud',
      contract: c,
      criticalItMw: s(10),
      grossMw: s(13),
      powerPriceUsdPerMwh: s(50),
      otherOpexUsdPerItMwYear: s(365_250),
      gpuCapexUsd: s(100e6),
      remainingCapexUsd: s(20e6),
      capexSchedule: { payments: [{ day: day(V + 1), usd: 120e6 }], source: 'test' },
    }),
    cashFlow({ gpuLifeYears: s(2) }),
    V,
  );
  const q = 1.09 ** (-1 / DAYS_PER_YEAR);
  const days = geometric(q, 2, 1828);
  const f = v.cashFlows!.pvUsd;
  close(f.rent, 200_000 * days, 1e-10);
  close(f.opex, -(15_600 + 10_000) * days, 1e-10);
  close(f.capex, -120e6 * q - 100e6 * (q ** 732 + q ** 1462), 1e-12);
  close(f.residual, 0.1 * 100e6 * q ** 1828, 1e-12);
  // Re-let: 50% × 10 IT MW × $1M ÷ 7%.
  close(f.terminal, ((0.5 * 10 * 1e6) / 0.07) * q ** 1828, 1e-12);
  close(v.grossValueUsd, f.rent + f.opex + f.capex + f.residual + f.terminal, 1e-12);
  assert.throws(() => leaseValue(lease({ kind: 'cloud', contract: c }), cashFlow(), V), /powerPriceUsdPerMwh/);
});

test('leaseValue cash-flow: capex without a schedule is spread monthly over the months before the start', () => {
  // Start V + 730, 12 months: $200M ÷ 12 on start − 11, …, start − 0 months (365.25 ÷ 12 days apart, rounded).
  const v = leaseValue(lease({ tenantCredit: { class: 'investment-grade', source: 'test' } }), cashFlow(), V);
  const q = 1.06 ** (-1 / DAYS_PER_YEAR);
  let hand = 0;
  for (let i = 0; i < 12; i++) hand -= (200e6 / 12) * q ** Math.round(730 - (11 - i) * (DAYS_PER_YEAR / 12));
  close(v.cashFlows!.pvUsd.capex, hand, 1e-12);
  // A build window already begun: the months past are paid on the valuation day, undiscounted.
  const soon = leaseValue(
    lease({ contract: contract({ startDay: day(V + 61) }), tenantCredit: { class: 'investment-grade', source: 'x' } }),
    cashFlow(),
    V,
  );
  close(soon.cashFlows!.rows[0]!.capexUsd, -200e6);
});

test('leaseValue: a lease whose term has ended is worth 0 by every method', () => {
  const ended = contract({ startDay: day(V - 500), endDayExclusive: day(V + 1) });
  for (const params of [{ method: 'per-mw', equityUsdPerItMw: s(10e6) }, cashFlow()] as LeaseParameters[]) {
    const v = leaseValue(lease({ contract: ended }), params, V);
    assert.equal(v.grossValueUsd, 0, params.method);
    assert.equal(v.valueUsd, 0, params.method);
  }
});

test('leaseValue: forfeitedShare scales a positive value only; a lease under water keeps its value', () => {
  const base = leaseValue(lease(), cashFlow(), V);
  assert.ok(base.valueUsd > 0);
  const quarter = leaseValue(lease({ forfeitedShare: 0.25 }), cashFlow(), V);
  close(quarter.valueUsd, base.valueUsd * 0.75);
  assert.equal(quarter.grossValueUsd, base.grossValueUsd);
  assert.ok(quarter.explain.inputs.some((i) => i.name.includes('not forfeited') && i.value === 0.75));

  const underwater = lease({ remainingCapexUsd: s(5e9) });
  const neg = leaseValue(underwater, cashFlow(), V);
  assert.ok(neg.valueUsd < 0);
  assert.equal(leaseValue({ ...underwater, forfeitedShare: 0.25 }, cashFlow(), V).valueUsd, neg.valueUsd);
});

test('leaseValue: a signed MW below the pipeline $/MW of its kind says why; above it, no reason', () => {
  const below = leaseValue(lease(), cashFlow(), V, s(50e6));
  const perMw = below.grossValueUsd / 100;
  assert.equal(below.perMwCheck!.leaseUsdPerItMw, perMw);
  assert.ok(below.perMwCheck!.below);
  // Parts per IT MW, costs first: capex PV ÷ 100 MW.
  const capexPerMw = (-below.cashFlows!.pvUsd.capex / 100 / 1e6).toFixed(1);
  assert.ok(below.perMwCheck!.reason.includes(`per IT MW of capex −$${capexPerMw}M, opex`));
  assert.match(below.perMwCheck!.reason, /10\.0-year term discounted at 9\.00%/);
  const above = leaseValue(lease(), cashFlow(), V, s(0.5e6));
  assert.deepEqual([above.perMwCheck!.below, above.perMwCheck!.reason], [false, '']);
  assert.equal(leaseValue(lease(), cashFlow(), V).perMwCheck, undefined);
});
