import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mean, quantileInPlace, quantileSorted, standardError, summarize, summarizeInPlace } from './statistics.ts';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const sortedSample = fc.array(finite, { minLength: 1, maxLength: 60 }).map((xs) => Float64Array.from(xs).sort());

function close(actual: number, expected: number, tolerance = 1e-12) {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} vs ${expected}`);
}

test('mean, with compensated summation', () => {
  assert.equal(mean([1, 2, 3, 4]), 2.5);
  assert.equal(mean(new Float32Array([0.5, 1.5])), 1);
  assert.equal(mean([7]), 7);
  // Naive left-to-right summation gives 0 here.
  close(mean([1e16, 1, -1e16]), 1 / 3);
  assert.throws(() => mean([]), RangeError);
});

test('standardError is the n − 1 sample standard deviation over √n, 0 for n < 2', () => {
  // Mean 5, squared deviations sum to 32: s² = 32/7, SE = √(32/7/8) = √(4/7).
  close(standardError([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(4 / 7));
  close(standardError([1, 2]), 0.5);
  assert.equal(standardError([]), 0);
  assert.equal(standardError([3]), 0);
  assert.equal(standardError([4, 4, 4]), 0);
  // Two-pass: a large offset does not swamp the spread.
  close(standardError([1e9 + 1, 1e9 + 2, 1e9 + 3]), Math.sqrt(1 / 3), 1e-9);
});

test('quantileSorted interpolates order statistics like R type 7', () => {
  // Values from R: quantile(c(1, 2, 3, 4, 5), p, type = 7) and quantile(c(1, 3, 7, 15), p, type = 7).
  const five = [1, 2, 3, 4, 5];
  assert.equal(quantileSorted(five, 0), 1);
  assert.equal(quantileSorted(five, 0.25), 2);
  assert.equal(quantileSorted(five, 0.5), 3);
  assert.equal(quantileSorted(five, 1), 5);
  close(quantileSorted(five, 0.1), 1.4);
  close(quantileSorted([1, 3, 7, 15], 0.3), 2.8);
  close(quantileSorted([1, 3, 7, 15], 0.9), 12.6);
  close(quantileSorted(new Float64Array([10, 20]), 0.05), 10.5);
  assert.equal(quantileSorted([42], 0.7), 42);
  assert.throws(() => quantileSorted([], 0.5), RangeError);
  for (const bad of [-0.01, 1.01, Number.NaN]) assert.throws(() => quantileSorted(five, bad), RangeError, String(bad));
});

test('summarize sorts a copy and reports mean, standard error and the 5/50/95th percentiles', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, descending
  const copy = values.slice();
  const summary = summarize(values);
  assert.deepEqual(values, copy, 'input untouched');
  assert.equal(summary.mean, 50.5);
  // sd of 1..100 is √(100·101/12); SE = sd/10.
  close(summary.standardError, Math.sqrt((100 * 101) / 12) / 10);
  close(summary.p5, 5.95);
  assert.equal(summary.p50, 50.5);
  close(summary.p95, 95.05);
  assert.deepEqual(summarize(new Float32Array([3, 1, 2])), {
    mean: 2,
    standardError: Math.sqrt(1 / 3),
    p5: 1.1,
    p50: 2,
    p95: 2.9,
  });
  assert.deepEqual(summarize(new Float64Array([5])), { mean: 5, standardError: 0, p5: 5, p50: 5, p95: 5 });
  assert.throws(() => summarize([]), RangeError);
  assert.throws(() => summarize([1, Number.NaN]), RangeError);
  assert.throws(() => summarize(new Float64Array([1, Infinity])), RangeError);
});

test('property: quantiles are monotone in q, within [min, max], and hit min and max at 0 and 1', () => {
  fc.assert(
    fc.property(
      sortedSample,
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (sorted, q1, q2) => {
        const lo = Math.min(q1, q2);
        const hi = Math.max(q1, q2);
        const a = quantileSorted(sorted, lo);
        const b = quantileSorted(sorted, hi);
        assert.ok(a <= b, `q(${lo}) = ${a} > q(${hi}) = ${b}`);
        assert.ok(a >= sorted[0]! && b <= sorted[sorted.length - 1]!);
        assert.equal(quantileSorted(sorted, 0), sorted[0]);
        assert.equal(quantileSorted(sorted, 1), sorted[sorted.length - 1]);
      },
    ),
  );
});

test('property: mean lies within [min, max]; standard error is non-negative and scales with the data', () => {
  const moderate = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
  fc.assert(
    fc.property(moderate, (xs) => {
      const m = mean(xs);
      assert.ok(m >= Math.min(...xs) && m <= Math.max(...xs));
      const se = standardError(xs);
      assert.ok(se >= 0);
      close(standardError(xs.map((x) => -3 * x)), 3 * se, 1e-9);
    }),
  );
});

test('property: summarize agrees with the parts and keeps p5 ≤ p50 ≤ p95', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 80 }), (xs) => {
      const s = summarize(xs);
      const sorted = Float64Array.from(xs).sort();
      assert.equal(s.p50, quantileSorted(sorted, 0.5));
      assert.ok(s.p5 <= s.p50 && s.p50 <= s.p95);
      assert.equal(s.mean, mean(sorted));
      assert.equal(s.standardError, standardError(sorted));
    }),
  );
});

test('selection stays fast and right on columns of equal values; missing values count as +∞', () => {
  const constant = new Float64Array(200_000).fill(2016);
  assert.deepEqual(summarizeInPlace(constant), { mean: 2016, standardError: 0, p5: 2016, p50: 2016, p95: 2016 });
  // 10 values of 100 paths: 90 never reached count as +∞, so the median is +∞ and the 5th percentile is finite.
  const reached = Float64Array.from({ length: 10 }, (_, i) => i);
  assert.equal(quantileInPlace(Float64Array.from(reached), 0.05, 100), 4.95);
  assert.equal(quantileInPlace(Float64Array.from(reached), 0.5, 100), Infinity);
  assert.equal(quantileInPlace(Float64Array.from(reached), 0.5), 4.5);
});

test('summarizeInPlace equals summarize, on random samples with ties and of any size', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }), (integers) => {
      const values = integers.map((i) => i / 4);
      const reference = summarize(values);
      const fast = summarizeInPlace(Float64Array.from(values));
      // Percentiles are the same order statistics; mean and standard error agree to rounding (one pass vs two).
      assert.deepEqual([fast.p5, fast.p50, fast.p95], [reference.p5, reference.p50, reference.p95]);
      assert.ok(Math.abs(fast.mean - reference.mean) <= 1e-12 * (1 + Math.abs(reference.mean)));
      assert.ok(Math.abs(fast.standardError - reference.standardError) <= 1e-9 * (1 + reference.standardError));
    }),
  );
});
