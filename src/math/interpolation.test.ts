import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { interpolateLinear } from './interpolation.ts';

const xs = [0, 10, 20, 40];
const ys = [0, 100, 50, 50];

test('flat beyond the ends', () => {
  assert.equal(interpolateLinear(xs, ys, -5), 0);
  assert.equal(interpolateLinear(xs, ys, -Infinity), 0);
  assert.equal(interpolateLinear(xs, ys, 41), 50);
  assert.equal(interpolateLinear(xs, ys, Infinity), 50);
});

test('exact at the knots, linear between them', () => {
  xs.forEach((x, i) => assert.equal(interpolateLinear(xs, ys, x), ys[i]));
  assert.equal(interpolateLinear(xs, ys, 5), 50);
  assert.equal(interpolateLinear(xs, ys, 15), 75);
  assert.equal(interpolateLinear(xs, ys, 2.5), 25);
  assert.equal(interpolateLinear(xs, ys, 30), 50);
  assert.equal(interpolateLinear(new Float64Array([1, 2]), new Float32Array([10, 20]), 1.25), 12.5);
});

test('one point is a constant; bad inputs throw', () => {
  assert.equal(interpolateLinear([3], [7], -100), 7);
  assert.equal(interpolateLinear([3], [7], 100), 7);
  assert.throws(() => interpolateLinear([], [], 0), RangeError);
  assert.throws(() => interpolateLinear([1, 2], [1], 0), RangeError);
  assert.throws(() => interpolateLinear(xs, ys, Number.NaN), RangeError);
});

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Strictly increasing xs (any finite doubles, extremes included) with finite ys of the same length. */
const table = fc
  .array(finite, { minLength: 1, maxLength: 40 })
  .map((raw) =>
    Float64Array.from(raw)
      .sort()
      .filter((x, i, all) => i === 0 || x > all[i - 1]!),
  )
  .chain((knots) =>
    fc.tuple(fc.constant(knots), fc.array(finite, { minLength: knots.length, maxLength: knots.length })),
  );

test('property: within [min(ys), max(ys)] everywhere, exact at every knot', () => {
  fc.assert(
    fc.property(table, fc.oneof(finite, fc.constantFrom(-Infinity, Infinity)), ([knots, values], x) => {
      const y = interpolateLinear(knots, values, x);
      assert.ok(y >= Math.min(...values) && y <= Math.max(...values), `${y}`);
      knots.forEach((k, i) => assert.equal(interpolateLinear(knots, values, k), values[i]));
    }),
  );
});

test('property: monotone ys give a monotone interpolant', () => {
  fc.assert(
    fc.property(table, finite, finite, ([knots, values], a, b) => {
      const increasing = values.slice().sort((p, q) => p - q);
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(interpolateLinear(knots, increasing, lo) <= interpolateLinear(knots, increasing, hi));
    }),
  );
});
