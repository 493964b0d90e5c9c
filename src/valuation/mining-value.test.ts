// miningValue (DESIGN.md §6): gross profit over the horizon, discounting, the shutdown option and EV per EH/s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corporateCostValue } from './corporate-costs.ts';
import { miningValue, type MiningParameters } from './mining-value.ts';
import { closeWith, day, DAYS_PER_YEAR, fakeDays, s, V } from './valuation-test-fixtures.ts';

const close = closeWith(assert.ok);

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
  subtractRefreshCapex: true,
  ...overrides,
});

test(
  'miningValue gross-profit: ' +
    'Σ revenue − power + credits − other costs over round(h × 365.25) days from startIndex',
  () => {
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
  },
);

test(
  'miningValue: each day discounted by (1 + r)^−(t/365.25), ' + 't counted from the valuation day to the day’s end',
  () => {
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
  },
);

test(
  'miningValue: the shutdown option switches off days whose revenue is below their mining cash cost; ' +
    'refresh capex stops with them; SG&A is not mining’s',
  () => {
    const sga = Array<number>(10).fill(3);
    const refresh = Array<number>(10).fill(1);
    const days = { ...miningDays, cashSgaUsd: Float64Array.from(sga), refreshCapexUsd: Float64Array.from(refresh) };
    const v = miningValue(days, 2, miningParams({ shutdownWhenUnprofitable: true }));
    // Mining cash cost = power − credits + other: day 4 80 − 2 + 10 = 88 > 50 and day 6 70 − 2 + 10 = 78 > 20 are
    // off (no revenue, cost or refresh). The other four days earn 342 + (88 − 50) + (78 − 20) = 438 before
    // refresh (4 × 1): 438 − 4 = 434. SG&A is valued as a corporate cost, not here.
    close(v.valueUsd, 434);
    // A gross-profit "opportunity" without refresh capex: 438.
    close(
      miningValue(days, 2, miningParams({ shutdownWhenUnprofitable: true, subtractRefreshCapex: false })).valueUsd,
      438,
    );
    close(v.btcMined, 7.7 - 0.5 - 0.2);
    close(v.revenueUsd, 770 - 50 - 20);
    close(v.cashCostUsd, 380 - 12 + 60 - 88 - 78);
  },
);

test('miningValue ev-per-eh: operating EH/s on the first valued day × EV per EH/s', () => {
  const v = miningValue(miningDays, 2, miningParams({ method: 'ev-per-eh', evPerEhUsd: s(60e6) }));
  assert.equal(v.valueUsd, 8 * 60e6);
  assert.throws(() => miningValue(miningDays, 2, miningParams({ method: 'ev-per-eh' })), RangeError);
});

test('corporateCostValue: cash SG&A over the horizon, discounted; nothing if the methodology does not count it', () => {
  const days = { ...miningDays, cashSgaUsd: Float64Array.from(Array<number>(10).fill(3)) };
  const parameters = { subtractCashSga: true, horizonYears: s(SIX_DAYS), discountRatePerYear: s(0.1) };
  const v = corporateCostValue(days, 2, parameters);
  // Six days of 3 USD, day k (1..6) discounted by 1.1^(−k/365.25).
  let expected = 0;
  for (let k = 1; k <= 6; k++) expected += 3 * 1.1 ** (-k / DAYS_PER_YEAR);
  close(v.costUsd, expected);
  close(v.cashSgaUsd, 18);
  assert.equal(corporateCostValue(days, 2, { ...parameters, subtractCashSga: false }).costUsd, 0);
});
