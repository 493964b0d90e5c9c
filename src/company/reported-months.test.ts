import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DayNumber } from '../units/calendar-day.ts';
import type { CompanyDays } from './company-days.ts';
import { replaceWithReportedMonths } from './reported-months.ts';

function days(btc: number[], price: number[]): CompanyDays {
  const n = btc.length;
  const zeros = () => new Float64Array(n);
  return {
    firstDay: 10 as DayNumber,
    dayCount: n,
    firstProjectedIndex: n,
    btcMined: Float64Array.from(btc),
    jointVentureBtc: zeros(),
    miningRevenueUsd: Float64Array.from(btc, (b, i) => b * (price[i] as number)),
    energizedEhs: zeros(),
    operatingEhs: zeros(),
    efficiencyJPerTh: zeros(),
    displacedEhs: zeros(),
    networkHashrateEhs: zeros(),
    powerMwh: zeros(),
    powerCostUsd: zeros(),
    powerCreditsUsd: zeros(),
    otherMiningCashCostsUsd: zeros(),
    hostedShare: 0,
    refreshCapexUsd: zeros(),
    hpcRevenueUsd: zeros(),
    hpcOperatingCostUsd: zeros(),
    cashSgaUsd: zeros(),
    priceUsd: Float64Array.from(price),
  };
}

test(
  'a reported month is spread over its days in proportion to the modeled production; ' +
    'months outside the span are skipped',
  () => {
    const company = days([1, 3, 0, 2], [100, 200, 300, 400]);
    const inside = { month: 'm1', startDay: 10 as DayNumber, endDayExclusive: 13 as DayNumber, btcProduced: 8 };
    const outside = { month: 'm2', startDay: 12 as DayNumber, endDayExclusive: 20 as DayNumber, btcProduced: 99 };
    assert.deepEqual(replaceWithReportedMonths(company, [inside, outside]), [inside]);
    assert.deepEqual(Array.from(company.btcMined), [2, 6, 0, 2]);
    assert.deepEqual(Array.from(company.miningRevenueUsd), [200, 1200, 0, 800]);
  },
);

test('where the model has no production (or unknown capacity), the reported month is spread evenly', () => {
  const company = days([NaN, NaN], [100, 300]);
  replaceWithReportedMonths(company, [
    { month: 'm', startDay: 10 as DayNumber, endDayExclusive: 12 as DayNumber, btcProduced: 10 },
  ]);
  assert.deepEqual(Array.from(company.btcMined), [5, 5]);
  assert.deepEqual(Array.from(company.miningRevenueUsd), [500, 1500]);
});
