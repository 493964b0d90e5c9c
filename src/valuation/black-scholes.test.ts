// Black–Scholes against Hull's worked example and by hand, and the call's bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blackScholesCallUsd } from './black-scholes.ts';

test('blackScholesCallUsd: Hull example 15.6 (S 42, K 40, r 10%, σ 20%, T 0.5) is 4.76', () => {
  // Hull, Options, Futures and Other Derivatives (8th ed.), example 15.6: d1 = 0.7693, d2 = 0.6278, c = 4.76.
  // By hand: d1 = (ln(42/40) + (0.1 + 0.02) × 0.5) ÷ (0.2 × √0.5) = (0.0487902 + 0.06) ÷ 0.1414214 = 0.769263;
  // d2 = 0.627841; N(d1) = 0.779131, N(d2) = 0.734941; 40 e^(−0.05) = 38.049177;
  // c = 42 × 0.779131 − 38.049177 × 0.734941 = 32.723521 − 27.963903 = 4.7594.
  const c = blackScholesCallUsd({
    spotUsd: 42,
    strikeUsd: 40,
    years: 0.5,
    riskFreeRatePerYear: 0.1,
    volatilityPerYear: 0.2,
  });
  assert.equal(c.toFixed(4), '4.7594');
});

test('blackScholesCallUsd: limits and bounds', () => {
  const terms = { strikeUsd: 20, years: 3, riskFreeRatePerYear: 0.04, volatilityPerYear: 0.6 };
  assert.equal(blackScholesCallUsd({ ...terms, spotUsd: 0 }), 0);
  // Expired: intrinsic value.
  assert.equal(blackScholesCallUsd({ ...terms, spotUsd: 25, years: 0 }), 5);
  // Zero volatility: the forward intrinsic value S − K e^(−rT).
  assert.ok(
    Math.abs(blackScholesCallUsd({ ...terms, spotUsd: 25, volatilityPerYear: 0 }) - (25 - 20 * Math.exp(-0.12))) <
      1e-12,
  );
  // max(0, S − K e^(−rT)) ≤ C ≤ S, and C rises with S.
  let previous = 0;
  for (const spot of [1, 5, 10, 20, 40, 80, 160]) {
    const c = blackScholesCallUsd({ ...terms, spotUsd: spot });
    assert.ok(c >= Math.max(0, spot - 20 * Math.exp(-0.12)) - 1e-12 && c <= spot, `bounds at S = ${spot}`);
    assert.ok(c > previous, `increasing at S = ${spot}`);
    previous = c;
  }
});
