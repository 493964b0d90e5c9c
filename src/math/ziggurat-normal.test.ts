import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from './random.ts';
import { zigguratNormal } from './ziggurat-normal.ts';

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 on erf, error < 1.5e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const erf =
    1 -
    t *
      (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

test('moments, tails and the whole distribution match N(0, 1)', () => {
  const rng = createRng(2024, 1);
  const n = 400_000;
  const values = new Float64Array(n);
  let sum = 0;
  let sumSquares = 0;
  let sumFourth = 0;
  let beyond3 = 0;
  for (let i = 0; i < n; i++) {
    const x = zigguratNormal(rng);
    values[i] = x;
    sum += x;
    sumSquares += x * x;
    sumFourth += x ** 4;
    if (Math.abs(x) > 3) beyond3++;
  }
  const mean = sum / n;
  const variance = sumSquares / n - mean * mean;
  assert.ok(Math.abs(mean) < 5 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 5 * Math.sqrt(2 / n), `variance ${variance}`);
  assert.ok(Math.abs(sumFourth / n - 3) < 5 * Math.sqrt(96 / n), `fourth moment ${sumFourth / n}`);
  const expectedBeyond3 = 2 * (1 - normalCdf(3)) * n;
  assert.ok(
    Math.abs(beyond3 - expectedBeyond3) < 5 * Math.sqrt(expectedBeyond3),
    `|x| > 3: ${beyond3} vs ${expectedBeyond3}`,
  );
  // Kolmogorov–Smirnov: the 1% critical value is 1.63 / √n.
  values.sort();
  let d = 0;
  for (let i = 0; i < n; i++) {
    const cdf = normalCdf(values[i] as number);
    d = Math.max(d, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
  }
  assert.ok(d < 1.63 / Math.sqrt(n), `KS distance ${d}`);
});

test('the tail beyond 3.44 is reached and shaped like the normal tail', () => {
  const rng = createRng(7, 3);
  const n = 2_000_000;
  let beyondR = 0;
  let beyond4 = 0;
  for (let i = 0; i < n; i++) {
    const x = Math.abs(zigguratNormal(rng));
    if (x > 3.442619855899) beyondR++;
    if (x > 4) beyond4++;
  }
  const expectR = 2 * (1 - normalCdf(3.442619855899)) * n;
  const expect4 = 2 * (1 - normalCdf(4)) * n;
  assert.ok(Math.abs(beyondR - expectR) < 5 * Math.sqrt(expectR), `beyond R: ${beyondR} vs ${expectR}`);
  assert.ok(Math.abs(beyond4 - expect4) < 5 * Math.sqrt(expect4), `beyond 4: ${beyond4} vs ${expect4}`);
});
