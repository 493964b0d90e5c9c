import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnQuartiles, compsMultiples, multipleOf, realizedHashrateEhs } from './comps-multiples.ts';

test('quartiles of an odd count: the middle value, and type-7 interpolation for the quartiles', () => {
  // 1, 2, 3, 4, 5: h = 4q, so Q1 = x[1] = 2, median x[2] = 3, Q3 = x[3] = 4.
  assert.deepEqual(columnQuartiles([5, 1, 4, 2, 3]), { n: 5, q1: 2, median: 3, q3: 4 });
});

test('quartiles of an even count: the median is the mean of the middle two; nulls are left out', () => {
  // 10, 20, 30, 40: h = 3q; Q1 at h = 0.75 → 17.5, median at 1.5 → 25, Q3 at 2.25 → 32.5.
  assert.deepEqual(columnQuartiles([40, null, 10, 30, 20, null]), { n: 4, q1: 17.5, median: 25, q3: 32.5 });
});

test('quartiles of one value and of none', () => {
  assert.deepEqual(columnQuartiles([7]), { n: 1, q1: 7, median: 7, q3: 7 });
  assert.deepEqual(columnQuartiles([null, null]), { n: 0, q1: null, median: null, q3: null });
});

test('a multiple of nothing or of a loss is null', () => {
  assert.equal(multipleOf(100, 4), 25);
  assert.equal(multipleOf(-100, 4), -25);
  assert.equal(multipleOf(100, 0), null);
  assert.equal(multipleOf(100, -5), null);
  assert.equal(multipleOf(100, null), null);
});

test('price-to-hash and the block-reward multiple take the HPC parts out of EV; EV/MW by stage', () => {
  const m = compsMultiples({
    enterpriseValueUsd: 3_000e6,
    installedEhs: 20,
    realizedEhs: 16,
    mw: { operating: 500, underConstruction: 0, approved: 1_000 },
    hpcValueUsd: 1_000e6,
    nextFourQuartersEbitdaUsd: -10e6,
    blockRewardGrossProfitUsd: 400e6,
  });
  assert.equal(m.evPerInstalledEhsUsd, 150e6);
  assert.equal(m.evPerRealizedEhsUsd, 187.5e6);
  assert.deepEqual(m.evPerMwUsd, { operating: 6e6, underConstruction: null, approved: 3e6 });
  assert.equal(m.miningEnterpriseValueUsd, 2_000e6);
  assert.equal(m.priceToHashUsdPerEhs, 100e6);
  assert.equal(m.evToNextFourQuartersEbitda, null);
  assert.equal(m.miningEvToBlockRewardGrossProfit, 5);
});

test('realized hashrate: BTC mined ÷ BTC per EH/s after the pool fee; unknown days give none', () => {
  const perEh = [0.5, 0.5, 0.5, 0.5];
  // 10 EH/s earns 0.5 × 0.98 × 10 = 4.9 BTC a day.
  assert.ok(Math.abs((realizedHashrateEhs([4.9, 4.9, 4.9, 4.9], perEh, 0.02, 0, 4) as number) - 10) < 1e-12);
  // Only days 1–2 counted.
  assert.ok(Math.abs((realizedHashrateEhs([0, 2.45, 2.45, 0], perEh, 0.02, 1, 3) as number) - 5) < 1e-12);
  assert.equal(realizedHashrateEhs([Number.NaN, 4.9], [0.5, 0.5], 0.02, 0, 2), null);
  assert.equal(realizedHashrateEhs([1], [0], 0, 0, 1), null);
});
