// The implied-value solver (DESIGN.md §7): roots of monotone functions, and brackets without a crossing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solveImplied } from './implied-value.ts';

test('solveImplied: recovers the root of a monotone function to the tolerance, increasing or decreasing', async () => {
  const cubic = async (x: number) => x ** 3 + x; // = 4.875 at x = 1.5
  const up = await solveImplied(cubic, 4.875, { low: 0, high: 3 }, 1e-10);
  assert.equal(up.kind, 'solved');
  if (up.kind !== 'solved') return;
  assert.ok(Math.abs(up.value - 1.5) < 1e-9, `${up.value}`);
  assert.ok(Math.abs(up.metric - 4.875) < 1e-8);
  assert.ok(up.evaluations < 100, `${up.evaluations} evaluations`);

  const down = await solveImplied(async (x) => -(x ** 3 + x), -4.875, { low: -2, high: 7 }, 1e-10);
  assert.ok(down.kind === 'solved' && Math.abs(down.value - 1.5) < 1e-9, JSON.stringify(down));

  // A root at an end of the bracket.
  assert.deepEqual(await solveImplied(cubic, 0, { low: 0, high: 3 }, 1e-10), {
    kind: 'solved',
    value: 0,
    metric: 0,
    evaluations: 2,
  });
});

test('solveImplied: no crossing inside the bracket is reported with the metric at both ends', async () => {
  const cubic = async (x: number) => x ** 3 + x;
  assert.deepEqual(await solveImplied(cubic, 100, { low: 0, high: 3 }, 1e-10), {
    kind: 'no-crossing',
    low: 0,
    high: 3,
    metricAtLow: 0,
    metricAtHigh: 30,
    evaluations: 2,
  });
  assert.deepEqual(await solveImplied(cubic, -5, { low: 0, high: 3 }, 1e-10), {
    kind: 'no-crossing',
    low: 0,
    high: 3,
    metricAtLow: 0,
    metricAtHigh: 30,
    evaluations: 2,
  });
  const nan = await solveImplied(async (x) => (x > 2 ? NaN : x), 1, { low: 0, high: 3 }, 1e-10);
  assert.equal(nan.kind, 'no-crossing');
});
