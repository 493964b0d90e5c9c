// solveIncreasing: roots of increasing functions, smooth, piecewise linear and flat-then-steep, against closed forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { solveIncreasing } from './increasing-root.ts';

const near = (x: number, y: number, rel = 1e-14) =>
  assert.ok(Math.abs(x - y) <= rel * Math.max(1, Math.abs(y)), `${x} ≠ ${y}`);

test('solveIncreasing: closed-form roots', () => {
  near(
    solveIncreasing((x) => x * x * x, 27, 0),
    3,
  );
  near(
    solveIncreasing((x) => 100 * x + Math.max(0, x - 20) * 50, 3010, 0),
    4010 / 150, // 100 x + 50 (x − 20) = 3010 above the kink
    1e-14,
  );
  near(solveIncreasing(Math.exp, 1e6, 0), Math.log(1e6));
  near(
    solveIncreasing((x) => x, 1e12, 0),
    1e12,
  ); // far beyond the first bracket
  assert.equal(
    solveIncreasing((x) => x + 5, 3, 0),
    0,
    'the goal below g(low) returns low',
  );
});

test('solveIncreasing (property): g(root) = goal on random increasing piecewise-linear functions', () => {
  const pieces = fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 500, noNaN: true }),
      slope: fc.double({ min: 0, max: 1e6, noNaN: true }),
    }),
    { maxLength: 6 },
  );
  fc.assert(
    fc.property(
      pieces,
      fc.double({ min: 1, max: 1e9, noNaN: true }),
      fc.double({ min: 0, max: 1e11, noNaN: true }),
      (kinks, base, goal) => {
        const g = (x: number) => base * x + kinks.reduce((s, k) => s + k.slope * Math.max(0, x - k.at), 0);
        const root = solveIncreasing(g, goal, 0);
        assert.ok(Math.abs(g(root) - goal) <= 1e-12 * Math.max(1, goal), `g(${root}) = ${g(root)} ≠ ${goal}`);
      },
    ),
    { seed: 18, numRuns: 400 },
  );
});
