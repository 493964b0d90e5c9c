import { test } from 'node:test';
import assert from 'node:assert/strict';
import { difficultyFromBits } from '../protocol/difficulty.ts';
import { dayStartUnixS, type DayNumber } from '../units/calendar-day.ts';
import { projectDeterministic, type ProjectionSetup } from './monte-carlo.ts';
import type { ChainState } from './projection-inputs.ts';
import { TWO_TIER_CURVE } from './fleet-test-fixtures.ts';

// A synthetic start: the end of day 20000 is exactly the first block of epoch 400 (height 806,400), at 141.67T.
const AS_OF = 20_000 as DayNumber;
const BITS = 0x1701fca1;
const D = difficultyFromBits(BITS);
const START: ChainState = {
  asOfDay: AS_OF,
  tipHeight: 806_400,
  epochStartHeight: 806_400,
  epochStartTimeS: dayStartUnixS(AS_OF) + 86_400,
  bits: BITS,
  spotHashpriceUsdPerPhDay: 40,
};
/** Hashrate that mines a block every 600 s at difficulty D. */
const H600 = (D * 2 ** 32) / 600 / 1e18;

function setup(hashrateEhs: (day: number) => number, days: number, start: ChainState = START): ProjectionSetup {
  return {
    start,
    paths: {
      dayCount: days,
      hashrateEhs: Float64Array.from({ length: days }, (_, d) => hashrateEhs(d)),
      feesPerBlockBtc: new Float64Array(days).fill(0.02),
      feeShareOfRewards: new Float64Array(days).fill(NaN),
      priceUsd: new Float64Array(days).fill(90_000),
    },
    volatility: { hashratePerYear: 0, pricePerYear: 0 },
    response: null,
  };
}

test('flat hashrate: 144 blocks a day and a flat difficulty, to the protocol off-by-one and compact rounding', () => {
  const path = projectDeterministic(setup(() => H600, 365));
  // Before the first retarget, exactly 144 expected blocks a day at 600 s.
  assert.ok(Math.abs((path.blocks[0] as number) - 144) < 1e-9);
  // The rule measures 2015 intervals against 2016 × 600 s, so the equilibrium interval is 600 × 2016/2015 s:
  // difficulty settles 0.05% above D after the first retarget and stays there.
  const equilibrium = D * (2016 / 2015);
  for (let r = 0; r < path.retargetCount; r++) {
    assert.ok(Math.abs((path.retargetDifficulty[r] as number) / equilibrium - 1) < 2e-5, `retarget ${r}`);
    if (r > 0) assert.equal(path.retargetBits[r], path.retargetBits[1]);
  }
  assert.ok(path.retargetCount >= 25);
  const lastDayBlocks = path.blocks[364] as number;
  assert.ok(Math.abs(lastDayBlocks / ((144 * 2015) / 2016) - 1) < 2e-5, `blocks/day ${lastDayBlocks}`);
});

test('a doubling of hashrate is met by retargets that bring blocks back to 600 s, within the clamp', () => {
  const path = projectDeterministic(setup(() => 2 * H600, 120));
  assert.ok(Math.abs((path.blocks[0] as number) - 288) < 1e-9); // twice as fast until the first retarget
  const first = path.retargetDifficulty[0] as number;
  assert.ok(Math.abs(first / (2 * D * (2016 / 2015)) - 1) < 2e-5); // ×2: inside the ×4 clamp
  assert.equal(path.retargetClamped[0], 0);
  const settled = path.blocks[100] as number;
  assert.ok(Math.abs(settled / ((144 * 2015) / 2016) - 1) < 2e-5, `blocks/day ${settled}`);
});

test('a tenfold jump hits the ×4 clamp, then converges', () => {
  const path = projectDeterministic(setup(() => 10 * H600, 60));
  assert.equal(path.retargetClamped[0], 1);
  assert.ok(Math.abs((path.retargetDifficulty[0] as number) / (4 * D) - 1) < 1e-4); // capped at ×4
  for (let r = 1; r < path.retargetCount; r++) {
    const ratio = (path.retargetDifficulty[r] as number) / (path.retargetDifficulty[r - 1] as number);
    assert.ok(ratio <= 4 + 1e-9 && ratio >= 0.25 - 1e-9);
  }
  const settled = path.blocks[59] as number;
  assert.ok(Math.abs(settled / ((144 * 2015) / 2016) - 1) < 1e-3, `blocks/day ${settled}`);
});

test('halvings by height: the subsidy halves at 1,050,000, mid-day, and issuance follows block by block', () => {
  const start: ChainState = {
    ...START,
    tipHeight: 1_049_900,
    epochStartHeight: 1_048_992,
    epochStartTimeS: START.epochStartTimeS - 908 * 600,
  };
  const path = projectDeterministic(setup(() => H600, 3, start));
  assert.equal(path.halvingCount, 1);
  assert.equal(path.halvingHeight[0], 1_050_000);
  // Day 0: 100 blocks at 3.125 and 44 at 1.5625 (heights 1,050,000 … 1,050,043).
  assert.ok(Math.abs((path.issuanceBtc[0] as number) - (99 * 3.125 + 45 * 1.5625)) < 1e-6);
  assert.ok(Math.abs((path.issuanceBtc[1] as number) - 144 * 1.5625) < 1e-6);
});

