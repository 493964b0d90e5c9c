import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getCompact, setCompact } from './compact.ts';
import { POW_LIMIT, POW_TARGET_TIMESPAN_S } from './consensus-params.ts';
import { calculateNextWorkRequired, isRetargetHeight } from './retarget.ts';

const T = POW_TARGET_TIMESPAN_S;
const START_S = 1_000_000_000;
const retarget = (lastBits: number, timespanS: number) =>
  calculateNextWorkRequired({ lastBits, firstBlockTimeS: START_S, lastBlockTimeS: START_S + timespanS });
const core = (lastBits: number, firstBlockTimeS: number, lastBlockTimeS: number) =>
  calculateNextWorkRequired({ lastBits, firstBlockTimeS, lastBlockTimeS });

test('Core pow_tests vectors', () => {
  // get_next_work: blocks #30240 .. #32255
  const unclamped = core(0x1d00ffff, 1261130161, 1262152739);
  assert.deepEqual(unclamped, {
    bits: 0x1d00d86a,
    target: 0xd86an << 208n,
    clamp: 'none',
    powLimitCapped: false,
    actualTimespanS: 1022578,
    clampedTimespanS: 1022578,
  });
  // get_next_work_pow_limit: blocks #0 .. #2015
  const capped = core(0x1d00ffff, 1231006505, 1233061996);
  assert.equal(capped.bits, 0x1d00ffff);
  assert.equal(capped.powLimitCapped, true);
  assert.equal(capped.clamp, 'none');
  // get_next_work_lower_limit_actual: blocks #66528 .. #68543
  const lower = core(0x1c05a3f4, 1279008237, 1279297671);
  assert.equal(lower.bits, 0x1c0168fd);
  assert.equal(lower.clamp, 'lower');
  assert.equal(lower.clampedTimespanS, T / 4);
  // get_next_work_upper_limit_actual
  const upper = core(0x1c387f6f, 1263163443, 1269211443);
  assert.equal(upper.bits, 0x1d00e1fd);
  assert.equal(upper.clamp, 'upper');
  assert.equal(upper.clampedTimespanS, 4 * T);
});

test('clamp boundaries are inclusive', () => {
  const bits = 0x1802b6ed;
  assert.equal(retarget(bits, T / 4).clamp, 'none');
  assert.equal(retarget(bits, T / 4 - 1).clamp, 'lower');
  assert.equal(retarget(bits, T / 4 - 1).bits, retarget(bits, T / 4).bits);
  assert.equal(retarget(bits, 4 * T).clamp, 'none');
  assert.equal(retarget(bits, 4 * T + 1).clamp, 'upper');
  assert.equal(retarget(bits, 4 * T + 1).bits, retarget(bits, 4 * T).bits);
  const negative = retarget(bits, -5000); // timestamps may go backwards; Core clamps the same way
  assert.equal(negative.clamp, 'lower');
  assert.equal(negative.actualTimespanS, -5000);
  assert.equal(negative.clampedTimespanS, T / 4);
  assert.equal(retarget(bits, T).bits, bits); // exactly on schedule: unchanged
});

test('like Core, the sign flag of lastBits is ignored', () => {
  assert.equal(retarget(0x04923456, T).bits, retarget(0x04123456, T).bits);
});

test('invalid inputs throw RangeError', () => {
  assert.throws(() => core(-1, 0, T), RangeError);
  assert.throws(() => core(2 ** 32, 0, T), RangeError);
  assert.throws(() => core(0x1d00ffff, 0.5, T), RangeError);
  assert.throws(() => core(0x1d00ffff, 0, Number.NaN), RangeError);
});

test('isRetargetHeight', () => {
  assert.equal(isRetargetHeight(0), true);
  assert.equal(isRetargetHeight(2015), false);
  assert.equal(isRetargetHeight(2016), true);
  assert.equal(isRetargetHeight(935_424), true);
  assert.equal(isRetargetHeight(935_425), false);
  assert.throws(() => isRetargetHeight(-2016), RangeError);
  assert.throws(() => isRetargetHeight(1.5), RangeError);
});

const oldBitsArb = fc.bigInt({ min: 1n, max: POW_LIMIT }).map((t) => getCompact(t));
const timespanArb = fc.oneof(
  fc.integer({ min: -2 * T, max: 6 * T }),
  fc.integer({ min: T / 4 - 10, max: T / 4 + 10 }),
  fc.integer({ min: 4 * T - 10, max: 4 * T + 10 }),
);

test('property: the new target stays within the clamp and under powLimit', () => {
  fc.assert(
    fc.property(oldBitsArb, timespanArb, (bits, timespan) => {
      const old = setCompact(bits).target;
      const r = retarget(bits, timespan);
      assert.equal(r.actualTimespanS, timespan);
      assert.ok(r.clampedTimespanS >= T / 4 && r.clampedTimespanS <= 4 * T);
      assert.equal(r.clamp, timespan < T / 4 ? 'lower' : timespan > 4 * T ? 'upper' : 'none');
      assert.equal(r.target, setCompact(r.bits).target);
      // Upper bound: old·4 and powLimit. Lower bound: old/4 less GetCompact's truncation (< 2^-15).
      assert.ok(r.target <= old * 4n && r.target <= POW_LIMIT);
      const lowest = old / 4n < POW_LIMIT ? old / 4n : POW_LIMIT;
      assert.ok(r.target * 32768n >= lowest * 32767n);
      // Proportional to the clamped timespan up to truncation, unless capped at powLimit.
      const exact = (old * BigInt(r.clampedTimespanS)) / BigInt(T);
      assert.equal(r.powLimitCapped, exact > POW_LIMIT);
      if (!r.powLimitCapped) assert.ok(r.target <= exact && (exact - r.target) * 32768n <= exact);
    }),
    { numRuns: 500 },
  );
});

test('property: a longer timespan never gives a smaller target', () => {
  fc.assert(
    fc.property(oldBitsArb, timespanArb, timespanArb, (bits, a, b) => {
      const [short, long] = a <= b ? [a, b] : [b, a];
      assert.ok(retarget(bits, short).target <= retarget(bits, long).target);
    }),
  );
});
