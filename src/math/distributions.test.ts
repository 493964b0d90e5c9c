import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, type Rng } from './random.ts';
import { beta, exponential, gamma, poisson, standardNormal } from './distributions.ts';
import { logFactorial } from './log-factorial.ts';

// Tolerances are 5 standard errors of the estimator at the sample size used; seeds are fixed, so the
// tests are deterministic, and a correct sampler fails one only with probability below about 1e-6.
const N = 200_000;

function moments(draw: () => number, n = N): { mean: number; variance: number } {
  const xs = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i] = draw();
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
  return { mean, variance: ss / (n - 1) };
}

/**
 * Checks sample mean and variance against the truth. SE(mean) = σ/√n; SE(s²) ≈ √((μ4 − σ⁴)/n),
 * with the fourth central moment μ4 given per distribution.
 */
function assertMoments(
  label: string,
  draw: () => number,
  mean: number,
  variance: number,
  fourthCentral: number,
  n = N,
) {
  const got = moments(draw, n);
  const seMean = Math.sqrt(variance / n);
  const seVariance = Math.sqrt((fourthCentral - variance * variance) / n);
  assert.ok(Math.abs(got.mean - mean) < 5 * seMean, `${label}: mean ${got.mean} vs ${mean} (SE ${seMean})`);
  assert.ok(
    Math.abs(got.variance - variance) < 5 * seVariance,
    `${label}: variance ${got.variance} vs ${variance} (SE ${seVariance})`,
  );
}

/** Chi-square critical value at upper-tail probability 1e-6 (z = 4.753), Wilson–Hilferty approximation. */
function chiSquareCritical(df: number): number {
  const c = 2 / (9 * df);
  return df * (1 - c + 4.753 * Math.sqrt(c)) ** 3;
}

/** Goodness of fit of integer draws to a pmf, pooling tails so every cell expects at least 5. */
function assertFitsPmf(label: string, draw: () => number, pmf: (k: number) => number, n = N) {
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = draw();
    assert.ok(Number.isInteger(k) && k >= 0, `${label}: draw ${k}`);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  // Cells: pool from the left until expected ≥ 5, then single values, the last cell taking the right tail.
  const cells: { observed: number; expected: number }[] = [];
  let observed = 0;
  let expected = 0;
  let cumulative = 0;
  for (let k = 0; cumulative < 1 - 1e-12 && k < 100_000; k++) {
    const p = pmf(k);
    cumulative += p;
    observed += counts.get(k) ?? 0;
    expected += n * p;
    counts.delete(k);
    if (expected >= 5 && n * (1 - cumulative) >= 5) {
      cells.push({ observed, expected });
      observed = 0;
      expected = 0;
    }
  }
  for (const c of counts.values()) observed += c;
  expected += n * Math.max(0, 1 - cumulative);
  cells.push({ observed, expected });
  const chiSquare = cells.reduce((acc, c) => acc + (c.observed - c.expected) ** 2 / c.expected, 0);
  const critical = chiSquareCritical(cells.length - 1);
  assert.ok(cells.length > 3, label);
  assert.ok(
    chiSquare < critical,
    `${label}: chi-square ${chiSquare.toFixed(1)} ≥ ${critical.toFixed(1)} on ${cells.length - 1} df`,
  );
}

function poissonPmf(mean: number): (k: number) => number {
  return (k) => Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
}

test('standardNormal has mean 0, variance 1 and normal tails', () => {
  const rng = createRng(1, 0);
  assertMoments('normal', () => standardNormal(rng), 0, 1, 3);
  let below = 0;
  let negative = 0;
  for (let i = 0; i < N; i++) {
    const z = standardNormal(rng);
    if (z < -1.959963984540054) below++;
    if (z < 0) negative++;
  }
  assert.ok(Math.abs(below / N - 0.025) < 5 * Math.sqrt((0.025 * 0.975) / N), `P(Z < −1.96) ≈ ${below / N}`);
  assert.ok(Math.abs(negative / N - 0.5) < 5 * Math.sqrt(0.25 / N), `P(Z < 0) ≈ ${negative / N}`);
});

test('exponential has mean 1/rate and variance 1/rate²', () => {
  const rng = createRng(2, 0);
  const rate = 2.5;
  // μ4 = 9/rate⁴.
  assertMoments('exponential', () => exponential(rng, rate), 1 / rate, 1 / rate ** 2, 9 / rate ** 4);
  for (const bad of [0, -1, Number.NaN, Infinity]) assert.throws(() => exponential(rng, bad), RangeError, String(bad));
});

test('poisson mean and variance match for small and large means, both algorithms', () => {
  for (const mean of [0.5, 3, 9.9, 10, 144, 1000]) {
    const rng = createRng(3, Math.round(mean * 10));
    // Poisson μ4 = λ(1 + 3λ).
    assertMoments(`poisson(${mean})`, () => poisson(rng, mean), mean, mean, mean * (1 + 3 * mean));
  }
});

test('poisson frequencies match the pmf (chi-square) on both sides of the PTRS switch', () => {
  for (const mean of [0.5, 3, 9.9, 10, 25, 144]) {
    const rng = createRng(4, Math.round(mean * 10));
    assertFitsPmf(`poisson(${mean})`, () => poisson(rng, mean), poissonPmf(mean));
  }
  // P(X = k) for a small mean, cell by cell.
  const rng = createRng(5, 0);
  const counts = new Array<number>(8).fill(0);
  for (let i = 0; i < N; i++) {
    const k = poisson(rng, 1.7);
    if (k < counts.length) counts[k]!++;
  }
  const pmf = poissonPmf(1.7);
  counts.forEach((c, k) => {
    const p = pmf(k);
    assert.ok(Math.abs(c / N - p) < 5 * Math.sqrt((p * (1 - p)) / N) + 1e-9, `P(X = ${k}) ≈ ${c / N} vs ${p}`);
  });
});

