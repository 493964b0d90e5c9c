import { test } from 'node:test';
import assert from 'node:assert/strict';
import { feesPerBlockWithImputation, FEE_IMPUTATION_WINDOW_DAYS } from './fee-imputation.ts';

test('unknown fees take the mean fee per block of the trailing known days; none before counts zero', () => {
  const blocks = Float64Array.from([100, 200, 100, 150, 144]);
  const fees = Float64Array.from([NaN, 2, 4, NaN, NaN]);
  const { feesPerBlockBtc, imputed } = feesPerBlockWithImputation(blocks, fees);
  // Head: no known day before it, and later days are never read.
  assert.equal(feesPerBlockBtc[0], 0);
  // Tail: the trailing known days, (2 + 4) / (200 + 100).
  assert.equal(feesPerBlockBtc[3], 6 / 300);
  assert.equal(feesPerBlockBtc[4], 6 / 300);
  assert.equal(feesPerBlockBtc[1], 0.01);
  assert.deepEqual(Array.from(imputed), [1, 0, 0, 1, 1]);
});

test('the window holds the nearest known days only', () => {
  const n = FEE_IMPUTATION_WINDOW_DAYS + 10;
  const blocks = new Float64Array(n + 1).fill(100);
  const fees = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) fees[i] = i < 10 ? 1000 : 1; // old days had huge fees
  fees[n] = NaN;
  const { feesPerBlockBtc } = feesPerBlockWithImputation(blocks, fees);
  assert.equal(feesPerBlockBtc[n], 0.01);
});

test('a day without blocks has no fee per block and is not imputed', () => {
  const { feesPerBlockBtc, imputed } = feesPerBlockWithImputation(
    Float64Array.from([0, 10]),
    Float64Array.from([NaN, 1]),
  );
  assert.ok(Number.isNaN(feesPerBlockBtc[0]));
  assert.equal(imputed[0], 0);
});
