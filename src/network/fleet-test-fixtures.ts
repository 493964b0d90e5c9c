/**
 * The network fleet the tests of the hashprice-responsive model share (fleet-response.test.ts,
 * projection-stepper.test.ts): two tiers of 30 and 17 J/TH, half each; power spread over $30–50/MWh; new machines at
 * 17 J/TH for $25.70/TH and a 1,000-day payback.
 */
import type { FleetCostCurve } from './fleet-response.ts';

export const TWO_TIER_CURVE: FleetCostCurve = {
  tiers: [
    { efficiencyJPerTh: 30, shareOfStart: 0.5 },
    { efficiencyJPerTh: 17, shareOfStart: 0.5 },
  ],
  powerUsdPerMwhLow: 30,
  powerUsdPerMwhHigh: 50,
  responseDays: 0,
  newCapacity: {
    efficiencyJPerTh: 17,
    machineUsdPerTh: 25.7,
    paybackDays: 1000,
    growthAtDoubleMargin: 1.04,
    maxGrowthPerYear: 1,
    lagDays: 0,
  },
};
