import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getCompact, setCompact, targetFromBits } from './compact.ts';
import { POW_LIMIT } from './consensus-params.ts';

const UINT256_MAX = (1n << 256n) - 1n;

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** t with everything below its top 24 bits (top 16 when the top byte is ≥ 0x80) cleared. */
function truncateToCompactPrecision(t: bigint): bigint {
  const bytes = Math.ceil(bitLength(t) / 8);
  const keptBytes = bitLength(t) % 8 === 0 ? 2 : 3; // a top byte ≥ 0x80 would set the sign bit
  if (bytes <= keptBytes) return t;
  const unit = 1n << BigInt(8 * (bytes - keptBytes));
  return t - (t % unit);
}

/**
 * Compacts in the canonical form GetCompact emits for positive values: the mantissa's top byte is non-zero,
 * except 0x00 followed by a byte ≥ 0x80 (the shift away from the sign bit); below size 3 the bytes that
 * SetCompact drops are zero.
 */
const canonicalCompact = fc
  .tuple(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 0x008000, max: 0x7fffff }))
  .map(([size, mantissa]) => {
    const dropped = 8 * Math.max(0, 3 - size);
    return ((size << 24) | ((mantissa >>> dropped) << dropped)) >>> 0;
  })
  .filter((bits) => (bits & 0x7fffff) !== 0);

const anyTarget = fc.oneof(
  fc.bigInt({ min: 0n, max: UINT256_MAX }),
  fc.bigInt({ min: 0n, max: 1n << 64n }),
  fc.integer({ min: 0, max: 256 }).chain((k) => fc.bigInt({ min: 0n, max: (1n << BigInt(k)) - 1n })),
);

test('SetCompact of mainnet bits', () => {
  assert.deepEqual(setCompact(0x1d00ffff), { target: 0xffffn << 208n, negative: false, overflow: false });
  assert.equal(setCompact(0x1701fca1).target, 0x1fca1n << 160n);
  assert.equal(targetFromBits(0x1d00ffff), 0xffffn << 208n);
  assert.equal(getCompact(POW_LIMIT), 0x1d00ffff);
  assert.equal(getCompact(0xffffn << 208n), 0x1d00ffff);
});

test('SetCompact sign and overflow flags follow Core', () => {
  assert.deepEqual(setCompact(0x04923456), { target: 0x12345600n, negative: true, overflow: false });
  assert.deepEqual(setCompact(0x01fedcba), { target: 0x7en, negative: true, overflow: false });
  // A sign bit with a zero mantissa (after the size < 3 shift) is not negative.
  assert.deepEqual(setCompact(0x01803456), { target: 0n, negative: false, overflow: false });
  assert.equal(setCompact(0xff123456).overflow, true);
  assert.equal(setCompact(0x220000ff).overflow, false); // 0xff·2^248 fits
  assert.equal(setCompact(0x220000ff).target, 0xffn << 248n);
  assert.equal(setCompact(0x22000100).overflow, true);
  assert.equal(setCompact(0x2100ffff).overflow, false);
  assert.equal(setCompact(0x21010000).overflow, true);
  assert.equal(setCompact(0x23000001).overflow, true);
  assert.equal(setCompact(0x23000000).overflow, false); // zero mantissa never overflows
});

test('GetCompact: sign bit never emitted for positive values, and negative encoding', () => {
  assert.equal(getCompact(0x80n), 0x02008000);
  assert.equal(getCompact(0x7en, true), 0x01fe0000);
  assert.equal(getCompact(0n, true), 0); // a zero mantissa is never negative
  assert.equal(getCompact(0x12345600n, true), 0x04923456);
  assert.equal(getCompact(UINT256_MAX), 0x2100ffff);
});

test('invalid inputs throw RangeError', () => {
  for (const bad of [-1, 2 ** 32, 1.5, Number.NaN]) assert.throws(() => setCompact(bad), RangeError);
  assert.throws(() => getCompact(-1n), RangeError);
  assert.throws(() => getCompact(1n << 256n), RangeError);
  assert.throws(() => targetFromBits(0x04923456), /negative/);
  assert.throws(() => targetFromBits(0xff123456), /overflow/);
  assert.throws(() => targetFromBits(0x1d000000), /zero/);
  assert.throws(() => targetFromBits(0x01003456), /zero/);
});

test('property: overflow flag is set exactly when the value does not fit in 256 bits', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), (bits) => {
      const size = bits >>> 24;
      const word = bits & 0x7fffff;
      const decoded = setCompact(bits);
      if (size > 3) {
        const full = BigInt(word) << BigInt(8 * (size - 3));
        assert.equal(decoded.overflow, full > UINT256_MAX);
        assert.equal(decoded.target, full & UINT256_MAX);
      } else {
        assert.equal(decoded.overflow, false);
      }
    }),
    { numRuns: 500 },
  );
});

test('property: canonical compacts round-trip exactly', () => {
  fc.assert(
    fc.property(canonicalCompact, (bits) => {
      const decoded = setCompact(bits);
      assert.equal(decoded.negative, false);
      assert.equal(decoded.overflow, false);
      assert.equal(getCompact(decoded.target), bits);
      assert.equal(getCompact(decoded.target, true), (bits | 0x00800000) >>> 0);
    }),
    { numRuns: 500 },
  );
});

test('property: any valid compact normalizes to one encoding of the same value', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), (bits) => {
      const decoded = setCompact(bits);
      fc.pre(!decoded.overflow);
      const normalized = getCompact(decoded.target, decoded.negative);
      const again = setCompact(normalized);
      assert.equal(again.target, decoded.target);
      assert.equal(again.negative, decoded.negative);
      assert.equal(getCompact(again.target, again.negative), normalized); // idempotent
    }),
    { numRuns: 500 },
  );
});

test('property: SetCompact(GetCompact(t)) is t truncated to compact precision', () => {
  fc.assert(
    fc.property(anyTarget, (t) => {
      const bits = getCompact(t);
      assert.ok(bits >= 0 && bits <= 0xffffffff && (bits & 0x00800000) === 0);
      const back = setCompact(bits);
      assert.equal(back.negative, false);
      assert.equal(back.overflow, false);
      assert.equal(back.target, truncateToCompactPrecision(t));
      // Relative precision: at least 16 significant bits survive.
      assert.ok((t - back.target) * 32768n <= t);
    }),
    { numRuns: 500 },
  );
});
