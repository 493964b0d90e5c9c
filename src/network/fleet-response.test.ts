import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  initialInstalledEhs,
  installOneDay,
  newCapacityGrowthPerYear,
  onlineHashrateEhs,
  onlineShare,
  responseStep,
} from './fleet-response.ts';
import { TWO_TIER_CURVE } from './fleet-test-fixtures.ts';

const CURVE = TWO_TIER_CURVE;

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);

test('a tier is off below its cost band, on above it, and in proportion within it (hand-checked)', () => {
  // 30 J/TH costs 30 × 30 × 0.024 = $21.60 to 30 × 50 × 0.024 = $36.00 per PH/day.
  close(onlineShare(CURVE, 30, 21.6), 0, '30 J/TH at the low end');
  close(onlineShare(CURVE, 30, 20), 0, '30 J/TH below cost');
  close(onlineShare(CURVE, 30, 28.8), 0.5, '30 J/TH mid-band: (28.8 − 21.6) / 14.4');
  close(onlineShare(CURVE, 30, 40), 1, '30 J/TH above cost');
  // 17 J/TH costs $12.24 to $20.40: at $20, (20 − 12.24) / 8.16 = 0.950980…
  close(onlineShare(CURVE, 17, 20), (20 - 12.24) / 8.16, '17 J/TH at $20');
  // 1,000 EH/s installed half and half: at $20 the 30 J/TH half is off, the 17 J/TH half 95.1% on.
  const installed = initialInstalledEhs(CURVE, 1000);
  assert.deepEqual(Array.from(installed), [500, 500, 0]);
  close(onlineHashrateEhs(CURVE, installed, 20), 500 * ((20 - 12.24) / 8.16), 'online at $20');
  close(onlineHashrateEhs(CURVE, installed, 11), 0, 'everything off below $12.24');
  // A single power price: a step at the tier's cost.
  const step = { ...CURVE, powerUsdPerMwhLow: 40, powerUsdPerMwhHigh: 40 };
  assert.equal(onlineShare(step, 30, 28.79), 0);
  assert.equal(onlineShare(step, 30, 28.8), 1);
});

test('growth slows as margins compress and stops at the payback threshold (hand-checked)', () => {
  // A new 17 J/TH machine at the mid price ($40/MWh) costs 17 × 40 × 0.024 = $16.32/PH/day; paying back $25.70/TH
  // in 1,000 days needs a margin of $25.70/PH/day, so growth starts above a hashprice of $42.02.
  close(newCapacityGrowthPerYear(CURVE, 42.02), 0, 'at the threshold');
  close(newCapacityGrowthPerYear(CURVE, 35), 0, 'below the threshold');
  // Margin 1.5× the required ($38.55 → hashprice $54.87): growth 1.04 × 0.5 = 52%/yr.
  close(newCapacityGrowthPerYear(CURVE, 16.32 + 1.5 * 25.7), 0.52, 'margin 1.5× required');
  // Margin 2× the required: growth 104%/yr, capped at 100%/yr.
  close(newCapacityGrowthPerYear(CURVE, 16.32 + 2 * 25.7), 1, 'capped');
  let previous = Infinity;
  for (let hashprice = 70; hashprice >= 40; hashprice -= 1) {
    const growth = newCapacityGrowthPerYear(CURVE, hashprice);
    assert.ok(growth <= previous, `growth at $${hashprice}`);
    previous = growth;
  }
  // One day at 100%/yr on 1,000 EH/s installed adds 1,000 × (2^(1/365.25) − 1) EH/s, into the new-capacity slot.
  const installed = Float64Array.from([500, 500, 0]);
  installOneDay(installed, 1);
  close(installed[2] as number, 1000 * (Math.pow(2, 1 / 365.25) - 1), 'one day of growth');
  installOneDay(installed, 0);
  close(installed[2] as number, 1000 * (Math.pow(2, 1 / 365.25) - 1), 'no growth at 0');
});

test('response step: the same day at 0 days, 1 − e^(−1/τ) a day otherwise', () => {
  assert.equal(responseStep(0), 1);
  close(responseStep(14), 1 - Math.exp(-1 / 14), 'τ = 14 days');
});
