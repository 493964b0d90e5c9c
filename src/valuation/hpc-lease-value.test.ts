// leaseValue (DESIGN.md §6) by its three methods against hand computations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leaseValue, type LeaseAsset, type LeaseParameters } from './hpc-lease-value.ts';
import { closeWith, contract, day, DAYS_PER_YEAR, s, V } from './valuation-test-fixtures.ts';

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

test('leaseValue per-mw: critical-IT MW × equity $/MW × probability × ownership', () => {
  const params: LeaseParameters = { method: 'per-mw', discountRatePerYear: s(0.1), equityUsdPerItMw: s(10e6) };
  const v = leaseValue(lease(), params, V);
  assert.equal(v.grossValueUsd, 1e9);
  close(v.valueUsd, 1e9 * 0.9 * 0.8);
  assert.equal(v.criticalItMw, 100);
  assert.throws(() => leaseValue(lease(), { method: 'per-mw', discountRatePerYear: s(0) }, V), RangeError);
});

test(
  'leaseValue cap-rate: rent/day × 365.25 × margin ÷ cap rate − capex, ' +
    'discounted to the start, × probability × ownership',
  () => {
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
  },
);

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

test(
  'leaseValue: forfeitedShare scales a positive value only; ' + 'a lease worth less than its capex keeps its value',
  () => {
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
  },
);