test('hashprice response: hashrate grows when hashprice has stayed above its starting level, with the lag', () => {
  const base = setup(() => H600, 200);
  // The path earns about $40/PH/day (0.000446 BTC × $90,000); against a starting level of $30 hashrate rises,
  // against $200 it falls.
  const start = { ...START, spotHashpriceUsdPerPhDay: 30 };
  const plain = projectDeterministic({ ...base, start });
  const responding = projectDeterministic({ ...base, start, response: { elasticity: 1, lagDays: 30 } });
  assert.equal(responding.hashrateEhs[30], plain.hashrateEhs[30]); // nothing moves before the lag has passed
  assert.ok((responding.hashrateEhs[199] as number) > (plain.hashrateEhs[199] as number));
  const falling = projectDeterministic({
    ...base,
    start: { ...start, spotHashpriceUsdPerPhDay: 200 },
    response: { elasticity: 1, lagDays: 30 },
  });
  assert.ok((falling.hashrateEhs[199] as number) < (plain.hashrateEhs[199] as number));
});

// The hashprice-responsive network (fleet-response.ts): two tiers of 30 and 17 J/TH, half each, power $30–50/MWh.
const FLEET_CURVE = TWO_TIER_CURVE;
/** BTC per PH/s per day at D with a 6.25 BTC subsidy and 0.02 BTC of fees: 1e15 × 86400 / (D × 2^32) × 6.27. */
const HASHVALUE = ((1e15 * 86_400) / (D * 2 ** 32)) * 6.27;

function fleetSetup(priceUsd: number, days: number, curve = FLEET_CURVE): ProjectionSetup {
  const base = setup(() => H600, days);
  base.paths.priceUsd.fill(priceUsd);
  return { ...base, fleet: { curve, startHashrateEhs: H600 } };
}

test('responsive network: capacity below its power cost switches off (hand-checked)', () => {
  // Hashprice $18/PH/day: the 30 J/TH half (cost $21.60–36.00) is off; the 17 J/TH half (cost $12.24–20.40) is
  // (18 − 12.24) / 8.16 = 70.6% on. Day 0 runs 0.5 × 0.70588 of the start hashrate, and mines that share of 144 blocks.
  const path = projectDeterministic(fleetSetup(18 / HASHVALUE, 30));
  assert.ok(Math.abs((path.spotHashpriceUsdPerPhDay[0] as number) - 18) < 1e-9);
  const share = 0.5 * ((18 - 12.24) / 8.16);
  assert.ok(Math.abs((path.hashrateEhs[0] as number) / H600 - share) < 1e-12, `${path.hashrateEhs[0]}`);
  assert.ok(Math.abs((path.blocks[0] as number) - 144 * share) < 1e-9);
  // Below every tier's cost ($10 < $12.24) the network is off.
  assert.equal(projectDeterministic(fleetSetup(10 / HASHVALUE, 3)).hashrateEhs[0], 0);
  // Above every tier's cost and below the growth threshold ($40 < $42.02) all of it runs and none is added.
  const covered = projectDeterministic(fleetSetup(40 / HASHVALUE, 60));
  assert.ok(Math.abs((covered.hashrateEhs[59] as number) / H600 - 1) < 1e-12);
});

test('responsive network: after switch-off, the retarget lowers difficulty and hashprice recovers', () => {
  const path = projectDeterministic(fleetSetup(25 / HASHVALUE, 120));
  // At $25 the 30 J/TH half is (25 − 21.6) / 14.4 = 23.6% on: the network runs 61.8% of the start and difficulty falls.
  assert.ok(Math.abs((path.hashrateEhs[0] as number) / H600 - (0.5 + 0.5 * (3.4 / 14.4))) < 1e-12);
  assert.ok((path.retargetDifficulty[0] as number) < D * 0.7);
  assert.ok((path.spotHashpriceUsdPerPhDay[119] as number) > 30, `${path.spotHashpriceUsdPerPhDay[119]}`);
});

test('responsive network: growth slows as margins compress', () => {
  // New capacity over a year at hashprice $60 vs $50 (threshold $42.02): more margin, faster growth.
  const growthAt = (hashprice: number) => {
    const path = projectDeterministic(fleetSetup(hashprice / HASHVALUE, 10));
    return (path.hashrateEhs[9] as number) / H600 - 1;
  };
  // Before the first retarget hashprice stays put: 10 days at g = 1.04 × (h − 16.32 − 25.7) / 25.7 per year.
  const expected = (h: number) => Math.pow(1 + (1.04 * (h - 42.02)) / 25.7, 10 / 365.25) - 1;
  assert.ok(Math.abs(growthAt(60) - expected(60)) < 1e-12, `${growthAt(60)} vs ${expected(60)}`);
  assert.ok(Math.abs(growthAt(50) - expected(50)) < 1e-12);
  assert.ok(growthAt(60) > growthAt(50) && growthAt(50) > 0);
});

test('exogenous network unchanged: no fleet (or a null one) steps the scenario path exactly as before', () => {
  const exogenous = setup((d) => H600 * (1 + d / 1000), 200);
  const a = projectDeterministic(exogenous);
  const b = projectDeterministic({ ...exogenous, fleet: null });
  assert.deepEqual(Array.from(a.hashrateEhs), Array.from(b.hashrateEhs));
  assert.deepEqual(Array.from(a.blocks), Array.from(b.blocks));
  assert.ok(Array.from(a.hashrateEhs).every((h, d) => h === (exogenous.paths.hashrateEhs[d] as number)));
  assert.ok(Array.from(a.spotHashpriceUsdPerPhDay).every(Number.isNaN));
});
