// Sensitivity grids, tornado and central differences (DESIGN.md §7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solvePerShare, type CapitalStructure } from '../valuation/capital-structure.ts';
import { closeWith } from '../valuation/valuation-test-fixtures.ts';
import { axisValues, centralDifference, sensitivityGrid, tornado } from './sensitivity.ts';

const close = closeWith(assert.ok);

test('axisValues: inclusive of the end, 21 values for 0:20:1; bad steps and ranges refused', () => {
  const axis = axisValues(0, 20, 1);
  assert.equal(axis.length, 21);
  assert.equal(axis[0], 0);
  assert.equal(axis[20], 20);
  assert.equal(axisValues(0, 1, 0.1).length, 11);
  assert.deepEqual(axisValues(5, 5, 1), [5]);
  assert.deepEqual(axisValues(0, 1, 0.4), [0, 0.4, 0.8]);
  assert.throws(() => axisValues(0, 1, 0), RangeError);
  assert.throws(() => axisValues(1, 0, 0.5), RangeError);
});

test('sensitivityGrid: rows follow y, columns follow x', async () => {
  const grid = await sensitivityGrid(async ({ x, y }) => 10 * x + y, [1, 2, 3], [0.1, 0.2]);
  assert.deepEqual(grid, [
    [10.1, 20.1, 30.1],
    [10.2, 20.2, 30.2],
  ]);
});

test("tornado: the metric at each input's low and high, bars sorted by swing (largest first)", async () => {
  const slopes: Record<string, number> = { small: 1, large: -30, medium: 5 };
  const bars = await tornado(
    async ({ name, value }) => slopes[name]! * value,
    [
      { name: 'small', base: 10, low: 9, high: 11 },
      { name: 'large', base: 2, low: 1.5, high: 2.5 },
      { name: 'medium', base: 0, low: -2, high: 2 },
    ],
  );
  assert.deepEqual(
    bars.map((b) => b.name),
    ['large', 'medium', 'small'],
  );
  assert.deepEqual(bars[0], {
    name: 'large',
    base: 2,
    low: 1.5,
    high: 2.5,
    metricAtLow: -45,
    metricAtHigh: -75,
    swing: 30,
  });
  assert.deepEqual(
    bars.map((b) => b.swing),
    [30, 20, 2],
  );
});

test('centralDifference: exact for a quadratic (the analytic derivative)', async () => {
  const f = async (x: number) => 3 * x * x - 2 * x + 5;
  for (const x of [-4, 0, 1.7, 250]) close(await centralDifference(f, x, 0.01), 6 * x - 2, 1e-9);
});

test(
  'centralDifference of solvePerShare(E).priceUsd: 1 ÷ basic below K, ' + '1 ÷ (basic + N) where the note converts',
  async () => {
    // 1M basic shares; a $50M note at K = $20 (N = 2.5M shares). Switch at E = 20 × 1M + 50M = $70M.
    const cap: CapitalStructure = {
      basicShares: 1e6,
      convertibles: [{ name: 'note', principalUsd: 50e6, conversionPriceUsd: 20 }],
      dilutive: [],
    };
    const price = async (e: number) => solvePerShare(e, cap).priceUsd;
    close(await centralDifference(price, 60e6, 1e4), 1 / 1e6, 1e-6); // P = 10: the note is debt
    close(await centralDifference(price, 100e6, 1e4), 1 / 3.5e6, 1e-6); // P ≈ 28.6: converted
    // Without convertibles, everywhere 1 ÷ basic.
    close(
      await centralDifference(async (e) => solvePerShare(e, { ...cap, convertibles: [] }).priceUsd, 5e6, 1e3),
      1 / 1e6,
      1e-6,
    );
  },
);