test('poisson with alternating means (the PTRS constants are per mean) keeps each distribution', () => {
  const rng = createRng(6, 0);
  const low: number[] = [];
  const high: number[] = [];
  for (let i = 0; i < N; i++) {
    low.push(poisson(rng, 12));
    high.push(poisson(rng, 144));
  }
  const check = (xs: number[], mean: number) => {
    let i = 0;
    assertMoments(`interleaved poisson(${mean})`, () => xs[i++]!, mean, mean, mean * (1 + 3 * mean));
  };
  check(low, 12);
  check(high, 144);
});

test('poisson edge cases: mean 0 is 0, bad means throw, outputs are non-negative integers', () => {
  const rng = createRng(7, 0);
  assert.equal(poisson(rng, 0), 0);
  for (const bad of [-1, -1e-300, Number.NaN, Infinity])
    assert.throws(() => poisson(rng, bad), RangeError, String(bad));
  for (const mean of [1e-12, 1e-3, 9.999999, 10, 1e6, 1e12]) {
    for (let i = 0; i < 1000; i++) {
      const k = poisson(rng, mean);
      assert.ok(Number.isInteger(k) && k >= 0, `poisson(${mean}) = ${k}`);
    }
  }
  // A tiny mean is almost always 0.
  let nonZero = 0;
  for (let i = 0; i < 10_000; i++) nonZero += poisson(rng, 1e-9) > 0 ? 1 : 0;
  assert.ok(nonZero <= 1);
});

test('gamma has mean and variance equal to its shape, including the shape < 1 boost', () => {
  for (const shape of [0.05, 0.3, 1, 2.5, 50]) {
    const rng = createRng(8, Math.round(shape * 100));
    // Gamma(k, 1): μ4 = 3k² + 6k.
    assertMoments(`gamma(${shape})`, () => gamma(rng, shape), shape, shape, 3 * shape * shape + 6 * shape);
  }
  const rng = createRng(8, 1);
  for (const bad of [0, -1, Number.NaN, Infinity]) assert.throws(() => gamma(rng, bad), RangeError, String(bad));
});

test('beta has mean a/(a+b) and variance ab/((a+b)²(a+b+1)), in [0, 1] even for tiny shapes', () => {
  for (const [a, b] of [
    [2, 5],
    [0.5, 0.5],
    [1, 1],
    [0.3, 3],
    [40, 60],
    [0.2, 0.7],
  ] as const) {
    const rng = createRng(9, Math.round(a * 1000 + b));
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    // On [0, 1], |X − μ| ≤ 1 so μ4 ≤ σ²: SE(s²) ≤ √((σ² − σ⁴)/n), a conservative bound.
    assertMoments(`beta(${a}, ${b})`, () => beta(rng, a, b), mean, variance, variance);
  }
  const rng = createRng(9, 0);
  let ones = 0;
  for (let i = 0; i < 10_000; i++) {
    const x = beta(rng, 0.001, 0.003);
    assert.ok(x >= 0 && x <= 1, `beta(0.001, 0.003) = ${x}`);
    if (x > 0.5) ones++;
  }
  // With tiny shapes the mass sits at the ends, P(near 1) ≈ a/(a+b) = 1/4.
  assert.ok(Math.abs(ones / 10_000 - 0.25) < 5 * Math.sqrt((0.25 * 0.75) / 10_000));
  for (const [a, b] of [
    [0, 1],
    [1, -1],
    [Number.NaN, 1],
    [1, Infinity],
  ] as const)
    assert.throws(() => beta(rng, a, b), RangeError);
});

test('a generator state determines every variate', () => {
  const draws = (rng: Rng) => [
    standardNormal(rng),
    exponential(rng, 1),
    poisson(rng, 3),
    poisson(rng, 144),
    gamma(rng, 0.5),
    beta(rng, 2, 3),
  ];
  assert.deepEqual(draws(createRng(10, 4)), draws(createRng(10, 4)));
});

test('seed 42, stream 0 gives pinned variates (a change to any sampler is caught)', () => {
  const rng = createRng(42, 0);
  const got = [
    standardNormal(rng),
    standardNormal(rng),
    exponential(rng, 2),
    poisson(rng, 3),
    poisson(rng, 144),
    poisson(rng, 144),
    gamma(rng, 0.5),
    gamma(rng, 3),
    beta(rng, 2, 5),
    beta(rng, 0.5, 0.5),
  ];
  const pinned = [
    -1.176192949462121, 0.4324619899836591, 1.1012723518065595, 7, 133, 140, 4.997130467402549, 4.1979616539093465,
    0.43996850165800516, 0.022349734720033956,
  ];
  // Math.log/exp/pow are only approximately specified by ECMAScript, so floats are pinned to 1e-12.
  got.forEach((x, i) =>
    assert.ok(Math.abs(x - pinned[i]!) <= 1e-12 * Math.abs(pinned[i]!), `#${i}: ${x} vs ${pinned[i]}`),
  );
});
