import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { btcFromSats } from '../units/quantities.ts';
import { issuanceSatsBetween } from '../protocol/subsidy.ts';
import { issuanceBtcOverHeights, nextHalvingHeightAbove, subsidyBtcOfBlock } from './fractional-issuance.ts';

test('over whole heights it equals the protocol schedule exactly', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 5000 }), (from, count) => {
      const expected = btcFromSats(issuanceSatsBetween(from + 1, from + count));
      assert.ok(Math.abs(issuanceBtcOverHeights(from, from + count) - expected) <= 1e-9 * (1 + expected));
    }),
  );
});

test('fractional heights: the block being mined pays its own subsidy', () => {
  assert.equal(issuanceBtcOverHeights(1_049_998.5, 1_049_999), 0.5 * 3.125);
  assert.equal(issuanceBtcOverHeights(1_049_999, 1_049_999.5), 0.5 * 1.5625);
  assert.equal(subsidyBtcOfBlock(1_050_000), 1.5625);
  assert.equal(subsidyBtcOfBlock(1_049_999.2), 1.5625); // rounds up to the block being mined
  assert.equal(nextHalvingHeightAbove(1_049_999.5), 1_050_000);
  assert.equal(nextHalvingHeightAbove(1_050_000), 1_260_000);
});
