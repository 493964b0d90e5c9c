// Φ against reference values (scipy.stats.norm.cdf, double precision) and its symmetry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { standardNormalCdf } from './normal-cdf.ts';

test('standardNormalCdf: tabulated values to 1e-14', () => {
  const table: [number, number][] = [
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.96, 0.9750021048517795],
    [-2.5, 0.006209665325776132],
    [0.7693, 0.7791423813831622],
    [-8, 6.22096057427174e-16],
  ];
  for (const [x, p] of table) {
    assert.ok(Math.abs(standardNormalCdf(x) - p) < 1e-14, `Φ(${x}) = ${standardNormalCdf(x)}, expected ${p}`);
  }
  for (const x of [0.1, 0.5, 2, 3.3, 6, 7.5, 12])
    assert.ok(Math.abs(standardNormalCdf(x) + standardNormalCdf(-x) - 1) < 1e-15, `symmetry at ${x}`);
  assert.equal(standardNormalCdf(40), 1);
  assert.equal(standardNormalCdf(-40), 0);
});
