// The three convertible conventions on one textbook note, every figure computed by hand below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bondFloorUsd, convertibleTreatment, type ConvertibleConvention } from './convertible-claim.ts';
import { closeWith } from './valuation-test-fixtures.ts';

const close = closeWith(assert.ok);

// A Hull-style convertible (Options, Futures and Other Derivatives, §26.6: a convertible is a straight bond plus a
// call on the shares): $1,000 principal, 2% coupon paid semi-annually, 3 years to maturity, convertible at K = $20,
// so N = 50 shares; risk-free 4% and credit spread 3% (y = 7%, continuously compounded); volatility 50%.
const note = {
  name: 'textbook',
  principalUsd: 1000,
  conversionPriceUsd: 20,
  couponRatePerYear: 0.02,
  yearsToMaturity: 3,
};
const bondFloor: ConvertibleConvention = {
  kind: 'bond-floor-plus-option',
  riskFreeRatePerYear: 0.04,
  creditSpreadPerYear: 0.03,
  volatilityPerYear: 0.5,
};

// Bond floor by hand: coupons of $10 at t = 3, 2.5, 2, 1.5, 1, 0.5 years, discount factors e^(−0.07 t):
//   0.8105842, 0.8394570, 0.8693582, 0.9003245, 0.9323938, 0.9656054 → coupons 10 × 5.3177233 = 53.1772;
//   principal 1000 × e^(−0.21) = 810.5842; floor = 863.7615.
const FLOOR = 863.7615;
// Call at S = 18, K = 20, T = 3, r = 4%, σ = 50%:
//   d1 = (ln(0.9) + (0.04 + 0.125) × 3) ÷ (0.5 √3) = (−0.1053605 + 0.495) ÷ 0.8660254 = 0.4499169; d2 = −0.4161085;
//   N(d1) = 0.6736148, N(d2) = 0.3386653; 20 e^(−0.12) = 17.7384087;
//   C = 18 × 0.6736148 − 17.7384087 × 0.3386653 = 12.1250669 − 6.0073837 = 6.1177 per share.
const CALL_AT_K = 6.1177;
// The same call struck at a cap of $30: d1 = (ln(0.6) + 0.495) ÷ 0.8660254 = −0.0182739, d2 = −0.8842993;
//   N(d1) = 0.4927102, N(d2) = 0.1882673; 30 e^(−0.12) = 26.6076131; C = 8.8687836 − 5.0093442 = 3.8594.
const CALL_AT_CAP = 3.8594;

test('bondFloorUsd: coupons and principal discounted by hand', () => {
  assert.equal(
    bondFloorUsd(1000, 0.02, 3, { riskFreeRatePerYear: 0.04, creditSpreadPerYear: 0.03 }).toFixed(4),
    FLOOR.toFixed(4),
  );
  close(bondFloorUsd(1000, 0, 3, { riskFreeRatePerYear: 0.04, creditSpreadPerYear: 0.03 }), 1000 * Math.exp(-0.21));
  assert.equal(bondFloorUsd(1000, 0.05, 0, { riskFreeRatePerYear: 0.04, creditSpreadPerYear: 0.03 }), 1000);
});

test('bond floor plus option: floor + N × Black–Scholes call, less the capped call N × (C(K) − C(cap))', () => {
  const t = convertibleTreatment(note, 18, bondFloor);
  assert.equal(t.treatedAs, 'bond-floor-plus-option');
  assert.equal(t.debtUsd.toFixed(4), FLOOR.toFixed(4));
  assert.equal((t.optionUsd / 50).toFixed(4), CALL_AT_K.toFixed(4));
  assert.equal(t.shares, 0);
  close(t.claimUsd, t.debtUsd + t.optionUsd);
  // 863.7615 + 50 × 6.1177 = 1,169.65: the note is worth more than its principal at S = 18 < K.
  assert.equal(t.claimUsd.toFixed(1), (FLOOR + 50 * CALL_AT_K).toFixed(1));

  const capped = convertibleTreatment({ ...note, cappedCallCapUsd: 30 }, 18, bondFloor);
  assert.equal((capped.cappedCallUsd / 50).toFixed(4), '2.2582'); // 6.1176832 − 3.8594388
  // Net of the capped call the holders keep N × C(cap): 50 × 3.8594 = 192.97.
  assert.equal((capped.optionUsd / 50).toFixed(4), CALL_AT_CAP.toFixed(4));
  assert.ok(capped.claimUsd < t.claimUsd);
});

test('if-converted: N shares at any P; a capped call hands back N × (min(P, cap) − K)⁺ above K', () => {
  const ic: ConvertibleConvention = { kind: 'if-converted' };
  const below = convertibleTreatment(note, 18, ic);
  assert.deepEqual([below.treatedAs, below.debtUsd, below.shares], ['shares', 0, 50]);
  close(below.claimUsd, 900);
  const capped = { ...note, cappedCallCapUsd: 30 };
  // Between K and the cap the shares are worth the principal: at P = 25, 50 × 20 ÷ 25 = 40 net shares.
  close(convertibleTreatment(capped, 25, ic).shares, 40);
  close(convertibleTreatment(capped, 25, ic).claimUsd, 1000);
  // Above the cap: 50 × (40 − 30 + 20) ÷ 40 = 37.5 net shares.
  close(convertibleTreatment(capped, 40, ic).shares, 37.5);
});

test('switch at conversion: the principal below K, N shares from K', () => {
  const sw: ConvertibleConvention = { kind: 'switch-at-conversion' };
  const below = convertibleTreatment(note, 19.99, sw);
  assert.deepEqual([below.treatedAs, below.debtUsd, below.claimUsd, below.shares], ['debt', 1000, 1000, 0]);
  const at = convertibleTreatment(note, 20, sw);
  assert.deepEqual([at.treatedAs, at.shares, at.claimUsd], ['shares', 50, 1000]);
});

test('bond floor plus option: the claim is continuous and increasing in P, between the floor and floor + N × P', () => {
  let previous = -Infinity;
  for (let p = 0; p <= 200; p += 0.5) {
    const claim = convertibleTreatment({ ...note, cappedCallCapUsd: 30 }, p, bondFloor).claimUsd;
    assert.ok(claim >= previous, `claim falls at P = ${p}`);
    assert.ok(claim >= FLOOR - 1e-4 && claim <= FLOOR + 50 * p + 1e-9, `bounds at P = ${p}`);
    previous = claim;
  }
  assert.throws(() => convertibleTreatment({ ...note, yearsToMaturity: undefined }, 10, bondFloor), /maturity/);
});
