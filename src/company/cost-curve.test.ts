import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { costCurve } from './cost-curve.ts';

test('a hand-checked curve: sorted by cost, shares of the weight, mid-point percentiles', () => {
  const curve = costCurve([
    { key: 'B', cost: 50_000, weight: 30 },
    { key: 'A', cost: 40_000, weight: 10 },
    { key: 'C', cost: 45_000, weight: 60 },
    { key: 'D', cost: NaN, weight: 5 },
    { key: 'E', cost: 30_000, weight: 0 },
  ]);
  assert.deepEqual(
    curve.places.map((p) => [p.key, p.rank, p.share, p.cumulativeShareBefore, p.cumulativeShare, p.percentile]),
    [
      ['A', 1, 0.1, 0, 0.1, 5],
      ['C', 2, 0.6, 0.1, 0.7, 40],
      ['B', 3, 0.3, 0.7, 1, 85],
    ],
  );
  assert.deepEqual(
    curve.apart.map((a) => a.key),
    ['D', 'E'],
  );
  assert.equal(curve.totalWeight, 100);
  // (40,000 × 10 + 45,000 × 60 + 50,000 × 30) ÷ 100
  assert.equal(curve.weightedMeanCost, 46_000);
});

const company = fc.record({
  key: fc.string({ minLength: 1, maxLength: 4 }),
  cost: fc.double({ min: 1, max: 200_000, noNaN: true }),
  weight: fc.double({ min: 1e-3, max: 100, noNaN: true }),
});

test('property: the cumulative share ends at exactly 100%, costs never fall, shares add up', () => {
  fc.assert(
    fc.property(fc.array(company, { minLength: 1, maxLength: 20 }), (companies) => {
      const { places, apart } = costCurve(companies);
      assert.equal(apart.length, 0);
      assert.equal(places.length, companies.length);
      assert.equal(places.at(-1)?.cumulativeShare, 1);
      assert.equal(places[0]?.cumulativeShareBefore, 0);
      places.forEach((place, i) => {
        assert.equal(place.rank, i + 1);
        assert.ok(place.percentile > 0 && place.percentile < 100 + 1e-9);
        const next = places[i + 1];
        if (!next) return;
        assert.ok(next.cost >= place.cost, 'sorted by cost');
        assert.equal(next.cumulativeShareBefore, place.cumulativeShare);
        assert.ok(next.cumulativeShare >= place.cumulativeShare);
      });
      const shares = places.reduce((sum, p) => sum + p.share, 0);
      assert.ok(Math.abs(shares - 1) < 1e-9);
    }),
  );
});
