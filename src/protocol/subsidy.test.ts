import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  blockSubsidySats,
  halvingIndex,
  issuanceSatsBetween,
  nextHalvingHeight,
  totalIssuanceSats,
} from './subsidy.ts';

const TOTAL = 2_099_999_997_690_000n;
/** First height with a zero subsidy (64 halvings). */
const ZERO_FROM = 64 * 210_000;

function bruteForce(from: number, to: number): bigint {
  let sum = 0n;
  for (let h = from; h <= to; h++) sum += blockSubsidySats(h);
  return sum;
}

test('halvingIndex and blockSubsidySats at era boundaries', () => {
  assert.equal(halvingIndex(0), 0);
  assert.equal(halvingIndex(209_999), 0);
  assert.equal(halvingIndex(210_000), 1);
  assert.equal(halvingIndex(840_000), 4);
  assert.equal(blockSubsidySats(0), 5_000_000_000n);
  assert.equal(blockSubsidySats(209_999), 5_000_000_000n);
  assert.equal(blockSubsidySats(210_000), 2_500_000_000n);
  assert.equal(blockSubsidySats(839_999), 625_000_000n);
  assert.equal(blockSubsidySats(840_000), 312_500_000n);
  assert.equal(blockSubsidySats(1_050_000), 156_250_000n);
  // 50 BTC >> 32 = 1 sat; 50 BTC >> 33 = 0 sat; Core forces 0 from 64 halvings (undefined shift).
  assert.equal(blockSubsidySats(32 * 210_000), 1n);
  assert.equal(blockSubsidySats(33 * 210_000 - 1), 1n);
  assert.equal(blockSubsidySats(33 * 210_000), 0n);
  assert.equal(blockSubsidySats(ZERO_FROM), 0n);
  assert.equal(blockSubsidySats(Number.MAX_SAFE_INTEGER), 0n);
});

test('each halving boundary halves the subsidy (block_subsidy_test)', () => {
  let previous = blockSubsidySats(0);
  for (let i = 1; i < 64; i++) {
    const subsidy = blockSubsidySats(i * 210_000);
    assert.ok(subsidy <= 5_000_000_000n);
    assert.equal(subsidy, previous / 2n);
    previous = subsidy;
  }
  assert.equal(blockSubsidySats(ZERO_FROM), 0n);
});

test('nextHalvingHeight', () => {
  assert.equal(nextHalvingHeight(0), 210_000);
  assert.equal(nextHalvingHeight(839_999), 840_000);
  assert.equal(nextHalvingHeight(840_000), 1_050_000);
  assert.equal(nextHalvingHeight(934_000), 1_050_000);
  assert.equal(nextHalvingHeight(1_049_999), 1_050_000);
});

test('invalid heights throw RangeError', () => {
  for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
    assert.throws(() => halvingIndex(bad), RangeError);
    assert.throws(() => blockSubsidySats(bad), RangeError);
    assert.throws(() => nextHalvingHeight(bad), RangeError);
    assert.throws(() => issuanceSatsBetween(bad, 10), RangeError);
    assert.throws(() => issuanceSatsBetween(0, bad), RangeError);
  }
});

test('issuanceSatsBetween examples', () => {
  assert.equal(issuanceSatsBetween(0, 0), 5_000_000_000n);
  assert.equal(issuanceSatsBetween(5, 4), 0n);
  assert.equal(issuanceSatsBetween(0, 209_999), 210_000n * 5_000_000_000n);
  assert.equal(issuanceSatsBetween(209_999, 210_000), 7_500_000_000n);
  // Supply mined through the fourth halving block (heights 0..840,000).
  assert.equal(issuanceSatsBetween(0, 840_000), 1_968_750_000_000_000n + 312_500_000n);
  assert.equal(issuanceSatsBetween(ZERO_FROM, ZERO_FROM + 1_000_000), 0n);
});

test('total issuance is 2,099,999,997,690,000 sat', () => {
  assert.equal(totalIssuanceSats(), TOTAL);
  assert.equal(issuanceSatsBetween(0, ZERO_FROM - 1), TOTAL);
  assert.equal(issuanceSatsBetween(0, Number.MAX_SAFE_INTEGER), TOTAL);
  // subsidy_limit_test: sample every 1000th height, weighted by 1000.
  let sampled = 0n;
  for (let h = 0; h < 14_000_000; h += 1000) sampled += blockSubsidySats(h) * 1000n;
  assert.equal(sampled, TOTAL);
});

test('property: any split of the height axis sums to the total', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: ZERO_FROM + 1000 }), (split) => {
      const before = split === 0 ? 0n : issuanceSatsBetween(0, split - 1);
      assert.equal(before + issuanceSatsBetween(split, Number.MAX_SAFE_INTEGER), TOTAL);
    }),
  );
});

test('property: issuanceSatsBetween equals a brute-force loop on small ranges', () => {
  // Ranges centred on era boundaries as well as anywhere, so crossings are well covered.
  const anywhere = fc.integer({ min: 0, max: ZERO_FROM + 5000 });
  const nearBoundary = fc
    .tuple(fc.integer({ min: 1, max: 66 }), fc.integer({ min: -3000, max: 3000 }))
    .map(([era, offset]) => era * 210_000 + offset);
  fc.assert(
    fc.property(fc.oneof(anywhere, nearBoundary), fc.integer({ min: -5, max: 4000 }), (from, length) => {
      const to = Math.max(0, from + length); // heights are never negative
      assert.equal(issuanceSatsBetween(from, to), to < from ? 0n : bruteForce(from, to));
    }),
    { numRuns: 200 },
  );
});

test('property: subsidy is monotone non-increasing in height', () => {
  const height = fc.integer({ min: 0, max: 70 * 210_000 });
  fc.assert(
    fc.property(height, height, (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(blockSubsidySats(lo) >= blockSubsidySats(hi));
    }),
  );
});

test('property: nextHalvingHeight is the first era start above the height', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100 * 210_000 }), (h) => {
      const next = nextHalvingHeight(h);
      assert.ok(next > h && next - h <= 210_000 && next % 210_000 === 0);
      assert.equal(halvingIndex(next), halvingIndex(h) + 1);
    }),
  );
});
