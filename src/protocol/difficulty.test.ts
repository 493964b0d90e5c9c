import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getCompact, setCompact } from './compact.ts';
import { POW_LIMIT } from './consensus-params.ts';
import { difficultyFromBits, difficultyFromTarget } from './difficulty.ts';

const DIFF1 = 0xffffn << 208n;
const UINT256_MAX = (1n << 256n) - 1n;
const SCALE = 200; // every difficulty is ≥ 2^-33, so x·2^200 is an integer for all of them

function float64Bits(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

function fromFloat64Bits(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}

/** x·2^SCALE exactly, for a positive normal double x ≥ 2^-(SCALE-52). */
function scaled(x: number): bigint {
  const bits = float64Bits(x);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const mantissa = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
  const shift = exponent - 1075 + SCALE;
  assert.ok(exponent > 0 && shift >= 0);
  return mantissa << BigInt(shift);
}

/** Asserts d is the double nearest to DIFF1 / target (within half an ulp on each side). */
function assertCorrectlyRounded(d: number, target: bigint): void {
  const below = fromFloat64Bits(float64Bits(d) - 1n);
  const above = fromFloat64Bits(float64Bits(d) + 1n);
  const exact2 = 2n * (DIFF1 << BigInt(SCALE)); // 2·q·2^SCALE·target, with q = DIFF1/target
  assert.ok((scaled(below) + scaled(d)) * target <= exact2, `${d} is above the rounding interval`);
  assert.ok(exact2 <= (scaled(d) + scaled(above)) * target, `${d} is below the rounding interval`);
}

/** `GetDifficulty` in src/rpc/blockchain.cpp, transcribed literally (float loop). */
function coreGetDifficulty(bits: number): number {
  let shift = (bits >>> 24) & 0xff;
  let diff = 0x0000ffff / (bits & 0x00ffffff);
  while (shift < 29) {
    diff *= 256.0;
    shift++;
  }
  while (shift > 29) {
    diff /= 256.0;
    shift--;
  }
  return diff;
}

const anyTarget = fc.oneof(
  fc.bigInt({ min: 1n, max: UINT256_MAX }),
  fc.integer({ min: 1, max: 256 }).chain((k) => fc.bigInt({ min: 1n, max: (1n << BigInt(k)) - 1n })),
);

test('difficulty of reference targets', () => {
  assert.equal(difficultyFromBits(0x1d00ffff), 1);
  assert.equal(difficultyFromTarget(DIFF1), 1);
  assert.equal(difficultyFromTarget(DIFF1 / 2n), 2);
  assert.equal(difficultyFromTarget(1n), 0xffff * 2 ** 208);
  assert.equal(difficultyFromTarget(POW_LIMIT), 0xffff / 0x10000); // 1 − 2^-16, rounded
  assert.equal(difficultyFromBits(0x1701fca1), 141668107417558.25);
  // 840,000 (fourth halving): 86,388,558,925,171.0 per the data notes.
  assert.equal(Math.round(difficultyFromBits(0x17034219) * 10) / 10, 86388558925171.0);
});

test('invalid targets and bits throw RangeError', () => {
  assert.throws(() => difficultyFromTarget(0n), RangeError);
  assert.throws(() => difficultyFromTarget(-1n), RangeError);
  assert.throws(() => difficultyFromTarget(1n << 256n), RangeError);
  assert.throws(() => difficultyFromBits(0), RangeError);
  assert.throws(() => difficultyFromBits(0x1d000000), RangeError);
  assert.throws(() => difficultyFromBits(-1), RangeError);
  assert.throws(() => difficultyFromBits(2 ** 32), RangeError);
});

test('GetDifficulty reads the 24-bit mantissa unsigned, as Core does', () => {
  // 0x1ef88f6f has the sign bit set (SetCompact: negative), yet Core's test expects 1.57e-5.
  assert.equal(difficultyFromBits(0x1ef88f6f), 0xffff / 0xf88f6f / 256);
  assert.ok(Math.abs(difficultyFromBits(0x1ef88f6f) - 1.6e-5) < 1e-5);
});

test('bigint scaling beats converting the target to a double first', () => {
  // A 224-bit target: Number(target) rounds away its low bits before the division.
  const target = 0xa8a412ab3e0a1bd0682a2e19f07255a0b6deda216b4be94bcb3af636n;
  const naive = Number(DIFF1) / Number(target);
  const d = difficultyFromTarget(target);
  assert.notEqual(naive, d);
  assertCorrectlyRounded(d, target);
});

test('property: difficultyFromTarget is correctly rounded', () => {
  fc.assert(
    fc.property(anyTarget, (target) => assertCorrectlyRounded(difficultyFromTarget(target), target)),
    { numRuns: 500 },
  );
});

test('property: on valid bits (exponent ≥ 3) difficultyFromBits is the correctly rounded quotient', () => {
  const validBits = fc.bigInt({ min: 1n << 16n, max: UINT256_MAX }).map((t) => getCompact(t));
  fc.assert(
    fc.property(validBits, (bits) => {
      assert.equal(difficultyFromBits(bits), coreGetDifficulty(bits));
      assert.equal(difficultyFromBits(bits), difficultyFromTarget(setCompact(bits).target));
    }),
    { numRuns: 500 },
  );
});

test('property: difficultyFromBits is Core GetDifficulty on any bits with a non-zero mantissa', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), (bits) => {
      fc.pre((bits & 0xffffff) !== 0);
      assert.equal(difficultyFromBits(bits), coreGetDifficulty(bits));
    }),
    { numRuns: 500 },
  );
});
